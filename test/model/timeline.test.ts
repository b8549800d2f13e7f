/** The timeline of regimes in the engine (sim/model/run.ts): which regime is in force, month by month, in each arm. */
import { describe, expect, it } from 'vitest';
import { runOne } from '../../sim/model/run.js';
import type { Arm } from '../../sim/model/result.js';
import type { Scenario } from '../../sim/scenario/schema.js';
import { newLoanAprs, smallScenario } from './helpers.js';

/** before, the rule (after) from month 6, a tighter cap (18%) from month 10, the rule's 24% again from month 14. */
function threeChanges(x: Scenario): void {
  x.regimes.tight = { ...x.regimes.after, comprehensiveCap: 0.18 };
  x.regimes.loose = { ...x.regimes.after };
  x.timeline = [
    { month: 0, regime: 'before' },
    { month: 6, regime: 'after' },
    { month: 10, regime: 'tight' },
    { month: 14, regime: 'loose' },
  ];
}

/** The regime in force in each reported month, and the dearest new loan of each month (comprehensive APR). */
function observe(s: Scenario, arm: Arm): { names: string[]; dearest: number[]; burnIn: Set<string>; series: Float64Array } {
  const burnIn = new Set<string>();
  runOne({ ...s, months: 1 }, arm, 0, (_m, t, regime) => {
    if (t < 0) burnIn.add(regime.name);
  });
  const { aprs, regimes, series } = newLoanAprs(s, arm);
  return { names: regimes, dearest: aprs.map((a) => Math.max(0, ...a)), burnIn, series };
}

const months = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('a timeline of regimes', () => {
  it('switches the policy arm on the stated months, and its caps bind from those months', () => {
    const s = smallScenario(threeChanges);
    const { names, dearest, burnIn } = observe(s, 'policy');
    expect([...burnIn]).toEqual(['before']);
    expect(names).toEqual([
      ...months(0, 6).map(() => 'before'), ...months(6, 10).map(() => 'after'),
      ...months(10, 14).map(() => 'tight'), ...months(14, 18).map(() => 'loose'),
    ]);
    // Float32 storage of the rates: 1e-6 is far below a basis point.
    for (const t of months(6, 18)) expect(dearest[t], `month ${t}`).toBeLessThanOrEqual((names[t] === 'tight' ? 0.18 : 0.24) + 1e-6);
    expect(Math.max(...months(0, 6).map((t) => dearest[t]!))).toBeGreaterThan(0.24 + 1e-6); // before: fees above the line
    expect(Math.max(...months(6, 10).map((t) => dearest[t]!))).toBeGreaterThan(0.18 + 1e-6); // the rule allows up to 24%
    expect(Math.max(...months(14, 18).map((t) => dearest[t]!))).toBeGreaterThan(0.18 + 1e-6); // and so does the last regime
  });

  it('keeps the counterfactual arm on the first regime: the same market as without the later regimes', () => {
    const withTimeline = observe(smallScenario(threeChanges), 'counterfactual');
    expect(new Set(withTimeline.names)).toEqual(new Set(['before']));
    expect(withTimeline.burnIn).toEqual(new Set(['before']));
    const plain = observe(smallScenario(), 'counterfactual');
    expect(Buffer.from(withTimeline.series.buffer).equals(Buffer.from(plain.series.buffer))).toBe(true);
    // The policy arm does differ once the tight cap is in force.
    const policy = observe(smallScenario(threeChanges), 'policy');
    const rule = observe(smallScenario(), 'policy');
    expect(Buffer.from(policy.series.buffer).equals(Buffer.from(rule.series.buffer))).toBe(false);
  });

  it('the default timeline is the explicit one (before from 0, after from ruleStartMonth), under any names', () => {
    const plain = runOne(smallScenario(), 'policy', 1).series;
    const explicit = runOne(smallScenario((x) => {
      x.timeline = [{ month: 0, regime: 'before' }, { month: x.ruleStartMonth, regime: 'after' }];
    }), 'policy', 1).series;
    const renamed = runOne(smallScenario((x) => {
      x.regimes.old = { ...x.regimes.before };
      x.regimes.rule = { ...x.regimes.after };
      x.regimes.before = { ...x.regimes.after, comprehensiveCap: 0.1 }; // unused: must change nothing
      x.timeline = [{ month: 0, regime: 'old' }, { month: x.ruleStartMonth, regime: 'rule' }];
    }), 'policy', 1).series;
    expect(Buffer.from(explicit.buffer).equals(Buffer.from(plain.buffer))).toBe(true);
    expect(Buffer.from(renamed.buffer).equals(Buffer.from(plain.buffer))).toBe(true);
  });

  it('fires the regime-start policies at the rule only: an exiting bank leaves at the first change', () => {
    const s = smallScenario((x) => {
      threeChanges(x);
      x.banks.named.urumqi!.policy = { kind: 'exit' };
    });
    const partners: number[] = [];
    runOne(s, 'policy', 0, (m, t) => {
      if (t >= 0) partners[t] = m.banks.partners[m.banks.id.indexOf('urumqi')]!.length;
    });
    expect(Math.max(...partners.slice(0, 6))).toBeGreaterThan(0);
    expect(partners.slice(6)).toEqual(months(6, 18).map(() => 0));
  });
});
