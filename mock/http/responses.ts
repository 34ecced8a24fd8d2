/** What a handler answers; the server serializes it. `body` is JSON unless it is a string or a Buffer. */
export interface MockResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Tells a handler's early answer from the value a look-up returned instead (an image, a server, a project id). */
export const isResponse = (value: object): value is MockResponse => 'status' in value && typeof (value as MockResponse).status === 'number';

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): MockResponse => ({ status, body, headers });

export const empty = (status: number, headers: Record<string, string> = {}): MockResponse => ({ status, headers });

/** IMS error body; every IMG code is HTTP 400 except IMG.0026 (403), but callers may pick 404/409 for not-found/conflict. */
export const imsError = (status: number, code: string, message: string): MockResponse => json(status, { error: { code, message } });

/** API gateway / IAM error body, sent before IMS would see the request. */
export const gatewayError = (status: number, code: string, message: string): MockResponse =>
  json(status, { error_code: code, error_msg: message, request_id: crypto.randomUUID().replace(/-/g, '') });

/** Nova's fault body: `{"itemNotFound": {"code": 404, "message": …}}`. */
export const novaFault = (status: number, name: string, message: string): MockResponse => json(status, { [name]: { code: status, message } });

const NOVA_FAULTS: Record<number, string> = {
  400: 'badRequest',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'itemNotFound',
  409: 'conflictingRequest',
  413: 'overLimit',
  500: 'computeFault',
  503: 'serviceUnavailable',
};

/** The error an endpoint answers in its own dialect: Nova faults on the compute endpoint, IMS errors elsewhere. */
export function errorFor(endpoint: string, status: number, imsCode: string, message: string): MockResponse {
  if (endpoint === 'compute') return novaFault(status, NOVA_FAULTS[status] ?? 'computeFault', message);
  return imsError(status, imsCode, message);
}
