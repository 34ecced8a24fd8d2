/**
 * The program of bench:mock's worker thread: the embedded mock on its own event loop, so the load generator does
 * not share a thread with the server it measures. It posts the mock's url and owner token once listening, and
 * closes the mock when told to.
 */
import { parentPort } from 'node:worker_threads';
import type { MockReady } from './mock-worker.js';

const { startMock } = await import('../../mock/start-mock.js');
const mock = await startMock({ host: '127.0.0.1', port: 0 });
const port = parentPort!;
port.on('message', (message: unknown) => {
  if (message === 'close') void mock.close().then(() => port.postMessage('closed'));
});
const token = mock.config.principals.owner?.token;
if (!token) throw new Error('the mock config has no token for owner');
const ready: MockReady = { url: mock.url, token };
port.postMessage(ready);
