// lendsim decompose end to end on a tiny market: the shares add up to the whole effect run by run,
// the whole effect is what `lendsim run` reports for the scenario (common random numbers pair every
// combination with it), the files are written, shards merge to the same decompose.json, and bad
// input exits 2 with every problem.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decomposeRuns, type DecomposeResult } from '../../analysis/decompose/outputs.js';
import { METRIC_NAMES } from '../../sim/model/metricNames.js';
import { decomposePlan, decomposeStored, effectiveComponents, parseComponents, runDecompose } from '../../sim/run/decompose.js';
import { runExperiment } from '../../sim/run/experiment.js';
import { endValues, pointDir } from '../../sim/run/sweep.js';
import { loadScenario } from '../../sim/scenario/load.js';
import { distWorkerUrl, lendsim, tempDir } from '../run/helpers.js';
import { tinyBase } from '../sweep/helpers.js';

describe('lendsim decompose', () => {
  it('two components (listCost and the rest as `other`): shares add up run by run, total = the run effect, files written', async () => {
    const dir = tempDir('lendsim-decompose-');
    const scenario = { ...loadScenario(tinyBase(dir)).scenario, runs: 3 };
    const components = effectiveComponents(scenario, parseComponents(['listCost=listCostPerPartner']));
    expect(components).toEqual({ listCost: ['listCostPerPartner'], other: ['comprehensiveCap', 'outerCap', 'feesInsideCap', 'guarantees', 'ownRiskControl'] });
    const plan = decomposePlan(scenario, components, { file: null, fileHash: null, files: [] });
    expect(plan.points).toHaveLength(4);
    expect(plan.fields).toEqual(['regimes.after.listCostPerPartner', ...components.other!.map((f) => `regimes.after.${f}`)]);
    expect(plan.points[1]!.values).toMatchObject({ 'regimes.after.listCostPerPartner': scenario.regimes.after.listCostPerPartner, 'regimes.after.outerCap': scenario.regimes.before.outerCap });
    expect(plan.points[1]!.scenario.regimes.after).toEqual({ ...scenario.regimes.before, listCostPerPartner: scenario.regimes.after.listCostPerPartner });
    expect(plan.points[3]!.scenario.regimes.after).toEqual(scenario.regimes.after);

    const out = join(dir, 'out');
    const r = await runDecompose({ plan, outDir: out, components, mode: 'new', workers: 2, workerUrl: distWorkerUrl(), command: 'test', durable: false });
    expect(r.status).toBe('done');
    for (const f of ['decompose.json', 'decompose.csv', 'sweep.json']) expect(existsSync(join(out, f))).toBe(true);
    const d = JSON.parse(readFileSync(join(out, 'decompose.json'), 'utf8')) as DecomposeResult;
    expect(d).toMatchObject({ scenario: 'tiny', components: ['listCost', 'other'], runs: 3, seed: scenario.seed });
    expect(Object.keys(d.effects)).toEqual([...METRIC_NAMES]);

    // Run by run, every metric: shares sum to the whole effect (to rounding of the metric's scale).
    const ends = plan.points.map((p) => endValues(pointDir(out, p.index, 4), p.scenario));
    const perRun = decomposeRuns({
      scenario: 'tiny', components: ['listCost', 'other'], componentFields: components, runs: 3, seed: scenario.seed, metrics: METRIC_NAMES,
      effect: (mask, m, run) => ends[mask]!.policy[m * 3 + run]! - ends[mask]!.counterfactual[m * 3 + run]!,
    });
    let checked = 0;
    perRun.forEach(({ total, shares }) => {
      for (let run = 0; run < 3; run++) {
        if (!Number.isFinite(total[run]!)) continue;
        expect(Math.abs(shares[0]![run]! + shares[1]![run]! - total[run]!)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(total[run]!)));
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(METRIC_NAMES.length);
    // The rule switched off entirely changes nothing (v(none) = 0), so the whole effect is the effect.
    expect(ends[0]!.policy).toEqual(ends[0]!.counterfactual);
    const links = d.effects.links!;
    expect(links.total.mean).not.toBe(0);
    expect(links.shares.listCost!.mean! + links.shares.other!.mean!).toBeCloseTo(links.total.mean!, 9);

    // Common random numbers: the whole effect is `lendsim run`'s effect on the same scenario and seed.
    const plain = await runExperiment({ scenario, workers: 2, workerUrl: distWorkerUrl() });
    for (const m of ['links', 'originations', 'formalBorrowerShare', 'defaultRate']) {
      expect(d.effects[m]!.total.mean).toBeCloseTo(plain.summary!.effect[m]!.mean!, 6);
    }
    expect(decomposeStored(plan, out, components)).toEqual(d);
  }, 120_000);

  it('CLI: two shards, merge, --resume writes the same decompose.json as one machine', () => {
    const dir = tempDir('lendsim-decompose-cli-');
    const base = tinyBase(dir);
    const args = (out: string) => ['decompose', base, '--component', 'cap=comprehensiveCap,outerCap,feesInsideCap', '--out', out, '--workers', '1', '--quiet'];
    const one = lendsim(args(join(dir, 'one')));
    expect(one.stderr).toBe('');
    expect(one.status).toBe(0);
    for (let i = 0; i < 2; i++) expect(lendsim([...args(join(dir, 'two')), '--shard', `${i}/2`]).status).toBe(0);
    expect(lendsim(['merge', join(dir, 'two'), '--quiet']).status).toBe(0);
    const resumed = lendsim([...args(join(dir, 'two')), '--resume', '--json']);
    expect(resumed.status).toBe(0);
    const a = readFileSync(join(dir, 'one', 'decompose.json'), 'utf8');
    expect(readFileSync(join(dir, 'two', 'decompose.json'), 'utf8')).toBe(a);
    expect(JSON.parse(resumed.stdout)).toEqual(JSON.parse(a));
    expect((JSON.parse(a) as DecomposeResult).components).toEqual(['cap', 'other']);
    // A finished decomposition resumes (its own files are lendsim's) and only re-summarizes.
    const again = lendsim([...args(join(dir, 'one')), '--resume']);
    expect(again.status, again.stderr).toBe(0);
    expect(readFileSync(join(dir, 'one', 'decompose.json'), 'utf8')).toBe(a);
  }, 180_000);

  it('bad input: every problem at once, exit 2, no stack', () => {
    const r = lendsim(['decompose', 'scenarios/small.yaml', '--component', 'a=nope', '--component', 'b', '--component', 'c=outerCap,outerCap', '--runs', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/"nope" is not a regime field/);
    expect(r.stderr).toMatch(/expected NAME=FIELD/);
    expect(r.stderr).toMatch(/outerCap is already in component c/);
    expect(r.stderr).toMatch(/--runs/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
