/**
 * Exact Shapley values of a k-player game given by its value at every coalition (Shapley 1953).
 *
 * The value function is indexed by bitmask: `v[S]` is the value of the coalition whose members are the
 * set bits of S (bit i: player i). Player i's share is
 *   phi_i = sum over S not containing i of |S|! (k - |S| - 1)! / k! * (v[S | i] - v[S]),
 * so the shares add up to v[all] - v[empty] (efficiency), symmetric players get equal shares and a
 * player that never changes the value gets 0 (null player). O(k 2^k).
 *
 * In `lendsim decompose` the players are the rule's components and v[S] is one run's effect (policy
 * minus counterfactual at the end) when the components in S take the after regime's values: the
 * shares are computed run by run, so they add up to each run's whole effect and carry paired intervals.
 *
 * @example shapley([0, 1, 2, 4], 2) // [1.5, 2.5]: v({0}) = 1, v({1}) = 2, v({0,1}) = 4
 */

/** The Shapley weight |S|! (k - |S| - 1)! / k! of a coalition of `size` players not containing i. */
export function shapleyWeight(size: number, k: number): number {
  return 1 / (k * binomial(k - 1, size));
}

function binomial(n: number, r: number): number {
  let b = 1;
  for (let j = 1; j <= r; j++) b = (b * (n - r + j)) / j;
  return b;
}

function popcount(x: number): number {
  let c = 0;
  for (let y = x; y !== 0; y &= y - 1) c++;
  return c;
}

/** Each player's Shapley share; `v` has 2^k entries. NaN anywhere in `v` makes every share NaN. */
export function shapley(v: ArrayLike<number>, k: number): number[] {
  const size = 1 << k;
  if (!Number.isInteger(k) || k < 1 || k > 20) throw new RangeError(`shapley: expected 1..20 players, received ${k}`);
  if (v.length !== size) throw new RangeError(`shapley: expected ${size} coalition values for ${k} players, received ${v.length}`);
  const weights = Array.from({ length: k }, (_, s) => shapleyWeight(s, k));
  const shares = new Array<number>(k).fill(0);
  for (let s = 0; s < size; s++) {
    const w = weights[popcount(s)]!;
    for (let i = 0; i < k; i++) {
      const bit = 1 << i;
      if ((s & bit) === 0) shares[i]! += w * (v[s | bit]! - v[s]!);
    }
  }
  return shares;
}
