/**
 * Child process of the bench (run with --expose-gc): bytes per borrower held by one run's market at
 * N borrowers, heap plus typed arrays, measured at the last month (the loan book at its steady
 * state) against a baseline taken before the market is built. Prints the number.
 */
import { runOne } from '../sim/model/run.js';
import { defaultScenario } from '../sim/scenario/schema.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('memory.js needs node --expose-gc');
const n = Number(process.argv[2] ?? 1_000_000);
const s = defaultScenario();
s.borrowers.count = n;
s.months = 6;
s.ruleStartMonth = 3;
s.burnInMonths = 18;
const used = () => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const before = used();
let peak = 0;
runOne(s, 'policy', 0, (_m, t) => {
  if (t === s.months - 1) peak = used();
});
process.stdout.write(`${(peak - before) / n}\n`);
