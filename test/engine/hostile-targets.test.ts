import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { runSuite, type RunOutcome } from '../../src/cli/in-process-run.js';

/**
 * The suite is a guest on targets it does not control. Each server here misbehaves in one way; the run against it
 * must end — within its timeouts, with no crash and no unhandled rejection — in failed or error results that say
 * what happened, and never report a check it could not make as passed.
 */
type Behaviour = (req: IncomingMessage, res: ServerResponse) => void;

const JSON_HEADERS = { 'content-type': 'application/json' };

/** What each hostile target must fail at least: results that cannot pass against it (all of them, for broken transports). */
const BROKEN = ['listImages/status-expected', 'listImages/response-schema', 'showImage/status-expected', 'listVersions/status-expected'];

/** How a target misbehaves, what the verdict must say, the checks it must fail, and a per-request deadline other than 1 s. */
const HOSTILE: Record<string, { behave: Behaviour; says: RegExp; fails?: string[]; timeout?: string }> = {
  'never answers': { behave: () => {}, says: /timed out|timeout/i },
  'answers slower than the timeout': {
    behave: (_q, res) => void setTimeout(() => res.writeHead(200, JSON_HEADERS).end('{}'), 3_000).unref(),
    says: /timed out|timeout/i,
  },
  'trickles its body a byte at a time': {
    behave: (_q, res) => {
      res.writeHead(200, JSON_HEADERS);
      const tick = setInterval(() => (res.destroyed ? clearInterval(tick) : res.write(' ')), 300);
      tick.unref();
    },
    says: /timed out|timeout/i,
  },
  'sends a huge body': {
    behave: (_q, res) => {
      res.writeHead(200, JSON_HEADERS);
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const more = (): void => {
        while (sent < 64 && !res.destroyed) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        res.end();
      };
      more();
    },
    says: /over \d+ bytes/,
    // The size cap, not the deadline, must end each answer: 16 MiB over loopback can take more than the 1 s
    // deadline on a loaded machine.
    timeout: '20000',
  },
  'answers HTML instead of JSON': {
    behave: (_q, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Welcome to nginx!</body></html>'),
    says: /content type|media type|text\/html|schema/i,
    fails: ['listImages/content-type', 'listImages/response-schema', 'listVersions/status-expected'],
  },
  'labels broken JSON as JSON': {
    behave: (_q, res) => res.writeHead(200, JSON_HEADERS).end('{"images": [{"id": '),
    says: /schema|JSON|body/i,
    fails: ['listImages/response-schema', 'showImage/response-schema'],
  },
  'promises more bytes than it sends': {
    behave: (_q, res) => {
      res.writeHead(200, { ...JSON_HEADERS, 'content-length': '1000' });
      res.write('{"images": []');
      res.socket?.destroy();
    },
    says: /closed|terminated|socket|connection|length/i,
  },
  'closes every connection at once': { behave: (req) => req.socket.destroy(), says: /closed|socket|connection|reset|terminated/i },
  'redirects every request': {
    behave: (req, res) => res.writeHead(302, { location: `/elsewhere${req.url ?? ''}` }).end(),
    says: /302/,
    fails: ['listImages/status-documented', 'listImages/status-expected', 'showImage/status-expected', 'deleteImage/status-expected'],
  },
};

const OPS = ['listVersions/', 'listImages/', 'showImage/', 'deleteImage/'];

function startServer(behave: Behaviour): Promise<{ server: Server; url: string; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer(behave);
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sockets })),
  );
}

async function stop(server: Server, sockets: Set<Socket>): Promise<void> {
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => server.close(resolve));
}

const tmp = mkdtempSync(join(tmpdir(), 'ims-hostile-'));
const contract = join(tmp, 'contract.yaml');
writeFileSync(
  contract,
  `principals:\n  owner: {token: MII${'h0stile'.repeat(8)}, actions: ["ims:*:*"]}\n  reader: {token: MII${'r3ader'.repeat(8)}, actions: ["ims:images:list", "ims:images:get"]}\n`,
);

