/**
 * The stylized facts (CALIBRATION.md F1-F10) computed from a summary: a synthetic summary built to
 * satisfy every fact holds them all, and breaking one condition at a time fails exactly that fact.
 */
import { describe, expect, it } from 'vitest';
import { stationarityChecks, stylizedFacts } from '../../analysis/stats/facts.js';
import type { Stat } from '../../analysis/stats/stat.js';
import type { Metrics, MonthlyMean, Summary } from '../../analysis/stats/summary.js';

const st = (mean: number, half = 0.001): Stat => ({ n: 64, mean, sd: half, ci95: [mean - half, mean + half], q05: mean, q50: mean, q95: mean });

function base(): Omit<Summary, 'facts' | 'modelChecks'> {
  const before: Metrics = {
    'partnersPerBank.large': st(20), 'aprMean.tail': st(0.3), hiddenFeeGap: st(0.05), originations: st(100),
    multiBorrowerShare: st(0.3), multiBorrowerDefaultShare: st(0.45), activePlatforms: st(66),
    dpd1to30: st(0.01), dpd31to60: st(0.005), greyBorrowerShare: st(0.02),
    links: st(900), partnersPerBank: st(9), outstanding: st(3.5e12), 'originations.head': st(75), 'aprMean.head': st(0.21),
  };
  const after: Metrics = { 'margin.city.net': st(-0.01), 'margin.large.net': st(0.02), originations: st(85), 'originations.head': st(74) };
  const end: Metrics = {
    'zeroPartnerBankShare.city': st(0.7), 'partnersPerBank.large': st(18), aprP90: st(0.24), hiddenFeeGap: st(0),
    aprMean: st(0.22), originations: st(80), headShareOfVolume: st(0.8), activePlatforms: st(30),
    links: st(880), partnersPerBank: st(8.8), nearCapShare: st(0.5), greyBorrowerShare: st(0.05), greyAprMean: st(3.6),
  };
  const effect: Metrics = {
    headShareOfLinks: st(0.2), 'exclusionRate.subprime': st(0.3), 'exclusionRate.prime': st(0.05), platformHHI: st(0.02),
  };
  const bank = (id: string, before: number, endV: number, head = 1) => ({
    id, name: id, type: 'city', partnersBeforeRule: st(before), partnersEnd: st(endV), headShareEnd: st(head), nplRatioEnd: st(0.02),
  });
  return {
    scenario: 'x', seed: 1, runs: 64, months: 36, ruleStartMonth: 12,
    arms: { policy: { beforeRule: before, afterRule: after, end }, counterfactual: { beforeRule: before, afterRule: after, end: before } },
    effect,
    banks: [bank('yillion', 53, 10, 0.9), bank('urumqi', 6, 0), bank('longjiang', 2, 0), bank('ganzhou', 3, 1), bank('guiyang', 4, 0)],
  };
}

/** Early delinquency by arm and month: the policy arm's doubles over months 13-18 (rule at 12). */
function monthly(policyEarly = 0.03, counterfactualEarly = 0.015): MonthlyMean {
  return (arm, metric, start, end) => {
    expect([start, end]).toEqual([13, 19]);
    const total = arm === 'policy' ? policyEarly : counterfactualEarly;
    return metric === 'dpd1to30' ? (2 / 3) * total : metric === 'dpd31to60' ? total / 3 : null;
  };
}

const holds = (s: ReturnType<typeof base>, mm: MonthlyMean = monthly()) =>
  Object.fromEntries(stylizedFacts(s, mm).filter((f) => f.applicable).map((f) => [f.id, f.holds]));

