import { defineConfig } from 'vitest/config';

// `npm test` runs the project's own tests. The target-facing suites in suites/ are started by the CLI.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
