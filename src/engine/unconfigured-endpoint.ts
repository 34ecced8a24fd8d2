import type { Config } from '../config/config.js';
import type { SpecOperation } from '../model/operation.js';

/**
 * Why a call cannot be judged with this config, if it cannot: an identity call (`x-endpoint: iam`, Keystone's
 * `GET /v3`, the token call) goes to `endpoints.iam` only. The image host is no identity service, so with no
 * `endpoints.iam` the call would judge the wrong server; it is skipped with that reason instead.
 */
export function unconfiguredEndpoint(op: Pick<SpecOperation, 'endpoint' | 'method' | 'path'>, config: Pick<Config, 'endpoints'>): string | undefined {
  if (op.endpoint !== 'iam' || config.endpoints.iam) return undefined;
  return `endpoints.iam is not configured: ${op.method.toUpperCase()} ${op.path} is an identity-service call, judged only at the identity endpoint the config names (the image host is not one)`;
}
