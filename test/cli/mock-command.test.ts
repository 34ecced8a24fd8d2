import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FAULTS } from '../../mock/faults/catalogue.js';
import { ERROR_TABLE_POINTS, JUDGEMENT_POINTS } from '../../mock/variant.js';
import { mockCommand } from '../../src/cli/mock-command.js';
import { stopOnSignals, type SignalSource } from '../../src/cli/signals.js';
import { loadConfig } from '../../src/config/load-config.js';

/** Captures what the command writes, and lets a test wait for output to appear. */
function capture() {
  let out = '';
  let err = '';
  const waiters: Array<() => void> = [];
  const wake = (): void => {
    for (const w of waiters.splice(0)) w();
  };
  return {
    io: {
      out: (text: string) => {
        out += text;
        wake();
      },
      err: (text: string) => {
        err += text;
        wake();
      },
    },
    get out() {
      return out;
    },
    get err() {
      return err;
    },
    /** Resolves once `ready()` holds, polling on every write (fails the test after `ms`). */
    async until(ready: () => boolean, ms = 20_000): Promise<void> {
      const deadline = Date.now() + ms;
      while (!ready()) {
        if (Date.now() > deadline) throw new Error(`timed out; out=${JSON.stringify(out)} err=${JSON.stringify(err)}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
    },
  };
}

const lines = (text: string): string[] => text.split('\n').filter((l) => l.length > 0);

async function status(url: string): Promise<number> {
  const res = await request(url, { headersTimeout: 5_000, bodyTimeout: 5_000 });
  await res.body.dump();
  return res.statusCode;
}

describe('ims-conformance mock: arguments', () => {
  it('--fault list prints every fault of the catalogue with its summary and checks, and exits 0', async () => {
    const c = capture();
    expect(await mockCommand(['--fault', 'list'], c.io)).toBe(0);
    const printed = lines(c.out);
    expect(printed).toHaveLength(FAULTS.length);
    for (const [i, fault] of FAULTS.entries()) {
      const line = printed[i] ?? '';
      expect(line.startsWith(`${fault.name} `)).toBe(true);
      expect(line).toContain(fault.summary);
      expect(line).toContain(`[caught by: ${fault.detectedBy.join(', ')}]`);
    }
    expect(c.err).toBe('');
  });

  it('refuses an unknown fault with exit 2 and one line naming it and pointing at --fault list', async () => {
    const c = capture();
    expect(await mockCommand(['--fault', 'random-500', '--fault', 'no-such-fault'], c.io)).toBe(2);
    expect(lines(c.err)).toHaveLength(1);
    expect(c.err).toContain('"no-such-fault"');
    expect(c.err).not.toContain('"random-500"');
    expect(c.err).toContain('--fault list');
    expect(c.out).toBe('');
  });

  it('--variant list prints every judgement point with both readings and its documents, then the ims-errors error situations, and exits 0', async () => {
    const c = capture();
    expect(await mockCommand(['--variant', 'list'], c.io)).toBe(0);
    const printed = lines(c.out);
    expect(printed).toHaveLength(JUDGEMENT_POINTS.length + 1 + ERROR_TABLE_POINTS.length);
    for (const [i, point] of JUDGEMENT_POINTS.entries()) {
      expect(printed[i]?.startsWith(`${point.name} `)).toBe(true);
      expect(printed[i]).toContain(`[documented by: ${point.documentedBy.join(', ')}]`);
    }
    for (const [i, point] of ERROR_TABLE_POINTS.entries()) {
      const line = printed[JUDGEMENT_POINTS.length + 1 + i];
      expect(line?.startsWith(`${point.situation} `)).toBe(true);
      expect(line).toContain(`${point.defaultReading} → ${point.imsErrorsReading} (ims-errors)`);
    }
  });

  it('--appear-delay starts a mock whose Nova snapshots and job images show up late, and says so in the banner', async () => {
    const c = capture();
    const stop = new AbortController();
    const running = mockCommand(['--appear-delay', '250'], c.io, stop.signal);
    await c.until(() => c.out.includes('Ctrl-C to stop'));
    expect(c.out).toContain('appear delay 250 ms');
    stop.abort();
    expect(await running).toBe(0);
  });

  it('--seed-images N starts a region with N images; --log writes one line per call, and no credential', async () => {
    const c = capture();
    const stop = new AbortController();
    const running = mockCommand(['--print-config', '--seed-images', '6', '--log'], c.io, stop.signal);
    await c.until(() => c.err.includes('Ctrl-C to stop'));
    const config = parse(c.out) as Record<string, any>;
    const token = config.principals.owner.token as string;
    const listed = await fetch(`${config.target}/v2/images?limit=100`, { headers: { 'x-auth-token': token } });
    const images = ((await listed.json()) as { images: { name: string; visibility: string; __os_version?: string }[] }).images;
    // The platform's own public image, two more public ones (every third) and four private ones of the owner.
    expect(images.filter((i) => /^(public|sample)-/.test(i.name))).toHaveLength(6);
    expect(images.filter((i) => i.name.startsWith('public-')).every((i) => i.visibility === 'public')).toBe(true);
    expect(images.every((i) => typeof i.__os_version === 'string')).toBe(true);
    await c.until(() => c.err.includes('GET /v2/images?limit=100 → 200'));
    expect(c.err).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z GET \/v2\/images\?limit=100 → 200 \d+ B$/m);
    expect(c.err).not.toContain(token);
    stop.abort();
    expect(await running).toBe(0);
  });

  it.each([[['--seed-images', '-1']], [['--seed-images', 'many']], [['--seed-images', '20000']]])(
    'refuses %j with exit 2 naming --seed-images',
    async (argv) => {
      const c = capture();
      expect(await mockCommand(argv, c.io)).toBe(2);
      expect(c.err).toMatch(/--seed-images/);
    },
  );

  it('--variant alternative starts the alternative personality and says so in the banner', async () => {
    const c = capture();
    const stop = new AbortController();
    const running = mockCommand(['--variant', 'alternative'], c.io, stop.signal);
    await c.until(() => c.out.includes('Ctrl-C to stop'));
    expect(c.out).toContain('variant     alternative');
    const url = /listening on (\S+)/.exec(c.out)?.[1] ?? '';
    // The alternative wants credentials on GET / (the default answers 300 without).
    expect(await status(`${url}/`)).toBe(401);
    stop.abort();
    expect(await running).toBe(0);
  });

  it.each([
    [['--variant', 'lenient'], '--variant'],
    [['--port', '70000'], '--port'],
    [['--port', 'abc'], '--port'],
    [['--job-delay=-5'], 'negative'],
    [['--job-delay', '-5'], 'negative'],
    [['--port', '-1'], '--port'],
    [['--job-delay', '1.5'], '--job-delay'],
    [['--appear-delay', '-300'], 'negative'],
    [['--appear-delay', 'soon'], '--appear-delay'],
    [['--host', ''], '--host'],
    [['--bogus'], '--bogus'],
    [['extra'], 'extra'],
    [['--port'], '--port'],
  ])('refuses %j with exit 2 and a one-line error mentioning %s', async (argv, mention) => {
    const c = capture();
    expect(await mockCommand(argv, c.io)).toBe(2);
    expect(lines(c.err)).toHaveLength(1);
    expect(c.err).toContain(mention);
    expect(c.out).toBe('');
  });
});

describe('ims-conformance mock: running', () => {
  it('--print-config puts only a parseable suite config on stdout; the target answers GET / with 300; abort stops it', async () => {
    const c = capture();
    const stop = new AbortController();
    const running = mockCommand(['--print-config', '--job-delay', '10', '--fault', 'random-500'], c.io, stop.signal);
    await c.until(() => c.err.includes('Ctrl-C to stop'));

    const config = parse(c.out) as Record<string, any>;
    expect(config.target).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(config.endpoints).toEqual({ compute: config.target, iam: config.target });
    expect(typeof config.projectId).toBe('string');
    for (const name of ['owner', 'member', 'reader', 'epAdmin']) expect(typeof config.principals[name].token).toBe('string');
    expect(config.principals.owner.actions).toEqual(['ims:*:*', 'ecs:*:*', 'evs:*:*']);
    expect(config.principals.reader.actions).toEqual(['ims:images:list', 'ims:images:get']);
    expect(typeof config.principals.member.projectId).toBe('string');
    expect(typeof config.principals.epAdmin.enterpriseProjectId).toBe('string');
    expect(config.fixtures).toMatchObject({ imageUrl: expect.stringMatching(/^[^:]+:.+/), exportBucket: expect.any(String) });
    expect(typeof config.fixtures.serverId).toBe('string');
    expect(typeof config.fixtures.backupId).toBe('string');

    // The banner went to stderr.
    expect(c.err).toContain(config.target);
    expect(c.err).toContain('random-500');
    expect(c.err).toContain('ims:images:list, ims:images:get');
    expect(c.out).not.toContain('Ctrl-C');

    // The suite's own config loader accepts it as --config.
    const dir = mkdtempSync(join(tmpdir(), 'ims-mock-config-'));
    try {
      const file = join(dir, 'mock.yaml');
      writeFileSync(file, c.out);
      const loaded = loadConfig({ config: file }, {});
      expect(loaded.target).toBe(config.target);
      expect(loaded.principals.owner?.token).toBe(config.principals.owner.token);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    expect(await status(`${config.target}/`)).toBe(300);
    const owner = await request(`${config.target}/v2/images`, { headers: { 'x-auth-token': config.principals.owner.token } });
    await owner.body.dump();
    expect([200, 500]).toContain(owner.statusCode); // random-500 is on

    stop.abort();
    expect(await running).toBe(0);
    expect(c.err).toContain('stopped');
    await expect(status(`${config.target}/`)).rejects.toThrow();
  });

  it('without --print-config writes the banner, then the YAML, both on stdout', async () => {
    const c = capture();
    const stop = new AbortController();
    const running = mockCommand([], c.io, stop.signal);
    await c.until(() => c.out.includes('fixtures:'));
    const [bannerPart, yamlPart] = c.out.split(/\n(?=# ims-conformance suite config)/);
    expect(bannerPart).toContain('Ctrl-C to stop');
    expect(bannerPart).toContain('faults      none');
    expect(bannerPart).toMatch(/owner\s+ims:\*:\*, ecs:\*:\*, evs:\*:\*/);
    const config = parse(yamlPart ?? '') as Record<string, any>;
    expect(bannerPart).toContain(`listening on ${config.target}`);
    expect(bannerPart).toContain(config.fixtures.serverId);
    stop.abort('SIGTERM');
    expect(await running).toBe(0);
    expect(c.err).toContain('stopped (SIGTERM)');
  });

  it('returns 0 at once, starting nothing, when stopped before it starts', async () => {
    const c = capture();
    expect(await mockCommand([], c.io, AbortSignal.abort())).toBe(0);
    expect(c.out).toBe('');
  });

  it('refuses a port that is already taken with exit 2', async () => {
    const first = capture();
    const stop = new AbortController();
    const running = mockCommand(['--print-config'], first.io, stop.signal);
    await first.until(() => first.err.includes('Ctrl-C to stop'));
    const port = new URL((parse(first.out) as { target: string }).target).port;
    const second = capture();
    expect(await mockCommand(['--port', port], second.io, AbortSignal.timeout(10_000))).toBe(2);
    expect(lines(second.err)).toHaveLength(1);
    expect(second.err).toContain(`port ${port} is already in use`);
    stop.abort();
    expect(await running).toBe(0);
  });
});

describe('stopOnSignals', () => {
  it('aborts on the first signal, calls onSecond on the second, and removes its listeners on dispose', () => {
    const source = new EventEmitter();
    const second: string[] = [];
    const warnings: string[] = [];
    const stop = stopOnSignals(
      source as unknown as SignalSource,
      (s) => second.push(s),
      (t) => warnings.push(t),
    );
    expect(source.listenerCount('SIGINT')).toBe(1);
    expect(source.listenerCount('SIGTERM')).toBe(1);
    source.emit('SIGTERM', 'SIGTERM');
    expect(stop.signal.aborted).toBe(true);
    expect(stop.signal.reason).toBe('SIGTERM');
    expect(second).toEqual([]);
    source.emit('SIGINT', 'SIGINT');
    expect(second).toEqual(['SIGINT']);
    expect(warnings.join('')).toContain('second SIGINT');
    stop.dispose();
    expect(source.listenerCount('SIGINT')).toBe(0);
    expect(source.listenerCount('SIGTERM')).toBe(0);
  });
});
