/**
 * Nelder-Mead simplex minimization (Nelder & Mead 1965, The Computer Journal 7(4):308-313), with the
 * standard coefficients of Lagarias et al. (1998, SIAM J. Optim. 9(1):112-147): reflection 1,
 * expansion 2, contraction 1/2, shrink 1/2. Derivative-free, so it suits a simulated loss made smooth
 * by common random numbers. Works on the unit cube: every point is clamped to [0, 1]^k before it is
 * evaluated. `f` may be async (each evaluation is an experiment); at most `budget` evaluations.
 */
export interface NelderMeadResult {
  x: number[];
  f: number;
  evaluations: number;
}

export async function nelderMead(
  f: (x: number[]) => Promise<number> | number, start: readonly number[], options: { budget: number; step?: number; tolerance?: number },
): Promise<NelderMeadResult> {
  const k = start.length;
  const step = options.step ?? 0.25;
  const tol = options.tolerance ?? 1e-6;
  const clamp = (x: number[]) => x.map((v) => Math.min(1, Math.max(0, v)));
  let evaluations = 0;
  const evaluate = async (x: number[]): Promise<{ x: number[]; f: number }> => {
    const c = clamp(x);
    evaluations++;
    const v = await f(c);
    return { x: c, f: Number.isFinite(v) ? v : Number.POSITIVE_INFINITY };
  };
  // The first simplex: the start and one step along each axis (inward when the step leaves the cube).
  const simplex = [await evaluate([...start])];
  for (let i = 0; i < k && evaluations < options.budget; i++) {
    const x = [...start];
    x[i] = x[i]! + step <= 1 ? x[i]! + step : x[i]! - step;
    simplex.push(await evaluate(x));
  }
  while (evaluations < options.budget && simplex.length === k + 1) {
    simplex.sort((a, b) => a.f - b.f);
    const best = simplex[0]!, worst = simplex[k]!, second = simplex[k - 1]!;
    if (Math.abs(worst.f - best.f) <= tol && simplex.every((p) => p.x.every((v, j) => Math.abs(v - best.x[j]!) <= tol))) break;
    const centroid = Array.from({ length: k }, (_, j) => simplex.slice(0, k).reduce((s, p) => s + p.x[j]!, 0) / k);
    const along = (t: number) => centroid.map((c, j) => c + t * (worst.x[j]! - c));
    const r = await evaluate(along(-1));
    if (r.f < best.f) {
      const e = evaluations < options.budget ? await evaluate(along(-2)) : r;
      simplex[k] = e.f < r.f ? e : r;
    } else if (r.f < second.f) {
      simplex[k] = r;
    } else {
      if (evaluations >= options.budget) break;
      const c = await evaluate(r.f < worst.f ? along(-0.5) : along(0.5));
      if (c.f < Math.min(r.f, worst.f)) simplex[k] = c;
      else {
        for (let i = 1; i <= k && evaluations < options.budget; i++) simplex[i] = await evaluate(simplex[i]!.x.map((v, j) => best.x[j]! + 0.5 * (v - best.x[j]!)));
      }
    }
  }
  simplex.sort((a, b) => a.f - b.f);
  return { x: simplex[0]!.x, f: simplex[0]!.f, evaluations };
}
