import { logisticFast } from './curves.js';

/**
 * Calibrated risk scores. A lender sees logit(pd) + sigma * e; its estimate is the posterior mean of
 * the borrower's default probability given that signal: the signal is shrunk toward the segment's
 * mean by the model's precision, and the risk factors of the true hazard that the scorer can see
 * (leverage, the loans it can see) are added. Taking a noisy score at face value would make every
 * lender lose on the applicants it accepts (the winner's curse) for a reason that is not the rule.
 */

export function logit(p: number): number {
  return Math.log(p / (1 - p));
}

export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Precomputed shrinkage for one (scorer sigma, segment prior sd) pair. */
export interface Shrinkage {
  /** Weight on the signal: tau^2 / (tau^2 + sigma^2). */
  readonly weight: number;
  /** 1 / sqrt(1 + pi * v / 8), v the posterior variance: E[logistic(X)] for X ~ N(m, v) ~ logistic(m * this). */
  readonly probitScale: number;
}

export function shrinkage(sigma: number, priorSd: number): Shrinkage {
  const tau2 = priorSd * priorSd;
  const s2 = sigma * sigma;
  const weight = tau2 + s2 > 0 ? tau2 / (tau2 + s2) : 1;
  const v = tau2 + s2 > 0 ? (tau2 * s2) / (tau2 + s2) : 0;
  return { weight, probitScale: 1 / Math.sqrt(1 + (Math.PI * v) / 8) };
}

/**
 * Estimated annual default probability of an applicant.
 * @param signal the scorer's noisy view of logit(pd)
 * @param priorMean the segment's mean logit(pd)
 * @param visibleShift betaDti * dti seen + betaLoans * loans seen (logit points)
 */
export function estimatePd(signal: number, priorMean: number, weight: number, probitScale: number, visibleShift: number): number {
  const m = priorMean + weight * (signal - priorMean) + visibleShift;
  return logisticFast(m * probitScale);
}
