import { Agent, request, type Dispatcher } from 'undici';
import type { ExchangeRequest, ExchangeResponse } from '../model/exchange.js';
import { RateLimiter } from './rate-limiter.js';
import { retryAfterMs } from './retry-after.js';

export interface TransportOptions {
  /** Whole request, headers and body included. */
  timeoutMs: number;
  /** Larger bodies are cut off and reported as an error, so a hostile target cannot exhaust memory. */
  maxResponseBytes: number;
  /** Requests per second across the run; undefined = unlimited. */
  rate: number | undefined;
  /** Retries on 429/503 that carry Retry-After; never otherwise. */
  maxRetries: number;
  /** A Retry-After longer than this is not waited for. */
  maxRetryAfterMs: number;
  connections: number;
}

export const DEFAULT_TRANSPORT: TransportOptions = {
  timeoutMs: 30_000,
  maxResponseBytes: 16 * 1024 * 1024,
  rate: undefined,
  maxRetries: 2,
  maxRetryAfterMs: 10_000,
  connections: 16,
};

export type TransportErrorKind = 'timeout' | 'too-large' | 'connection' | 'tls' | 'invalid-request';

export interface TransportError {
  kind: TransportErrorKind;
  message: string;
}

/** One attempt; the answers a retry replaced are kept so 429/503 are never silently retried away. */
export interface Attempt {
  status: number;
  retryAfter: string | undefined;
}

export type SendResult =
  | { ok: true; request: ExchangeRequest; response: ExchangeResponse; durationMs: number; earlierAttempts: Attempt[] }
  | { ok: false; request: ExchangeRequest; error: TransportError; durationMs: number; earlierAttempts: Attempt[] };

function classify(error: unknown): TransportError {
  const e = error as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code ?? '';
  const message = e.message ?? String(error);
  if (e.name === 'TimeoutError' || e.name === 'AbortError' || /TIMEOUT/.test(code))
    return { kind: 'timeout', message: `no complete answer within the timeout (${message})` };
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code) || /certificate/i.test(message)) return { kind: 'tls', message: `TLS failed: ${message}` };
  if (code === 'UND_ERR_INVALID_ARG') return { kind: 'invalid-request', message };
  return { kind: 'connection', message: `${code ? `${code}: ` : ''}${message}` };
}

async function readCapped(body: Dispatcher.ResponseData['body'], cap: number): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > cap) {
      body.destroy();
      return 'too-large';
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function parseBody(headers: Record<string, string>, bytes: Buffer): { body: unknown; text: string } {
  const text = bytes.toString('utf8');
  if (text.length > 0 && /json/i.test(headers['content-type'] ?? '')) {
    try {
      return { body: JSON.parse(text), text };
    } catch {
      return { body: text, text };
    }
  }
  return { body: text, text };
}

function flatHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/**
 * The suite's HTTP client: keep-alive pooling, a deadline on every request, a cap on response size, a
 * client-side rate limit, and retries only where the target asked for them with Retry-After. Redirects are
 * not followed: a conformant IMS endpoint answers directly. Never throws; failures come back as `ok: false`.
 */
export class Transport {
  private readonly agent: Agent;
  private readonly limiter: RateLimiter;

  constructor(
    readonly options: TransportOptions = DEFAULT_TRANSPORT,
    agentOptions: Agent.Options = {},
  ) {
    this.agent = new Agent({ connections: options.connections, keepAliveTimeout: 4_000, ...agentOptions });
    this.limiter = new RateLimiter(options.rate);
  }

  async send(req: ExchangeRequest): Promise<SendResult> {
    const started = Date.now();
    const earlierAttempts: Attempt[] = [];
    let payload: Buffer | string | undefined;
    if (Buffer.isBuffer(req.body) || typeof req.body === 'string') payload = req.body;
    else if (req.body !== undefined) payload = JSON.stringify(req.body);
    for (let attempt = 0; ; attempt++) {
      await this.limiter.wait();
      try {
        const res = await request(req.url, {
          method: req.method as Dispatcher.HttpMethod,
          headers: req.headers,
          body: payload,
          dispatcher: this.agent,
          headersTimeout: this.options.timeoutMs,
          bodyTimeout: this.options.timeoutMs,
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
        const headers = flatHeaders(res.headers as Record<string, string | string[] | undefined>);
        const bytes = await readCapped(res.body, this.options.maxResponseBytes);
        if (bytes === 'too-large')
          return {
            ok: false,
            request: req,
            error: { kind: 'too-large', message: `response body over ${this.options.maxResponseBytes} bytes` },
            durationMs: Date.now() - started,
            earlierAttempts,
          };
        const wait = retryAfterMs(headers['retry-after']);
        if (
          (res.statusCode === 429 || res.statusCode === 503) &&
          wait !== undefined &&
          wait <= this.options.maxRetryAfterMs &&
          attempt < this.options.maxRetries
        ) {
          earlierAttempts.push({ status: res.statusCode, retryAfter: headers['retry-after'] });
          await new Promise((resolve) => setTimeout(resolve, wait));
          continue;
        }
        return {
          ok: true,
          request: req,
          response: { status: res.statusCode, headers, ...parseBody(headers, bytes) },
          durationMs: Date.now() - started,
          earlierAttempts,
        };
      } catch (error) {
        return { ok: false, request: req, error: classify(error), durationMs: Date.now() - started, earlierAttempts };
      }
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
