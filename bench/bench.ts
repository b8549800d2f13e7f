/**
 * `npm run bench`: the engine's speed and memory on the default market (scenarios/china-2025.yaml
 * defaults), measured, not asserted. Prints a table, or with `--json` one JSON object:
 *   borrowerMonthsPerSecondPerCore  one thread, simulated borrower-months (burn-in included) per second,
 *                                   median of 5 runs at the default size
 *   speedup2Workers                 the same 8 runs on a 2-thread pool vs a 1-thread pool (wall time ratio)
 *   bytesPerBorrower                growth of heap + typed arrays per borrower at 10^6 borrowers, loan book
 *                                   at its steady state (measured in a child process with --expose-gc)
 *   scaling10x                      time of one run at 10N / time at N (N = 50,000): ~10 when no step
 *                                   grows faster than the borrowers
 * Targets (issue 3): >= 1e7, >= 1.8, <= 100, <= 11.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { runOne } from '../sim/model/run.js';
import { defaultScenario, type Scenario } from '../sim/scenario/schema.js';

const json = process.argv.includes('--json');
const log = (s: string) => {
  if (!json) process.stderr.write(`${s}\n`);
};

function scenarioOf(borrowers: number): Scenario {
  const s = defaultScenario();
  s.borrowers.count = borrowers;
  return s;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeRun(s: Scenario, runIndex: number): number {
  const t0 = performance.now();
  runOne(s, 'policy', runIndex);
  return (performance.now() - t0) / 1000;
}

async function poolSeconds(s: Scenario, workers: number, runs: number): Promise<number> {
  const pool = new Piscina({
    filename: new URL('../sim/run/worker.js', import.meta.url).href,
    minThreads: workers, maxThreads: workers, idleTimeout: 60_000, workerData: { runner: null },
  });
  // Warm the threads (module load, JIT) before timing.
  await Promise.all(Array.from({ length: workers }, (_, i) => pool.run({ scenario: { ...s, borrowers: { ...s.borrowers, count: 2000 } }, arm: 'policy', runIndex: i })));
  const t0 = performance.now();
  await Promise.all(Array.from({ length: runs }, (_, i) => pool.run({ scenario: s, arm: 'policy', runIndex: i })));
  const dt = (performance.now() - t0) / 1000;
  await pool.destroy();
  return dt;
}

async function main(): Promise<void> {
  const base = scenarioOf(defaultScenario().borrowers.count);
  const monthsPerRun = base.months + base.burnInMonths;
  log(`lendsim bench: default market, ${base.borrowers.count} borrowers, ${monthsPerRun} months a run (burn-in included)`);
  timeRun(scenarioOf(20_000), 99); // warm-up
  const times = [0, 1, 2, 3, 4].map((i) => timeRun(base, i));
  const throughput = (base.borrowers.count * monthsPerRun) / median(times);
  log(`  one thread: ${times.map((t) => t.toFixed(2)).join(' / ')} s a run -> ${(throughput / 1e6).toFixed(2)}M borrower-months/s`);

  const poolScenario = scenarioOf(100_000);
  const one = await poolSeconds(poolScenario, 1, 8);
  const two = await poolSeconds(poolScenario, 2, 8);
  log(`  pool, 8 runs of 100,000 borrowers: 1 worker ${one.toFixed(2)} s, 2 workers ${two.toFixed(2)} s`);

  const small = scenarioOf(50_000);
  const large = scenarioOf(500_000);
  const tSmall = median([0, 1, 2].map((i) => timeRun(small, i)));
  const tLarge = timeRun(large, 0);
  log(`  scaling: 50,000 borrowers ${tSmall.toFixed(2)} s, 500,000 borrowers ${tLarge.toFixed(2)} s`);

  const memoryScript = fileURLToPath(new URL('./memory.js', import.meta.url));
  const bytes = Number(execFileSync(process.execPath, ['--expose-gc', memoryScript, '1000000'], { encoding: 'utf8' }).trim());
  log(`  memory at 1,000,000 borrowers: ${bytes.toFixed(1)} bytes per borrower`);

  const result = {
    borrowerMonthsPerSecondPerCore: Math.round(throughput),
    speedup2Workers: +(one / two).toFixed(3),
    bytesPerBorrower: +bytes.toFixed(1),
    scaling10x: +(tLarge / tSmall).toFixed(3),
  };
  const targets = { borrowerMonthsPerSecondPerCore: '>= 10000000', speedup2Workers: '>= 1.8', bytesPerBorrower: '<= 100', scaling10x: '<= 11' };
  if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else for (const [k, v] of Object.entries(result)) process.stdout.write(`${k.padEnd(32)} ${String(v).padStart(12)}   target ${targets[k as keyof typeof targets]}\n`);
}

await main();
