import { describe, expect, it } from 'vitest';
import { decimals, factorial, factorialSize, rangeValues } from '../../sim/sweep/grid.js';

describe('rangeValues', () => {
  it('0.12 to 0.36 by 0.02 is 13 clean values, each the double its literal parses to', () => {
    const v = rangeValues({ from: 0.12, to: 0.36, step: 0.02 });
    expect(v).toEqual([0.12, 0.14, 0.16, 0.18, 0.2, 0.22, 0.24, 0.26, 0.28, 0.3, 0.32, 0.34, 0.36]);
    expect(v.map(String)).toEqual(['0.12', '0.14', '0.16', '0.18', '0.2', '0.22', '0.24', '0.26', '0.28', '0.3', '0.32', '0.34', '0.36']);
    // What floating-point steps would have given: the reason for the scaled integers.
    let acc = 0.12;
    for (let i = 0; i < 6; i++) acc += 0.02;
    expect(acc).not.toBe(0.24); // 0.23999999999999994
    expect(0.12 + 11 * 0.02).not.toBe(0.34); // 0.33999999999999997
    expect(v[6]).toBe(0.24);
    expect(v[11]).toBe(0.34);
  });

  it('includes `to` only when it falls on a step', () => {
    expect(rangeValues({ from: 0, to: 1, step: 0.25 })).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(rangeValues({ from: 0, to: 1, step: 0.3 })).toEqual([0, 0.3, 0.6, 0.9]);
    expect(rangeValues({ from: 0.1, to: 0.3, step: 0.1 })).toEqual([0.1, 0.2, 0.3]);
    expect(rangeValues({ from: 0.5, to: 0.5, step: 1 })).toEqual([0.5]);
  });

  it('handles money-sized and tiny steps, and integers', () => {
    expect(rangeValues({ from: 0, to: 3e6, step: 5e5 })).toEqual([0, 5e5, 1e6, 1.5e6, 2e6, 2.5e6, 3e6]);
    expect(rangeValues({ from: 1e-7, to: 5e-7, step: 1e-7 })).toEqual([1e-7, 2e-7, 3e-7, 4e-7, 5e-7]);
    expect(rangeValues({ from: 1, to: 10, step: 3 })).toEqual([1, 4, 7, 10]);
    expect(rangeValues({ from: -0.3, to: 0.3, step: 0.15 })).toEqual([-0.3, -0.15, 0, 0.15, 0.3]);
  });

  it('refuses a non-positive step, a range running down, and one longer than the limit', () => {
    expect(() => rangeValues({ from: 0, to: 1, step: 0 })).toThrow(/positive step/);
    expect(() => rangeValues({ from: 1, to: 0, step: 0.1 })).toThrow(/to >= from/);
    expect(() => rangeValues({ from: 0, to: 1, step: 1e-6 }, 10_000)).toThrow(/1000001 values, more than 10000/);
  });

  it('counts decimals of any number form', () => {
    expect([decimals(0.12), decimals(3), decimals(1.5e-7), decimals(2e21), decimals(-0.125)]).toEqual([2, 0, 8, 0, 3]);
  });
});

describe('factorial', () => {
  it('is every combination, the first axis slowest', () => {
    const points = factorial([['cap', [0.2, 0.3]], ['cost', [0, 1, 2]], ['guarantees', ['hidden', 'none']]]);
    expect(points).toHaveLength(12);
    expect(factorialSize([2, 3, 2])).toBe(12);
    expect(points.slice(0, 3)).toEqual([
      { cap: 0.2, cost: 0, guarantees: 'hidden' },
      { cap: 0.2, cost: 0, guarantees: 'none' },
      { cap: 0.2, cost: 1, guarantees: 'hidden' },
    ]);
    expect(points[11]).toEqual({ cap: 0.3, cost: 2, guarantees: 'none' });
    expect(new Set(points.map((p) => JSON.stringify(p))).size).toBe(12);
  });

  it('of one axis is its values', () => {
    expect(factorial([['x', [1, 2, 3]]])).toEqual([{ x: 1 }, { x: 2 }, { x: 3 }]);
  });
});
