import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** Gives the slot back. */
export type Release = () => void;

/**
 * The bound on requests in flight at one target (`--concurrency`), whichever process of the run sends them.
 * `priority` orders the waiting requests, lowest first: the run passes when the sending scenario started, so
 * scenarios started early (those that wait on jobs and state changes) finish their chains first, while later
 * ones fill the slots a waiting scenario leaves free.
 */
export interface Permits {
  acquire(priority: number): Promise<Release>;
  close(): Promise<void>;
}

interface Waiter {
  priority: number;
  seq: number;
  grant: (release: Release) => void;
}

/** The bound within one process: at most `limit` slots taken, waiters served lowest priority first, then in order. */
export class LocalPermits implements Permits {
  private taken = 0;
  private seq = 0;
  private readonly waiting: Waiter[] = [];

  constructor(readonly limit: number) {}

  acquire(priority: number): Promise<Release> {
    return new Promise((grant) => {
      this.waiting.push({ priority, seq: this.seq++, grant });
      this.serve();
    });
  }

  private serve(): void {
    while (this.taken < this.limit && this.waiting.length > 0) {
      let next = 0;
      for (let i = 1; i < this.waiting.length; i++) {
        const a = this.waiting[i] as Waiter;
        const b = this.waiting[next] as Waiter;
        if (a.priority < b.priority || (a.priority === b.priority && a.seq < b.seq)) next = i;
      }
      const [waiter] = this.waiting.splice(next, 1) as [Waiter];
      this.taken++;
      let released = false;
      waiter.grant(() => {
        if (released) return;
        released = true;
        this.taken--;
        this.serve();
      });
    }
  }

  async close(): Promise<void> {}
}

/** Where a run's permit server listens: a Unix socket in the temp folder, or a named pipe on Windows. */
function socketPath(): string {
  const name = `ims-permits-${process.pid}-${randomBytes(4).toString('hex')}`;
  return process.platform === 'win32' ? `\\\\?\\pipe\\${name}` : join(tmpdir(), `${name}.sock`);
}

/**
 * Serves `limit` slots to the run's other processes (the vitest workers, one per suite file), one line per
 * message: `a ID PRIORITY` asks, `g ID` grants, `r ID` gives back. A worker that goes away gives back all it held.
 */
export async function servePermits(limit: number): Promise<{ path: string; close(): Promise<void> }> {
  const slots = new LocalPermits(limit);
  const path = socketPath();
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    const held = new Map<string, Release>();
    let open = true;
    const gone = (): void => {
      open = false;
      sockets.delete(socket);
      for (const release of held.values()) release();
      held.clear();
    };
    socket.on('close', gone);
    socket.on('error', () => socket.destroy());
    // The socket's own listeners handle its errors; readline repeats them, and unheard they would crash the run.
    const lines = createInterface({ input: socket }).on('error', () => {});
    lines.on('line', (line) => {
      const [verb, id = '', priority = '0'] = line.split(' ');
      if (verb === 'a')
        void slots.acquire(Number(priority)).then((release) => {
          if (!open) return release();
          held.set(id, release);
          socket.write(`g ${id}\n`);
        });
      else if (verb === 'r') {
        held.get(id)?.();
        held.delete(id);
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  // A run that exits at once (a second Ctrl-C) never closes the server: its socket file goes with the process.
  const removeSocket = (): void => {
    if (process.platform !== 'win32') rmSync(path, { force: true });
  };
  process.once('exit', removeSocket);
  return {
    path,
    close: () =>
      new Promise<void>((resolve) => {
        process.off('exit', removeSocket);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
        removeSocket();
      }),
  };
}

/** A worker's side of `servePermits`: one connection, many requests; nothing is held once it closes. */
export function connectPermits(path: string): Permits {
  const socket = createConnection(path);
  socket.unref();
  const pending = new Map<string, (release: Release) => void>();
  let next = 0;
  const lines = createInterface({ input: socket }).on('error', () => {});
  lines.on('line', (line) => {
    const [verb, id = ''] = line.split(' ');
    const grant = pending.get(id);
    if (verb !== 'g' || !grant) return;
    pending.delete(id);
    let released = false;
    grant(() => {
      if (released || socket.destroyed) return;
      released = true;
      socket.write(`r ${id}\n`);
    });
  });
  // Without the server no bound can be kept: every waiting request goes ahead rather than hang the run.
  const unbound = (): void => {
    for (const grant of pending.values()) grant(() => {});
    pending.clear();
  };
  socket.on('error', unbound);
  socket.on('close', unbound);
  return {
    acquire: (priority) =>
      socket.destroyed
        ? Promise.resolve(() => {})
        : new Promise((grant) => {
            const id = String(next++);
            pending.set(id, grant);
            socket.write(`a ${id} ${priority}\n`);
          }),
    close: async () => {
      socket.end();
    },
  };
}
