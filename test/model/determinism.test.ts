/** A run is a pure function of (scenario, arm, run index): same inputs, same bytes. */
import { describe, expect, it } from 'vitest';
import { runOne } from '../../sim/model/run.js';
import { smallScenario } from './helpers.js';

const bytes = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('determinism', () => {
  it('same seed and run index give the same bytes', () => {
    const s = smallScenario();
    const a = runOne(s, 'policy', 3);
    const b = runOne(s, 'policy', 3);
    expect(bytes(a.series).equals(bytes(b.series))).toBe(true);
    expect(bytes(a.bankSeries).equals(bytes(b.bankSeries))).toBe(true);
    expect(a.seed).toBe(b.seed);
  });

  it('another seed or run index gives other results', () => {
    const s = smallScenario();
    const a = runOne(s, 'policy', 0);
    const b = runOne(s, 'policy', 1);
    const c = runOne(smallScenario((x) => (x.seed = 7)), 'policy', 0);
    expect(bytes(a.series).equals(bytes(b.series))).toBe(false);
    expect(bytes(a.series).equals(bytes(c.series))).toBe(false);
    expect(a.seed).not.toBe(b.seed);
  });

  it('both arms are the same market when the rules are the same (common random numbers)', () => {
    const s = smallScenario((x) => {
      x.regimes.after = { ...x.regimes.before };
    });
    const p = runOne(s, 'policy', 2);
    const c = runOne(s, 'counterfactual', 2);
    expect(bytes(p.series).equals(bytes(c.series))).toBe(true);
  });

  it('the arms agree before the rule starts and differ after it', () => {
    const s = smallScenario();
    const p = runOne(s, 'policy', 2);
    const c = runOne(s, 'counterfactual', 2);
    const per = p.series.length / s.months;
    const pre = s.ruleStartMonth * per;
    expect(bytes(p.series.subarray(0, pre)).equals(bytes(c.series.subarray(0, pre)))).toBe(true);
    expect(bytes(p.series.subarray(pre)).equals(bytes(c.series.subarray(pre)))).toBe(false);
  });
});
