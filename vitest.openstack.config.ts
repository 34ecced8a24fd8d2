import { defineConfig } from 'vitest/config';

// `npm run test:openstack`: the openstack profile against the real Glance and Keystone that
// scripts/openstack/up.sh starts (scripts/openstack/test.sh wraps the three steps).
export default defineConfig({
  test: {
    include: ['test/openstack/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 700_000,
  },
});
