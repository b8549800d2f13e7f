/** Calibrated risk scores (sim/market/scoring.ts), with hand-computed values. */
import { describe, expect, it } from 'vitest';
import { estimatePd, logistic, logit, shrinkage } from '../../sim/market/scoring.js';

describe('scores', () => {
  it('logit and logistic invert each other', () => {
    expect(logit(0.5)).toBe(0);
    expect(logit(0.2)).toBeCloseTo(Math.log(0.25), 12);
    expect(logistic(0)).toBe(0.5);
    expect(logistic(Math.log(3))).toBeCloseTo(0.75, 12);
    for (const p of [0.01, 0.3, 0.9]) expect(logistic(logit(p))).toBeCloseTo(p, 12);
  });

  it('shrinks the signal by the model\'s precision: weight tau^2 / (tau^2 + sigma^2)', () => {
    const sh = shrinkage(0.6, 0.8); // sigma 0.6, prior sd 0.8: tau^2 0.64, sigma^2 0.36
    expect(sh.weight).toBeCloseTo(0.64, 12);
    const v = (0.64 * 0.36) / 1.0;
    expect(sh.probitScale).toBeCloseTo(1 / Math.sqrt(1 + (Math.PI * v) / 8), 12);
    const exact = shrinkage(0, 0.8);
    expect(exact.weight).toBe(1);
    expect(exact.probitScale).toBe(1);
    const none = shrinkage(0, 0);
    expect(none.weight).toBe(1);
    expect(none.probitScale).toBe(1);
    expect(shrinkage(2, 0.5).weight).toBeLessThan(shrinkage(0.5, 0.5).weight);
  });

  it('estimates the posterior mean pd: shrunk toward the prior, plus the visible risk factors', () => {
    const prior = logit(0.06);
    const sh = shrinkage(1, 0.6);
    // A signal at the prior mean, nothing else seen: the prior, scaled by the posterior variance.
    expect(estimatePd(prior, prior, sh.weight, sh.probitScale, 0)).toBeCloseTo(logistic(prior * sh.probitScale), 5);
    // A high signal moves the estimate by weight x (signal - prior) in logit points.
    const high = prior + 2;
    expect(estimatePd(high, prior, sh.weight, sh.probitScale, 0)).toBeCloseTo(logistic((prior + sh.weight * 2) * sh.probitScale), 5);
    // Visible leverage and loans add their logit shift.
    expect(estimatePd(prior, prior, sh.weight, sh.probitScale, 0.5)).toBeCloseTo(logistic((prior + 0.5) * sh.probitScale), 5);
    expect(estimatePd(high, prior, 1, 1, 0)).toBeCloseTo(logistic(high), 5);
  });
});