async function runAgainst(target: string, extra: Record<string, string | boolean> = {}): Promise<{ outcome: RunOutcome; ms: number }> {
  const config = loadConfig({ target, config: contract, timeout: '1000', 'poll-timeout': '1000', runs: '2', seed: '5', only: OPS, ...extra }, {});
  const t0 = Date.now();
  const outcome = await runSuite(config);
  return { outcome, ms: Date.now() - t0 };
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);

describe('hostile and broken targets: a verdict, never a crash or a hang', () => {
  beforeAll(() => process.on('unhandledRejection', onUnhandled));
  afterAll(() => {
    process.off('unhandledRejection', onUnhandled);
    rmSync(tmp, { recursive: true, force: true });
  });

  it.each(Object.entries(HOSTILE))(
    'a target that %s',
    async (_name, { behave, says, fails = BROKEN, timeout }) => {
      const { server, url, sockets } = await startServer(behave);
      try {
        const { outcome, ms } = await runAgainst(url, timeout ? { timeout } : {});
        const results = outcome.results.filter((r) => OPS.some((o) => r.id.startsWith(o)));
        expect(results.length).toBeGreaterThan(20);
        const bad = results.filter((r) => r.status === 'failed' || r.status === 'error');
        expect(bad.length, 'the target broke every exchange, so checks must fail').toBeGreaterThan(0);
        // What the target could not have answered properly is reported failed or error, never passed or skipped.
        for (const id of fails) expect(results.find((r) => r.id === id)?.status, id).toMatch(/^(failed|error)$/);
        expect(bad.map((r) => r.message).join('\n')).toMatch(says);
        if (process.env.IMS_SHOW_HOSTILE)
          console.info(
            `${_name}: ${bad.length} failed/error; e.g. ${bad.find((r) => says.test(r.message))?.id}: ${bad.find((r) => says.test(r.message))?.message.slice(0, 220)}`,
          );
        // Bounded: each request has a deadline (1 s unless the case says otherwise); the whole run stays within a small multiple.
        expect(ms).toBeLessThan(45_000);
        expect(unhandled).toEqual([]);
      } finally {
        await stop(server, sockets);
      }
    },
    60_000,
  );

  describe('TLS', () => {
    let certs: { key: string; cert: string; caFile: string } | undefined;
    let server: Server | undefined;
    let url = '';
    const sockets = new Set<Socket>();

    beforeAll(async () => {
      const key = join(tmp, 'key.pem');
      const cert = join(tmp, 'cert.pem');
      // A self-signed certificate for 127.0.0.1: untrusted unless the user hands it over with --ca-file.
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-keyout',
          key,
          '-out',
          cert,
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
          '-addext',
          'subjectAltName=IP:127.0.0.1',
        ],
        { stdio: 'ignore' },
      );
      certs = { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8'), caFile: cert };
      server = createTlsServer({ key: certs.key, cert: certs.cert }, (_q, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('not IMS'));
      server.on('connection', (s: Socket) => sockets.add(s));
      await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', () => resolve()));
      url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      if (server) await stop(server, sockets);
    });

    const reachedServer = (outcome: RunOutcome): boolean => outcome.results.some((r) => /not IMS|text\/plain/.test(r.message));

    it('refuses a certificate it cannot verify, and says so', async () => {
      const { outcome } = await runAgainst(url);
      const bad = outcome.results.filter((r) => r.status === 'error' || r.status === 'failed');
      expect(bad.length).toBeGreaterThan(0);
      expect(bad.map((r) => r.message).join('\n')).toMatch(/certificate|TLS|self.signed/i);
      expect(reachedServer(outcome)).toBe(false);
    }, 60_000);

    it('talks to it with --insecure (asked for explicitly), or when --ca-file trusts its CA', async () => {
      expect(reachedServer((await runAgainst(url, { insecure: true })).outcome)).toBe(true);
      expect(reachedServer((await runAgainst(url, { 'ca-file': certs?.caFile ?? '' })).outcome)).toBe(true);
    }, 120_000);
  });
});
