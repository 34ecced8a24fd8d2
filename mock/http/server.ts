import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { MockResponse } from './responses.js';

export interface ReadRequest {
  method: string;
  url: string;
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
  bodyTooLarge: boolean;
}

/** Reads a body up to `limit` bytes; beyond that it keeps draining (up to 4× the limit) and reports it too large. */
function readBody(req: IncomingMessage, limit: number): Promise<{ body: Buffer; tooLarge: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        if (size > limit * 4) req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve({ body: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge }));
    req.on('error', () => resolve({ body: Buffer.alloc(0), tooLarge }));
    req.on('close', () => resolve({ body: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge }));
  });
}

function headersOf(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

/** A response as it goes on the wire: final headers (content type and length filled in) and bytes. */
export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  payload: Buffer | undefined;
}

function serialize(method: string, response: MockResponse): WireResponse {
  const headers: Record<string, string> = { ...response.headers };
  let payload: Buffer | undefined;
  if (response.body !== undefined && response.status !== 204 && response.status !== 304) {
    if (Buffer.isBuffer(response.body)) payload = response.body;
    else if (typeof response.body === 'string') {
      payload = Buffer.from(response.body, 'utf8');
      headers['content-type'] ??= 'text/plain; charset=UTF-8';
    } else {
      payload = Buffer.from(JSON.stringify(response.body), 'utf8');
      headers['content-type'] ??= 'application/json; charset=UTF-8';
    }
  }
  headers['content-length'] = String(payload?.length ?? 0);
  return { status: response.status, headers, payload: method === 'HEAD' ? undefined : payload };
}

export interface HttpHandlerOptions {
  maxBodyBytes: number;
  maxUploadBytes: number;
  handle: (request: ReadRequest) => MockResponse;
  /** Sees every request with the response exactly as sent (the tests validate each one against the spec). */
  observe?: (request: ReadRequest, response: WireResponse) => void;
  /**
   * Round-trip time each answer takes (0: none), like a region far away: half of it before the request is handled
   * (the way there), half before the answer leaves (the way back).
   */
  latencyMs?: number;
}

const after = (ms: number): Promise<void> => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());

/** A node:http server that reads each request fully (bounded), hands it to `handle`, and writes the answer. */
export function createMockServer(options: HttpHandlerOptions): Server {
  const server = createServer((req, res) => {
    const isUpload = (req.headers['content-type'] ?? '').startsWith('application/octet-stream');
    const latency = options.latencyMs ?? 0;
    void readBody(req, isUpload ? options.maxUploadBytes : options.maxBodyBytes).then(async ({ body, tooLarge }) => {
      await after(Math.floor(latency / 2));
      if (res.writableEnded || res.destroyed) return;
      const request = { method: req.method ?? 'GET', url: req.url ?? '/', headers: headersOf(req), rawBody: body, bodyTooLarge: tooLarge };
      const wire = serialize(request.method, options.handle(request));
      await after(latency - Math.floor(latency / 2));
      if (res.writableEnded || res.destroyed) return;
      options.observe?.(request, wire);
      res.writeHead(wire.status, wire.headers);
      res.end(wire.payload);
    });
  });
  server.keepAliveTimeout = 5_000;
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  return server;
}
