import { readFileSync } from 'node:fs';
import type { Agent } from 'undici';
import type { Config } from '../config/config.js';

/**
 * undici's connection options for the run's certificate settings. Verification is on unless the user said
 * `--insecure`; `--ca-file` adds their CA bundle (a private cloud's CA) to Node's trusted roots.
 */
export function tlsAgentOptions(tls: Config['tls']): Agent.Options {
  if (tls.insecure) return { connect: { rejectUnauthorized: false } };
  if (tls.caFile) return { connect: { ca: readFileSync(tls.caFile) } };
  return {};
}
