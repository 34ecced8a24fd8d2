import type { SpecOperation } from './operation.js';

/** One HTTP request as the suite sent it (headers already redacted when it leaves the transport). */
export interface ExchangeRequest {
  method: string;
  /** Absolute URL. */
  url: string;
  headers: Record<string, string>;
  /** JSON value, raw bytes, or undefined for no body. */
  body?: unknown;
}

/** One HTTP response as received. `body` is parsed JSON when the text parses as JSON, else the text. */
export interface ExchangeResponse {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: unknown;
  text: string;
}

/** A request, its response and the operation of the spec it exercised: what every check reads. */
export interface Exchange {
  operation: SpecOperation;
  request: ExchangeRequest;
  response: ExchangeResponse;
  durationMs?: number;
  /** Statuses of earlier attempts a Retry-After retry replaced (429/503), so none is silently lost. */
  earlierStatuses?: number[];
}
