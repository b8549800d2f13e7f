/**
 * Running statistics of a vector across runs, element by element: count, mean and the 95% Student t
 * interval of the mean (Welford's update, so memory is three arrays of the vector's length whatever
 * the number of runs). Non-finite values are skipped and not counted, as in `stat`.
 *
 * Deterministic: the same values added in the same order give the same bits; callers add runs in
 * run-index order. `add` is O(length); `result` is O(length).
 *
 * @example
 * const v = new VectorStats(2);
 * v.add([1, 10]); v.add([3, NaN]);
 * v.result() // { n: [2, 1], mean: [2, 10], lo: [-10.7..., 10], hi: [14.7..., 10] }
 */
import { tCritical95 } from './stat.js';

export interface VectorResult {
  /** Runs in which each element was defined. */
  n: number[];
  /** Mean across runs; NaN where n is 0. */
  mean: number[];
  /** 95% interval of the mean (Student t); equal to the mean where n is 1, NaN where n is 0. */
  lo: number[];
  hi: number[];
}

export class VectorStats {
  readonly length: number;
  private readonly count: Uint32Array;
  private readonly meanValues: Float64Array;
  private readonly m2: Float64Array;

  constructor(length: number) {
    if (!Number.isInteger(length) || length < 0) throw new Error(`VectorStats: length must be a non-negative integer, received ${length}`);
    this.length = length;
    this.count = new Uint32Array(length);
    this.meanValues = new Float64Array(length);
    this.m2 = new Float64Array(length);
  }

  /** Add one run's vector; throws when its length differs from the vector's. */
  add(values: ArrayLike<number>): void {
    if (values.length !== this.length) throw new Error(`VectorStats.add: received ${values.length} values, expected ${this.length}`);
    for (let i = 0; i < this.length; i++) this.push(i, values[i]!);
  }

  /** Add one value to element i (for vectors assembled from strided series). */
  push(i: number, x: number): void {
    if (!Number.isFinite(x)) return;
    const n = ++this.count[i]!;
    const delta = x - this.meanValues[i]!;
    this.meanValues[i]! += delta / n;
    this.m2[i]! += delta * (x - this.meanValues[i]!);
  }

  result(): VectorResult {
    const out: VectorResult = { n: [], mean: [], lo: [], hi: [] };
    for (let i = 0; i < this.length; i++) {
      const n = this.count[i]!;
      const m = n > 0 ? this.meanValues[i]! : NaN;
      const half = n > 1 ? (tCritical95(n - 1) * Math.sqrt(this.m2[i]! / (n - 1))) / Math.sqrt(n) : 0;
      out.n.push(n);
      out.mean.push(m);
      out.lo.push(m - half);
      out.hi.push(m + half);
    }
    return out;
  }
}
