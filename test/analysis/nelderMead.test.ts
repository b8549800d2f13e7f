// Nelder-Mead on functions with known minima inside the unit cube.
import { describe, expect, it } from 'vitest';
import { nelderMead } from '../../analysis/calibrate/nelderMead.js';

describe('nelderMead', () => {
  it('finds the minimum of a shifted quadratic (2-D) to 1e-3 within 200 evaluations', async () => {
    const r = await nelderMead(([x, y]) => (x! - 0.3) ** 2 + 4 * (y! - 0.7) ** 2, [0.5, 0.5], { budget: 200, tolerance: 1e-10 });
    expect(r.x[0]).toBeCloseTo(0.3, 3);
    expect(r.x[1]).toBeCloseTo(0.7, 3);
    expect(r.evaluations).toBeLessThanOrEqual(200);
  });

  it('Rosenbrock scaled into the cube (minimum at (0.6, 0.6)): within 1e-2 in 400 evaluations', async () => {
    const rosen = ([a, b]: number[]) => { const x = 5 * a! - 2, y = 5 * b! - 2; return 100 * (y - x * x) ** 2 + (1 - x) ** 2; };
    const r = await nelderMead(rosen, [0.2, 0.2], { budget: 400, tolerance: 1e-12 });
    expect(Math.abs(r.x[0]! - 0.6)).toBeLessThan(1e-2);
    expect(Math.abs(r.x[1]! - 0.6)).toBeLessThan(1e-2);
  });

  it('stops at the budget and stays in the cube when the minimum lies outside it', async () => {
    const seen: number[][] = [];
    const r = await nelderMead((x) => { seen.push(x); return (x[0]! - 2) ** 2; }, [0.5], { budget: 15 });
    expect(seen).toHaveLength(15);
    expect(seen.every((x) => x[0]! >= 0 && x[0]! <= 1)).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 6);
  });
});
