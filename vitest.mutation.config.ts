import { defineConfig } from 'vitest/config';

/**
 * The tests `npm run mutation` (StrykerJS) runs against each mutant of sim/market and sim/policies:
 * the unit and property tests of the chain, the routing, the markups and the policies, the balance
 * sheet, and the monthly ledger identity over full small runs. The CLI tests run the built dist/,
 * which a mutant never reaches, and the other whole-run tests would make a pass over 741 mutants
 * take hours on two cores, so they are left out here: the score is that of these tests.
 */
export default defineConfig({
  test: {
    include: ['test/market/**/*.test.ts', 'test/policies/**/*.test.ts', 'test/model/ledger.test.ts', 'test/model/balanceSheet.test.ts'],
    testTimeout: 120_000,
    pool: 'forks',
  },
});
