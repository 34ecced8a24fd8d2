/** Prism's mock of the same spec for bench:mock to compare with, in a child process group (npx → sh → node), killed as a group. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { Pool } from 'undici';

const PRISM_PACKAGE = '@stoplight/prism-cli@5.14.2';
/** npx may have to download Prism first. */
const PRISM_READY_TIMEOUT_MS = 90_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface PrismHandle {
  origin: string;
  command: string;
  stop(): Promise<void>;
}

/** The end of Prism's output, so a Prism that dies or hangs at start-up can be told with its own last words. */
class Tail {
  private text = '';
  add(chunk: Buffer): void {
    this.text = (this.text + chunk.toString('utf8')).slice(-8_000);
  }
  lastLine(): string {
    const lines = this.text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length > 0 && !l.startsWith('npm warn'));
    return lines.at(-1) ?? '';
  }
}

let prismChild: ChildProcess | undefined;

/** Signals the whole group Prism runs in, if it still runs: killing npx alone would leave its node child behind. */
export function killPrismGroup(signal: NodeJS.Signals): void {
  const pid = prismChild?.pid;
  if (pid === undefined || prismChild?.exitCode !== null || prismChild.signalCode !== null) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Starts Prism on a free loopback port and resolves once it answers HTTP; rejects with why it did not start. */
export async function startPrism(specFile: string): Promise<PrismHandle> {
  const port = await freePort();
  const args = ['-y', PRISM_PACKAGE, 'mock', specFile, '-p', String(port), '-h', '127.0.0.1', '-v', 'silent'];
  const child = spawn('npx', args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  prismChild = child;
  const tail = new Tail();
  child.stdout!.on('data', (c: Buffer) => tail.add(c));
  child.stderr!.on('data', (c: Buffer) => tail.add(c));
  const exited = new Promise<string>((resolve) => {
    child.once('error', (error) => resolve(`could not run npx: ${error.message}`));
    child.once('exit', (code, signal) => resolve(`exited (${signal ?? `code ${code}`}) before it was ready${tail.lastLine() ? `: ${tail.lastLine()}` : ''}`));
  });
  let exitReason: string | undefined;
  void exited.then((r) => {
    exitReason = r;
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    killPrismGroup('SIGTERM');
    const timer = setTimeout(() => killPrismGroup('SIGKILL'), 3_000);
    await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    clearTimeout(timer);
    // npx may exit before its node child: make sure nothing of the group is left.
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // the group is gone
    }
  };
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + PRISM_READY_TIMEOUT_MS;
  const probe = new Pool(origin, { connections: 1 });
  try {
    for (;;) {
      if (exitReason) throw new Error(exitReason);
      if (Date.now() > deadline)
        throw new Error(`not ready within ${PRISM_READY_TIMEOUT_MS / 1000} s${tail.lastLine() ? ` (last output: ${tail.lastLine()})` : ''}`);
      try {
        const res = await probe.request({ method: 'GET', path: '/', headersTimeout: 2_000, bodyTimeout: 2_000 });
        await res.body.text();
        break; // any HTTP answer means it listens
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  } catch (error) {
    await stop();
    throw error;
  } finally {
    await probe.close();
  }
  return { origin, command: `npx ${args.join(' ')}`, stop };
}
