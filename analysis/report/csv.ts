/**
 * CSV in and out for the report: parse RFC 4180 text (quoted cells, doubled quotes, CRLF or LF), and
 * write a chart's rows with the same cell rules as the other outputs (analysis/stats/csv.ts).
 */
import { csvNumber, csvText } from '../stats/csv.js';
import type { DataRow } from './chart.js';

/** Rows of cells. A trailing newline does not make an empty last row. O(length). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** A chart's rows as CSV: the header is every key in first-seen order; null and non-finite as empty cells. */
export function rowsToCsv(rows: readonly DataRow[]): string {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) if (!seen.has(k)) (seen.add(k), keys.push(k));
  const cell = (v: DataRow[string] | undefined): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'number') return csvNumber(v);
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    return csvText(v);
  };
  const lines = [keys.map(csvText).join(','), ...rows.map((r) => keys.map((k) => cell(r[k])).join(','))];
  return `${lines.join('\n')}\n`;
}
