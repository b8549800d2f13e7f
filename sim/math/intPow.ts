/**
 * Integer powers computed with multiplications only (exponentiation by squaring), so the result is
 * the same double on every JavaScript engine: + - * / and sqrt are exactly rounded IEEE 754
 * operations, while Math.pow, Math.exp and Math.log are not, and V8 changed Math.pow between Node 20
 * and Node 24 in the last bit. Used where a result feeds an output (the annual default rate, a
 * loan's instalment), so summary.json does not depend on the Node version.
 */

/** x^n for an integer n (negative: 1 / x^-n), by squaring: at most 2 log2(|n|) multiplications. */
export function intPow(x: number, n: number): number {
  if (!Number.isInteger(n)) throw new RangeError(`intPow: the exponent must be an integer, received ${n}`);
  if (n < 0) return 1 / intPow(x, -n);
  let result = 1;
  let base = x;
  for (let e = n; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) result *= base;
    if (e > 1) base *= base;
  }
  return result;
}
