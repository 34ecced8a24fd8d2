import { Worker } from 'node:worker_threads';

/** What the worker posts once the mock listens. */
export interface MockReady {
  url: string;
  token: string;
}

export interface MockHandle extends MockReady {
  close(): Promise<void>;
}

/** Starts the embedded mock in a worker thread (mock-in-worker.ts) and resolves once it listens. */
export function startMockWorker(): Promise<MockHandle> {
  const worker = new Worker(new URL('./mock-in-worker.js', import.meta.url));
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`mock worker exited with code ${code} before it was ready`)));
    worker.once('message', (ready: MockReady) => {
      worker.removeAllListeners('exit');
      resolve({
        ...ready,
        close: async () => {
          const closed = new Promise<void>((done) => worker.once('message', () => done()));
          worker.postMessage('close');
          await Promise.race([closed, new Promise((done) => setTimeout(done, 3_000))]);
          await worker.terminate();
        },
      });
    });
  });
}
