/**
 * What a platform's applications looked like lately: a reservoir sample of the priced applications
 * of the last complete month (double-buffered), plus their count. Banks value a platform, listed or
 * not, by re-pricing this sample under the regime in force with their own costs and risk model.
 */
import type { Uniform } from '../rng/streams.js';

export interface ApplicationSample {
  readonly size: number;
  /** Filled this month. */
  fill: SampleBuffer;
  /** Last complete month: what reviews read. */
  ready: SampleBuffer;
}

export interface SampleBuffer {
  /** Applications seen (the flow), of which `min(seen, size)` are kept. */
  seen: number;
  readonly principal: Float64Array;
  readonly logitPd: Float32Array;
  readonly segment: Uint8Array;
  /** Logit shift from the risk factors a bank's scorer sees (leverage, visible loans) under the regime. */
  readonly shift: Float32Array;
  /** The platform's estimate of the annual default probability. */
  readonly pdHat: Float32Array;
  readonly reservationApr: Float32Array;
}

function buffer(size: number): SampleBuffer {
  return {
    seen: 0, principal: new Float64Array(size), logitPd: new Float32Array(size), segment: new Uint8Array(size),
    shift: new Float32Array(size), pdHat: new Float32Array(size), reservationApr: new Float32Array(size),
  };
}

export function createSample(size: number): ApplicationSample {
  return { size, fill: buffer(size), ready: buffer(size) };
}

/** Slot to write the next application into, or -1 to skip it (reservoir sampling, Algorithm R). */
export function sampleSlot(s: ApplicationSample, u: Uniform): number {
  const f = s.fill;
  const n = f.seen++;
  if (n < s.size) return n;
  const j = Math.floor(u() * (n + 1));
  return j < s.size ? j : -1;
}

/** End of month: the filled buffer becomes the one reviews read. */
export function rotateSample(s: ApplicationSample): void {
  const t = s.ready;
  s.ready = s.fill;
  s.fill = t;
  t.seen = 0;
}
