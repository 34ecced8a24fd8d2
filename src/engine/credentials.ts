import type { Config, PrincipalConfig } from '../config/config.js';
import type { SpecOperation } from '../model/operation.js';
import type { Transport } from '../transport/transport.js';
import { signRequest, type RequestToSign } from '../auth/sdk-hmac-sha256.js';

export type AuthHeaders = { ok: true; headers: Record<string, string> } | { ok: false; skip: string } | { ok: false; error: string };

/** A token a password principal signed in for; handed from the CLI to the suite files so they share it. */
export interface CachedToken {
  value: string;
  projectId: string | undefined;
  /** Refresh this long before the token expires, so a long run never sends a stale one. */
  refreshAt: number;
}

const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * Turns each principal of the config into request headers: a token as X-Auth-Token, static headers as they are,
 * a password as a project-scoped token from the IAM endpoint (cached, refreshed before it expires), an AK/SK pair
 * as an `SDK-HMAC-SHA256` signature of each request.
 */
export class Credentials {
  private readonly tokens = new Map<string, Promise<CachedToken | string>>();

  constructor(
    private readonly config: Config,
    private readonly transport: Transport,
    private readonly iamBase: string,
    private readonly tokenOperation: SpecOperation | undefined,
    /** Tokens already issued for this run (see `signInAll`), used until they need refreshing. */
    issued: Record<string, CachedToken> = {},
  ) {
    for (const [name, token] of Object.entries(issued)) this.tokens.set(name, Promise.resolve(token));
  }

  /**
   * Signs every password principal in once, so the suite files (each its own process) share the tokens instead
   * of each asking the IAM endpoint again: a real IAM rate-limits token creation. Failures are left out; the
   * files then try themselves and report the reason.
   */
  async signInAll(): Promise<Record<string, CachedToken>> {
    const names = Object.keys(this.config.principals).filter((n) => this.config.principals[n]?.password);
    const tokens = await Promise.all(
      names.map(async (n): Promise<[string, CachedToken | string]> => [n, await this.passwordToken(n, this.config.principals[n] as PrincipalConfig)]),
    );
    return Object.fromEntries(tokens.filter((t): t is [string, CachedToken] => typeof t[1] !== 'string'));
  }

  principal(name: string): PrincipalConfig | undefined {
    return this.config.principals[name];
  }

  /** The project a principal acts in: its own, the config's, or the one its password token was scoped to. */
  async projectOf(name: string): Promise<string | undefined> {
    const p = this.principal(name);
    if (!p) return undefined;
    if (p.projectId ?? p.password?.projectId) return p.projectId ?? p.password?.projectId;
    if (p.password) {
      const token = await this.passwordToken(name, p);
      if (typeof token !== 'string' && token.projectId) return token.projectId;
    }
    return this.config.projectId;
  }

  /** The credential headers of a principal for this request (AK/SK signatures cover the request itself). */
  async headersFor(name: string, request: RequestToSign): Promise<AuthHeaders> {
    const p = this.principal(name);
    if (!p) return { ok: false, skip: `principal ${name} is not configured` };
    if (p.token) return { ok: true, headers: { 'x-auth-token': p.token } };
    if (p.headers) return { ok: true, headers: { ...p.headers } };
    if (p.aksk) {
      try {
        return { ok: true, headers: signRequest(p.aksk, p.projectId ?? this.config.projectId, request) };
      } catch (error) {
        return { ok: false, error: `principal ${name}: AK/SK signing failed (${(error as Error).message})` };
      }
    }
    if (p.password) {
      const token = await this.passwordToken(name, p);
      return typeof token === 'string' ? { ok: false, error: token } : { ok: true, headers: { 'x-auth-token': token.value } };
    }
    return { ok: false, skip: `principal ${name} has no credentials` };
  }

  private passwordToken(name: string, p: PrincipalConfig): Promise<CachedToken | string> {
    const cached = this.tokens.get(name);
    const fresh = cached?.then((t) => (typeof t === 'string' || Date.now() < t.refreshAt ? t : undefined));
    const next = (async () => (await fresh) ?? this.issue(p))();
    this.tokens.set(name, next);
    return next;
  }

  private async issue(p: PrincipalConfig): Promise<CachedToken | string> {
    const pw = p.password;
    if (!pw || !this.tokenOperation) return 'no token operation in the spec';
    const projectId = p.projectId ?? pw.projectId ?? (pw.project ? undefined : this.config.projectId);
    const scope = projectId ? { project: { id: projectId } } : pw.project ? { project: { name: pw.project, domain: { name: pw.domain } } } : undefined;
    if (!scope) return `password principal needs project, projectId or the config's projectId to scope its token`;
    const sent = await this.transport.send({
      method: 'POST',
      url: `${this.iamBase}${this.tokenOperation.path}`,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: { auth: { identity: { methods: ['password'], password: { user: { name: pw.user, password: pw.password, domain: { name: pw.domain } } } }, scope } },
    });
    if (!sent.ok) return `token request failed: ${sent.error.message}`;
    const value = sent.response.headers['x-subject-token'];
    if (sent.response.status !== 201 || !value) return `token request answered ${sent.response.status} without X-Subject-Token`;
    const token = (sent.response.body as { token?: { expires_at?: string; project?: { id?: string } } }).token;
    const expires = Date.parse(token?.expires_at ?? '') || Date.now() + 3600_000;
    return { value, projectId: token?.project?.id, refreshAt: expires - REFRESH_MARGIN_MS };
  }
}
