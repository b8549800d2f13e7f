// The library as the README documents it: runExperiment in memory writes nothing and returns the
// same summary `lendsim run` writes; the README's worked example compiles (strict TypeScript, against
// the package's own types) and runs; ContractMetricName is exactly the contract's names, all recorded.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { METRIC_NAMES, METRICS } from '../../sim/model/metricNames.js';
import { runExperiment } from '../../sim/run/experiment.js';
import { loadScenario } from '../../sim/scenario/load.js';
import { contractMetricsV1 } from '../contract/contract.js';
import { distWorkerUrl, lendsim, ROOT, tempDir } from './helpers.js';

let workerUrl: URL;
beforeAll(() => {
  workerUrl = distWorkerUrl();
});

describe('runExperiment in memory', () => {
  it('writes nothing and returns the summary lendsim run writes, byte for byte', async () => {
    const cwd = process.cwd();
    const dir = tempDir();
    process.chdir(dir);
    try {
      const scenario = { ...loadScenario(join(ROOT, 'scenarios/small.yaml')).scenario, runs: 2, months: 6, ruleStartMonth: 3 };
      const r = await runExperiment({ scenario, workers: 2, workerUrl });
      expect(r.status).toBe('done');
      expect(r.outDir).toBeNull();
      expect(r.files).toEqual([]);
      expect(readdirSync(dir)).toEqual([]);
      expect(r.summary?.effect.links.n).toBe(2);
      expect(JSON.parse(r.summaryJson!)).toEqual(r.summary);
      writeFileSync(join(dir, 's.yaml'), `extends: ${join(ROOT, 'scenarios/small.yaml')}\nname: small\nruns: 2\nmonths: 6\nruleStartMonth: 3\n`);
      const run = lendsim(['run', join(dir, 's.yaml'), '--out', join(dir, 'out'), '--workers', '2', '--quiet']);
      expect(run.status, run.stderr).toBe(0);
      expect(r.summaryJson).toBe(readFileSync(join(dir, 'out', 'summary.json'), 'utf8'));
      expect(r.timeseriesCsv).toBe(readFileSync(join(dir, 'out', 'timeseries.csv'), 'utf8'));
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('the README\'s library example', () => {
  it('compiles under strict TypeScript against the package\'s types and runs', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const code = /<!-- library-example -->\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(code).toBeDefined();
    const dir = tempDir();
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(ROOT, join(dir, 'node_modules', 'lendsim'), 'dir');
    writeFileSync(join(dir, 'package.json'), '{"type": "module"}\n');
    writeFileSync(join(dir, 'example.ts'), code!);
    // ContractMetricName is exactly the metric table's contract names (versions 1 and 2), each of which the engine records.
    const contractNames = METRICS.filter((d) => d.contract).map((d) => d.name);
    expect(contractMetricsV1().filter((n) => !contractNames.includes(n))).toEqual([]);
    expect(contractNames.filter((n) => !METRIC_NAMES.includes(n))).toEqual([]);
    writeFileSync(join(dir, 'names.ts'), `import type { ContractMetricName } from 'lendsim';
const names = ${JSON.stringify(contractNames)} as const;
const each: readonly ContractMetricName[] = names;
type Extra = Exclude<ContractMetricName, (typeof names)[number]>;
const none: [Extra] extends [never] ? true : Extra = true;
export { each, none };
`);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noUncheckedIndexedAccess: true, types: ['node'], typeRoots: [join(ROOT, 'node_modules/@types')], outDir: 'out', skipLibCheck: true },
      files: ['example.ts', 'names.ts'],
    }));
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], { cwd: dir, encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    // A misspelt contract metric is a compile error.
    writeFileSync(join(dir, 'example.ts'), `${code!}\nconst wrong: ContractMetricName = 'exclusionRate.subprme';\nvoid wrong;\n`);
    const bad = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir, '--noEmit'], { cwd: dir, encoding: 'utf8' });
    expect(bad.stdout).toMatch(/'"exclusionRate\.subprme"' is not assignable to type 'ContractMetricName'/);
    const out = execFileSync(process.execPath, [join(dir, 'out', 'example.js')], { cwd: dir, encoding: 'utf8' });
    expect(out).toMatch(/^links: -?\d+\.\d \(95% CI -?\d+\.\d to -?\d+\.\d, 4 runs\)\nexclusionRate\.subprime: \d\.\d{3} before the rule, \d\.\d{3} at the end\n$/);
  });
});
