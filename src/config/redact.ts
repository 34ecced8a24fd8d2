import type { Config } from './config.js';

export const REDACTED = '***';

/** Header names whose values are credentials, wherever they appear (requests, responses, reproductions). */
export const SECRET_HEADERS = new Set(['x-auth-token', 'x-subject-token', 'authorization', 'x-security-token', 'cookie', 'set-cookie']);

/** A copy of the config safe to print or write: every credential replaced, the shape kept. */
export function redactConfig(config: Config): Config {
  const principals = Object.fromEntries(
    Object.entries(config.principals).map(([name, p]) => [
      name,
      {
        ...p,
        ...(p.token !== undefined ? { token: REDACTED } : {}),
        ...(p.password ? { password: { ...p.password, password: REDACTED } } : {}),
        ...(p.aksk ? { aksk: { ak: REDACTED, sk: REDACTED, ...(p.aksk.securityToken ? { securityToken: REDACTED } : {}) } } : {}),
        ...(p.headers ? { headers: Object.fromEntries(Object.keys(p.headers).map((h) => [h, REDACTED])) } : {}),
      },
    ]),
  );
  return { ...config, principals };
}

/** Every secret string in the config, so any text can be scrubbed of them (longest first). */
export function secretsOf(config: Config): string[] {
  const found: string[] = [];
  for (const p of Object.values(config.principals)) {
    if (p.token) found.push(p.token);
    if (p.password) found.push(p.password.password);
    if (p.aksk) found.push(p.aksk.ak, p.aksk.sk, ...(p.aksk.securityToken ? [p.aksk.securityToken] : []));
    if (p.headers) found.push(...Object.values(p.headers));
  }
  return [...new Set(found.filter((s) => s.length >= 4))].sort((a, b) => b.length - a.length);
}

/** Replaces every known secret in a text. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join(REDACTED);
  return out;
}
