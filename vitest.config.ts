import { defineConfig } from 'vitest/config';

// `npm test` runs the project's own tests (no root, no network). The target-facing suites in suites/ are
// started by the CLI.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Needs a real Glance and Keystone (root, apt): `npm run test:openstack` runs it.
    exclude: ['test/openstack/**', '**/node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
