// Exact Shapley values (analysis/decompose/shapley.ts) on games whose values are known by hand, and
// the run-by-run decomposition (analysis/decompose/outputs.ts) on a synthetic effect function.
import { describe, expect, it } from 'vitest';
import { decompose, decomposeCsv, decomposeRuns } from '../../analysis/decompose/outputs.js';
import { shapley, shapleyWeight } from '../../analysis/decompose/shapley.js';

/** v[mask] for every coalition of k players from a function of the member list. */
function game(k: number, v: (members: number[]) => number): number[] {
  return Array.from({ length: 1 << k }, (_, mask) => v(Array.from({ length: k }, (_, i) => i).filter((i) => (mask >> i) & 1)));
}

describe('shapley', () => {
  it('a 2-player game by hand: v(1) = 1, v(2) = 2, v(12) = 4 gives 1.5 and 2.5', () => {
    expect(shapley([0, 1, 2, 4], 2)).toEqual([1.5, 2.5]);
  });

  it('the airport game (v = the largest cost among the members, costs 1, 2, 3): 1/3, 5/6, 11/6', () => {
    const phi = shapley(game(3, (s) => Math.max(0, ...s.map((i) => [1, 2, 3][i]!))), 3);
    expect(phi[0]).toBeCloseTo(1 / 3, 12);
    expect(phi[1]).toBeCloseTo(1 / 3 + 1 / 2, 12);
    expect(phi[2]).toBeCloseTo(1 / 3 + 1 / 2 + 1, 12);
  });

  it('symmetric players get equal shares (3-player majority game: 1/3 each)', () => {
    const phi = shapley(game(3, (s) => (s.length >= 2 ? 1 : 0)), 3);
    for (const p of phi) expect(p).toBeCloseTo(1 / 3, 12);
  });

  it('a null player gets 0 and an additive game returns its parts', () => {
    const withNull = shapley(game(3, (s) => (s.includes(0) ? 5 : 0) + (s.includes(1) ? 7 : 0) + (s.includes(0) && s.includes(1) ? -3 : 0)), 3);
    expect(withNull[0]).toBeCloseTo(3.5, 12);
    expect(withNull[1]).toBeCloseTo(5.5, 12);
    expect(withNull[2]).toBe(0);
    shapley(game(4, (s) => s.reduce((a, i) => a + [2, -1, 0.5, 10][i]!, 0)), 4).forEach((p, i) => expect(p).toBeCloseTo([2, -1, 0.5, 10][i]!, 12));
  });

  it('shares add up to v(all) - v(none) for an arbitrary 5-player game', () => {
    let x = 12345;
    const v = Array.from({ length: 32 }, () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 100 - 50);
    const phi = shapley(v, 5);
    expect(phi.reduce((a, b) => a + b, 0)).toBeCloseTo(v[31]! - v[0]!, 10);
  });

  it('weights of one player over all coalitions sum to 1; bad sizes throw', () => {
    const k = 5;
    let sum = 0;
    for (let s = 0; s < k; s++) sum += shapleyWeight(s, k) * [1, 4, 6, 4, 1][s]!;
    expect(sum).toBeCloseTo(1, 14);
    expect(() => shapley([0, 1, 2], 2)).toThrow(RangeError);
    expect(() => shapley([0], 0)).toThrow(RangeError);
  });
});

describe('decomposeRuns / decompose', () => {
  // Run r: component 0 adds r, component 1 adds 2, together they add r more (an interaction split
  // evenly); NaN in run 3 of metric 1 (a metric undefined in that run) drops that run from its stats.
  const effect = (mask: number, m: number, r: number) => {
    if (m === 1 && r === 3) return NaN;
    const a = mask & 1, b = (mask >> 1) & 1;
    return 10 + r * a + 2 * b + r * a * b;
  };
  const input = { scenario: 's', components: ['a', 'b'], componentFields: { a: ['outerCap'], b: ['guarantees'] }, runs: 4, seed: 1, metrics: ['x', 'y'], effect };

  it('each run: the whole effect is v(all) - v(none) and the shares add up to it', () => {
    const [x] = decomposeRuns(input);
    for (let r = 0; r < 4; r++) {
      expect(x!.total[r]).toBe(2 * r + 2);
      expect(x!.shares[0]![r]).toBeCloseTo(r + r / 2, 12);
      expect(x!.shares[1]![r]).toBeCloseTo(2 + r / 2, 12);
    }
  });

  it('STATs across runs, undefined runs dropped, and the CSV rows', () => {
    const d = decompose(input);
    expect(d.effects.x!.total).toMatchObject({ n: 4, mean: 5 });
    expect(d.effects.x!.shares.a!.mean! + d.effects.x!.shares.b!.mean!).toBeCloseTo(5, 12);
    expect(d.effects.y!.total.n).toBe(3);
    const csv = decomposeCsv(d).trim().split('\n');
    expect(csv[0]).toBe('metric,component,n,mean,sd,lo,hi,q05,q50,q95');
    expect(csv).toHaveLength(1 + 2 * 3);
    expect(csv[1]).toMatch(/^x,total,4,5\.0,/);
  });
});
