import { defineConfig } from 'vitest/config';

// Integration tests start real EALs (child processes): two workers match the 2-core machines.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    // Fails the run when a host interface's flags differ after the suite (tests/helpers/host-ifaces.global.ts).
    globalSetup: ['tests/helpers/host-ifaces.global.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
