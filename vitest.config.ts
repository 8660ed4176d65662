import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // expect.poll waits for the bot's answer (a toast, a new card): on a loaded two-core machine that
    // takes seconds, not the one second vitest gives by default. A poll that holds returns at once.
    expect: { poll: { timeout: 15_000 } },
  },
});
