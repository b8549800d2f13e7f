/** CSV cells written the same way on every machine: numbers as JavaScript's shortest round-trip text. */

/** A number as a CSV cell: shortest text that reads back to the same double; empty when not finite. */
export function csvNumber(x: number): string {
  return Number.isFinite(x) ? String(x) : '';
}

/**
 * Text that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`) or that starts with a tab or
 * a carriage return: a bank name or swept value like `=HYPERLINK(...)` must stay text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell, quoted when it holds a comma, quote or line break (RFC 4180). Text that would start a
 * formula is prefixed with `'` (OWASP's advice against CSV injection) so a spreadsheet shows it as
 * text; numbers are written by csvNumber and stay numbers.
 */
export function csvText(s: string): string {
  const safe = FORMULA_START.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A measured value as a CSV cell whose column type does not depend on the value: always written as a
 * float (`0.0`, `12.0`, `0.25`, `1e+21`), so pandas, R and spreadsheets read every metric column as
 * floating point even where a share happens to be 0 in every row; empty when not finite (NaN/NA).
 * Counts and indices (run, month, n, seed) stay integers (csvNumber).
 */
export function csvFloat(x: number): string {
  if (!Number.isFinite(x)) return '';
  const s = String(x);
  return /[.e]/.test(s) ? s : `${s}.0`;
}
