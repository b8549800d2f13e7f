// The in-project contract check (test/contract/contract.ts): what it asks of a summary, and that it
// notices what is missing. The CLI test runs it on a real summary (test/run/cli.test.ts).
import { describe, expect, it } from 'vitest';
import { METRIC_NAMES } from '../../sim/model/metricNames.js';
import { stat } from '../../analysis/stats/stat.js';
import { BLOCKS, contractMetrics, contractMetricsV1, contractMetricsV2, contractProblems, NAMED_BANKS } from './contract.js';

function summaryWith(names: readonly string[]): Record<string, unknown> {
  const metrics = Object.fromEntries(names.map((n) => [n, stat([0.1, 0.2, 0.3])]));
  const arm = { beforeRule: metrics, afterRule: metrics, end: metrics };
  const s4 = stat([1, 2]);
  return {
    scenario: 'x', seed: 1, runs: 3, months: 8, ruleStartMonth: 4,
    arms: { policy: arm, counterfactual: arm }, effect: metrics,
    banks: NAMED_BANKS.map((id) => ({ id, name: id, type: 'city', partnersBeforeRule: s4, partnersEnd: s4, headShareEnd: s4, nplRatioEnd: s4 })),
    facts: Array.from({ length: 10 }, (_, i) => ({ id: `F${i + 1}`, statement: 's', value: 0, range: [0, 1], holds: true })),
  };
}

describe('contract check', () => {
  it('asks for the 76 version-1 metrics, all of which the engine records', () => {
    expect(contractMetricsV1()).toHaveLength(76);
    expect(contractMetricsV1().filter((n) => !METRIC_NAMES.includes(n))).toEqual([]);
  });

  it('asks for a version-2 metric exactly when the engine records it', () => {
    const asked = new Set(contractMetrics());
    for (const n of contractMetricsV2()) expect(asked.has(n)).toBe(METRIC_NAMES.includes(n));
  });

  it('passes a complete summary and names what is missing from an incomplete one', () => {
    expect(contractProblems(summaryWith(METRIC_NAMES))).toEqual([]);
    const s = summaryWith(METRIC_NAMES.filter((n) => n !== 'links'));
    expect(contractProblems(s)).toEqual(BLOCKS.map((b) => `${b}: 1 metrics missing or not STAT (links)`));
    const t = summaryWith(METRIC_NAMES);
    t.banks = (t.banks as { id: string }[]).filter((b) => b.id !== 'guiyang');
    t.facts = (t.facts as unknown[]).slice(0, 9);
    delete t.seed;
    expect(contractProblems(t)).toEqual(['top-level seed missing', 'banks: no guiyang', 'facts: 9 of 10']);
  });

  it('takes a STAT with n 0 only when its other fields are null', () => {
    const s = summaryWith(METRIC_NAMES);
    const end = { ...(s.effect as Record<string, unknown>), links: stat([]) };
    expect(contractProblems({ ...s, effect: end })).toEqual([]);
    expect(contractProblems({ ...s, effect: { ...end, links: { n: 0, mean: 1 } } })).toEqual(['effect: 1 metrics missing or not STAT (links)']);
  });
});
