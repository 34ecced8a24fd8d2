import { defineConfig } from 'vitest/config';

// `npm test` runs the project's own tests (no root, no network). The target-facing suites in suites/ are
// started by the CLI.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Needs a real Glance and Keystone (root, apt): `npm run test:openstack` runs it.
    exclude: ['test/openstack/**', '**/node_modules/**'],
    // Generous: the CLI tests run whole suites as child processes, and a 2-core CI machine may be busy. A bound
    // still, so a hang fails; the tests' own bounds (request deadlines, poll timeouts) end most waits far sooner.
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