describe('stylized facts', () => {
  it('every fact whose mechanism is built holds on a summary built to satisfy it, with value and range', () => {
    const facts = stylizedFacts(base(), monthly());
    expect(facts.map((f) => f.id)).toEqual(['F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'F10', 'F0', 'F11', 'F12', 'F13', 'F14']);
    for (const f of facts) expect(f.applicable).toBe(true);
    for (const f of facts) expect(f.holds, `${f.id}: ${JSON.stringify(f.checks)}`).toBe(true);
    // F11: (0.02 + 0.01) / (0.01 + 0.005) = 2; F14: grey share 0.05 at the end.
    expect(facts.find((f) => f.id === 'F11')!.value).toBeCloseTo(2, 12);
    expect(facts.find((f) => f.id === 'F14')!.value).toBeCloseTo(0.05, 12);
    expect(facts[0]!.value).toBeCloseTo(10 / 53, 12);
    expect(facts[0]!.range).toEqual([0.1, 0.3]);
  });

  const breaks: [string, (s: ReturnType<typeof base>) => void][] = [
    ['F1', (s) => (s.banks[0]!.partnersEnd = st(40))],
    ['F2', (s) => (s.effect['headShareOfLinks'] = st(0.01, 0.02))], // mean > 0 but the interval reaches below 0
    ['F3', (s) => (s.banks[3]!.partnersEnd = st(2))],
    ['F4', (s) => (s.arms.policy.end['partnersPerBank.large'] = st(10))],
    ['F5', (s) => (s.arms.policy.end['hiddenFeeGap'] = st(0.01))],
    ['F6', (s) => (s.arms.policy.afterRule['margin.large.net'] = st(-0.02))],
    ['F7', (s) => (s.effect['exclusionRate.prime'] = st(0.4))],
    ['F8', (s) => (s.arms.policy.end['headShareOfVolume'] = st(0.7))],
    ['F9', (s) => (s.arms.policy.beforeRule['multiBorrowerDefaultShare'] = st(0.2))],
    ['F10', (s) => (s.arms.policy.end['activePlatforms'] = st(60))],
    ['F0', (s) => (s.arms.counterfactual.beforeRule['outstanding'] = st(1.4e12))],
    ['F12', (s) => (s.arms.policy.afterRule['originations'] = st(76))], // the rest keeps 2 of 25: below 0.15
    ['F13', (s) => (s.arms.policy.beforeRule['aprMean.head'] = st(0.257))], // version 1's head price, with the expected loss charged twice
  ];
  it('F11 fails when early delinquency does not rise enough, rises too much, or moves without the rule; without the monthly series it is not applicable', () => {
    expect(holds(base(), monthly(0.018))['F11']).toBe(false); // x1.2
    expect(holds(base(), monthly(0.04))['F11']).toBe(false); // x2.67
    expect(holds(base(), monthly(0.03, 0.018))['F11']).toBe(false); // counterfactual x1.2
    expect(holds(base(), monthly(0.0375, 0.0165))['F11']).toBe(true); // x2.5 and x1.1: both ends are in
    const f = stylizedFacts(base()).find((x) => x.id === 'F11')!;
    expect(f.applicable).toBe(false);
    expect(f.statement).toMatch(/not applicable: .*monthly series/);
  });
  it('F14 fails when grey borrowers do not double, leave the 2-15% band, or the grey price is below 100%', () => {
    const less = base();
    less.arms.policy.beforeRule['greyBorrowerShare'] = st(0.03); // x1.67
    expect(holds(less)['F14']).toBe(false);
    const many = base();
    many.arms.policy.end['greyBorrowerShare'] = st(0.2);
    expect(holds(many)['F14']).toBe(false);
    const cheap = base();
    cheap.arms.policy.end['greyAprMean'] = st(0.9);
    expect(holds(cheap)['F14']).toBe(false);
  });
  it('F12 fails when the head does not hold, and when the rest does not collapse', () => {
    const s = base();
    s.arms.policy.afterRule['originations.head'] = st(60);
    expect(holds(s)['F12']).toBe(false);
    const t = base();
    t.arms.policy.afterRule['originations'] = st(74 + 24); // the rest keeps 24 of 25
    expect(holds(t)['F12']).toBe(false);
    expect(holds(base())['F12']).toBe(true);
  });
  it.each(breaks)('breaking %s fails it and only it', (id, breakIt) => {
    const s = base();
    breakIt(s);
    const h = holds(s);
    for (const [k, v] of Object.entries(h)) expect(v, k).toBe(k !== id);
  });

  it('a scenario without the named banks marks F1-F3 not applicable', () => {
    const s = base();
    s.banks = [];
    const facts = stylizedFacts(s);
    for (const f of facts.slice(0, 3)) {
      expect(f.applicable).toBe(false);
      expect(f.holds).toBe(false);
      expect(f.value).toBeNull();
      expect(f.statement).toMatch(/not applicable/);
    }
    expect(facts[3]!.applicable).toBe(true);
  });

  it('S1 checks the counterfactual arm for stationarity within 10%', () => {
    const s = base();
    expect(stationarityChecks(s).every((c) => c.holds)).toBe(true);
    s.arms.counterfactual.end = { ...s.arms.counterfactual.end, links: st(700) };
    expect(stationarityChecks(s).map((c) => c.holds)).toEqual([false, true, true]);
  });
});
