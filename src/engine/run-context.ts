import type { CheckId } from '../model/check-id.js';
import type { Config } from '../config/config.js';
import { SECRET_HEADERS, REDACTED } from '../config/redact.js';
import type { LoadedSpec } from '../spec/load-spec.js';
import type { SpecOperation } from '../model/operation.js';
import { SchemaValidator } from '../spec/schema-validator.js';
import { tlsAgentOptions } from '../transport/tls.js';
import { LocalPermits, type Permits } from '../transport/permits.js';
import { DEFAULT_TRANSPORT, Transport } from '../transport/transport.js';
import { CreatedImages, noteAnswer } from './created-images.js';
import { unconfiguredEndpoint } from './unconfigured-endpoint.js';
import { Credentials, type CachedToken } from './credentials.js';
import { SharedSetup } from './shared-setup.js';
import type { Exchange, ExchangeRequest } from '../model/exchange.js';
import { noteStep, requestPriority } from './timeline.js';

/** How a call authenticates: as a configured principal, with no credentials, or with a bogus token. */
export type CallerSpec = { as: string } | { credentials: 'none' } | { credentials: 'bogus' };

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
  /** Defaults to the first media type the operation's request body documents. */
  mediaType?: string;
  headers?: Record<string, string>;
}

export type CallResult =
  | { ok: true; exchange: Exchange }
  | { ok: false; kind: 'skip'; message: string }
  | { ok: false; kind: 'error'; message: string; request?: ExchangeRequest };

const BOGUS_TOKEN = `MII${'b0gus'.repeat(12)}`;

/** Everything one run shares: configuration, spec, HTTP client, credentials, created resources, exchanges. */
export class RunContext {
  readonly validator = new SchemaValidator();
  readonly transport: Transport;
  readonly credentials: Credentials;
  readonly bases: { image: string; compute: string; iam: string };
  /** Image ids this run created, with the principal that can delete them, for cleanup. */
  readonly created = new CreatedImages();
  /** Images and jobs that read-only scenarios share (see preconditions). */
  readonly shared = new SharedSetup();
  requestCount = 0;
  /**
   * Checks applied nowhere in this run (`apply-checks.ts` passes them over): only the remove-a-check test sets it,
   * to show that a check that does not run leaves its ids unjudged, never passed.
   */
  withheldChecks: ReadonlySet<CheckId> = new Set();
  /** Requests that may create an image, sent and not yet answered (they count against --max-resources). */
  private creating = 0;

  constructor(
    readonly config: Config & { target: string },
    readonly spec: LoadedSpec,
    issuedTokens: Record<string, CachedToken> = {},
    /** The run's bound on requests in flight at the target (shared by its processes); this run's own by default. */
    private readonly permits: Permits = new LocalPermits(config.concurrency),
  ) {
    const strip = (url: string): string => url.replace(/\/+$/, '');
    this.bases = {
      image: strip(config.target),
      compute: strip(config.endpoints.compute ?? config.target),
      iam: strip(config.endpoints.iam ?? config.target),
    };
    this.transport = new Transport(
      { ...DEFAULT_TRANSPORT, timeoutMs: config.timeoutMs, rate: config.rate, connections: Math.max(4, config.concurrency * 2) },
      tlsAgentOptions(config.tls),
    );
    this.credentials = new Credentials(config, this.transport, this.bases.iam, this.role('token.create'), issuedTokens);
  }

  /** The operation playing a role (`x-roles`); throws when the spec lacks it (the spec tests prevent that). */
  role(role: string): SpecOperation {
    const op = this.spec.operations.find((o) => o.roles.includes(role));
    if (!op) throw new Error(`the spec names no operation for role ${role}`);
    return op;
  }

  roles(role: string): SpecOperation[] {
    return this.spec.operations.filter((o) => o.roles.includes(role));
  }

