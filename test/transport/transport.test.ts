import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_TRANSPORT, Transport } from '../../src/transport/transport.js';

const servers: Server[] = [];
const transports: Transport[] = [];
afterEach(async () => {
  await Promise.all(transports.splice(0).map((t) => t.close()));
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    s.close();
  }
});

async function serve(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function transport(overrides: Partial<typeof DEFAULT_TRANSPORT> = {}): Transport {
  const t = new Transport({ ...DEFAULT_TRANSPORT, timeoutMs: 500, ...overrides });
  transports.push(t);
  return t;
}

const get = (url: string) => ({ method: 'GET', url, headers: {} });

describe('the transport', () => {
  it('parses JSON bodies and keeps other bodies as text', async () => {
    const url = await serve((req, res) => {
      res.setHeader('content-type', req.url === '/json' ? 'application/json' : 'text/html');
      res.end(req.url === '/json' ? '{"a":1}' : '<html>');
    });
    const json = await transport().send(get(`${url}/json`));
    expect(json.ok && json.response.body).toEqual({ a: 1 });
    const html = await transport().send(get(`${url}/html`));
    expect(html.ok && html.response.body).toBe('<html>');
  });

  it('gives up on a target that never answers, within the timeout', async () => {
    const url = await serve(() => {
      /* never answers */
    });
    const started = Date.now();
    const result = await transport({ timeoutMs: 300 }).send(get(url));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('cuts off a body larger than the cap', async () => {
    const url = await serve((_req, res) => {
      res.end(Buffer.alloc(2 * 1024 * 1024, 0x61));
    });
    const result = await transport({ maxResponseBytes: 1024 * 1024 }).send(get(url));
    expect(!result.ok && result.error.kind).toBe('too-large');
  });

  it('retries a 503 that carries Retry-After, and keeps the 503 on record', async () => {
    let calls = 0;
    const url = await serve((_req, res) => {
      calls++;
      if (calls === 1) {
        res.writeHead(503, { 'retry-after': '0', 'content-type': 'application/json' });
        res.end('{}');
      } else res.end('ok');
    });
    const result = await transport().send(get(url));
    expect(result.ok && result.response.status).toBe(200);
    expect(result.earlierAttempts).toEqual([{ status: 503, retryAfter: '0' }]);
  });

  it('does not retry a 503 without Retry-After, and stops after the retry budget', async () => {
    let calls = 0;
    const url = await serve((req, res) => {
      calls++;
      res.writeHead(503, req.url === '/always' ? { 'retry-after': '0' } : {});
      res.end();
    });
    const plain = await transport().send(get(`${url}/plain`));
    expect(plain.ok && plain.response.status).toBe(503);
    expect(calls).toBe(1);
    const always = await transport({ maxRetries: 2 }).send(get(`${url}/always`));
    expect(always.ok && always.response.status).toBe(503);
    expect(calls).toBe(1 + 3);
  });

  it('reports a connection the target closes without answering', async () => {
    const url = await serve((req) => {
      req.socket.destroy();
    });
    const result = await transport().send(get(url));
    expect(!result.ok && result.error.kind).toBe('connection');
  });

  it('spaces requests to the configured rate', async () => {
    const url = await serve((_req, res) => res.end());
    const t = transport({ rate: 20 });
    const started = Date.now();
    await Promise.all(Array.from({ length: 5 }, () => t.send(get(url))));
    expect(Date.now() - started).toBeGreaterThanOrEqual(180);
  });
});
