import { defineConfig } from 'vitest/config';

/**
 * The tests `npm run mutation` (StrykerJS) runs against each mutant of sim/market and sim/policies:
 * the ones that exercise the economics in process. The CLI tests run the built dist/, which a
 * mutant never reaches, so they are left out here.
 */
export default defineConfig({
  test: {
    include: ['test/market/**/*.test.ts', 'test/policies/**/*.test.ts', 'test/model/**/*.test.ts'],
    testTimeout: 120_000,
    pool: 'forks',
  },
});
