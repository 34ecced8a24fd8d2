import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// `npm test` runs the project's own tests (no root, no network). The target-facing suites in suites/ are
// started by the CLI.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Needs a real Glance and Keystone (root, apt): `npm run test:openstack` runs it.
    exclude: ['test/openstack/**', '**/node_modules/**'],
    // A worker runs many test files: their modules (the validated spec, compiled schemas, the mock) load once per
    // worker instead of once per file, which was most of the CPU of the unit tests. The files share nothing but
    // what is cached by key; every mock, run and temp folder is a test's own.
    isolate: false,
    // Vitest's default on 2 cores is one worker, so a file that waits on a CLI child process held up everything
    // else. Two at least: one can compute while the other waits.
    maxWorkers: Math.max(2, availableParallelism()),
    // A bound, so a hang fails; it is not a speed limit. The tests' own bounds (request deadlines, poll timeouts)
    // end most waits far sooner, and no assertion depends on how fast the machine is.
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