  url(op: SpecOperation, params: Record<string, string> = {}, query: Record<string, unknown> = {}): string {
    const path = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(params[name] ?? `{${name}}`));
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) search.set(k, String(v));
    const qs = search.toString();
    return `${this.bases[op.endpoint]}${path}${qs ? `?${qs}` : ''}`;
  }

  /** Sends one request for an operation and returns the exchange the checks read. */
  async call(op: SpecOperation, caller: CallerSpec, options: CallOptions = {}): Promise<CallResult> {
    // The last line of --read-only, whatever a scenario asks: nothing but GET and HEAD leaves the suite.
    if (this.config.readOnly && op.method !== 'get' && op.method !== 'head')
      return { ok: false, kind: 'skip', message: `${op.method.toUpperCase()} ${op.path} could change the target, and the run is --read-only` };
    const unserved = unconfiguredEndpoint(op, this.config);
    if (unserved) return { ok: false, kind: 'skip', message: unserved };
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (options.body !== undefined) headers['content-type'] = options.mediaType ?? Object.keys(op.requestBody?.content ?? {})[0] ?? 'application/json';
    const url = this.url(op, options.params, options.query);
    if ('as' in caller) {
      const auth = await this.credentials.headersFor(caller.as, { method: op.method.toUpperCase(), url, headers, body: options.body });
      if (!auth.ok) return 'skip' in auth ? { ok: false, kind: 'skip', message: auth.skip } : { ok: false, kind: 'error', message: auth.error };
      Object.assign(headers, auth.headers);
    } else if (caller.credentials === 'bogus') headers['x-auth-token'] = BOGUS_TOKEN;
    const request: ExchangeRequest = { method: op.method.toUpperCase(), url, headers, body: options.body };
    const mayCreate = op.createsImages && this.config.maxResources !== undefined;
    if (mayCreate) {
      const full = await this.reserveRoom();
      if (full) return { ok: false, kind: 'skip', message: full };
    }
    this.requestCount++;
    const release = await this.permits.acquire(requestPriority());
    const sentAt = Date.now();
    const sent = await this.transport.send(request).finally(() => {
      release();
      if (mayCreate) this.creating--;
    });
    noteStep('request', sentAt, Date.now());
    // A deleted image no longer counts as alive (and needs no cleanup). Not on 404: a stranger's delete is answered
    // 404 for an image that lives on.
    if (sent.ok && op.roles.includes('image.delete') && [200, 204].includes(sent.response.status) && options.params?.image_id)
      this.created.delete(options.params.image_id);
    // What an answer shows to exist (a later 404 on deleting it then means it is gone, not yet to appear), and the
    // jobs that will make images.
    if (sent.ok) noteAnswer(this.created, op, options.params, 'as' in caller ? caller.as : undefined, sent.response.status, sent.response.body);
    const recorded = { ...request, headers: redactHeaders(headers) };
    if (!sent.ok) return { ok: false, kind: 'error', message: `${op.operationId}: ${sent.error.message}`, request: recorded };
    return {
      ok: true,
      exchange: {
        operation: op,
        request: recorded,
        response: { ...sent.response, headers: redactHeaders(sent.response.headers) },
        durationMs: sent.durationMs,
        earlierStatuses: sent.earlierAttempts.map((a) => a.status),
      },
    };
  }

  /**
   * `--max-resources N`: a request that may create an image waits while N images of this run are alive or being
   * created; if none goes within the poll timeout, the check is skipped with the reason instead of exceeding it.
   * Images an asynchronous job makes count from when the job reports them.
   */
  private async reserveRoom(): Promise<string | undefined> {
    const max = this.config.maxResources ?? Infinity;
    const deadline = Date.now() + this.config.pollTimeoutMs;
    while (this.created.size + this.creating >= max) {
      if (Date.now() > deadline)
        return `--max-resources ${max}: ${this.created.size} images of this run stayed alive for ${Math.round(this.config.pollTimeoutMs / 1000)} s, so no more may be created`;
      await new Promise((r) => setTimeout(r, 100));
    }
    // Taken in the same tick as the check: concurrent requests cannot all pass it before one counts.
    this.creating++;
    return undefined;
  }

  async close(): Promise<void> {
    await this.permits.close();
    await this.transport.close();
  }
}

/** Header values that are credentials never leave the transport: exchanges keep the names, not the values. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, SECRET_HEADERS.has(k.toLowerCase()) ? REDACTED : v]));
}
