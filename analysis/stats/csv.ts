/** CSV cells written the same way on every machine: numbers as JavaScript's shortest round-trip text. */

/** A number as a CSV cell: shortest text that reads back to the same double; empty when not finite. */
export function csvNumber(x: number): string {
  return Number.isFinite(x) ? String(x) : '';
}

/** A text cell, quoted when it holds a comma, quote or line break (RFC 4180). */
export function csvText(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
