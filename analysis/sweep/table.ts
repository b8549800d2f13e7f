/**
 * A sweep's results as a plain-text table for the terminal: one row per point with the swept values
 * and, for a few metrics, the paired effect (policy minus counterfactual at the end) with its 95%
 * interval; then the exit points per bank type.
 */
import type { Stat } from '../stats/stat.js';
import type { SweepResult } from './sweepOutputs.js';

export const TABLE_METRICS = ['links', 'exclusionRate', 'aprMean'] as const;

/** Three significant digits, without exponent for ordinary magnitudes. */
export function fmt(x: number | null | undefined): string {
  if (typeof x !== 'number' || !Number.isFinite(x)) return '-';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e6 || a < 1e-4) return x.toExponential(2);
  return String(Number(x.toPrecision(3)));
}

function effect(s: Stat | undefined): string {
  if (!s || s.mean === null) return '-';
  return s.ci95 ? `${fmt(s.mean)} [${fmt(s.ci95[0])}, ${fmt(s.ci95[1])}]` : fmt(s.mean);
}

function shortField(f: string): string {
  return f.split('.').pop() ?? f;
}

function valueText(v: unknown): string {
  return typeof v === 'number' ? fmt(v) : typeof v === 'string' ? v : JSON.stringify(v);
}

/** Lay out rows as columns padded to their widest cell. */
function columns(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd());
}

/** The table's lines (no trailing newline). */
export function sweepTable(result: SweepResult, metrics: readonly string[] = TABLE_METRICS): string[] {
  const head = [...result.fields.map(shortField), ...metrics.map((m) => `effect ${m} [95% CI]`)];
  const rows = result.points.map((p) => [...result.fields.map((f) => valueText(p.values[f])), ...metrics.map((m) => effect(p.summary.effect[m]))]);
  const out = [`${result.sweep}: ${result.points.length} points x ${result.runs} runs per arm (effect = policy - counterfactual, last 3 months)`, ...columns([head, ...rows])];
  const exits = Object.entries(result.exitPoints);
  if (exits.length > 0) {
    out.push('', `where half of a bank type's banks have no partner at the end (policy arm; 95% CI by bootstrap over runs):`);
    const exitRows = [['bank type', 'field', 'at', 'exit value [95% CI]', 'runs crossing']];
    for (const [type, list] of exits) {
      for (const e of list) {
        const at = Object.entries(e.at).map(([f, v]) => `${shortField(f)}=${valueText(v)}`).join(' ');
        const value = e.status === 'crosses'
          ? `${fmt(e.value)}${e.ci95 ? ` [${fmt(e.ci95[0])}, ${fmt(e.ci95[1])}]` : ''}`
          : e.status === 'below' ? 'stays in (below 1/2 everywhere)' : e.status === 'above' ? 'out at both ends' : 'undefined';
        exitRows.push([type, shortField(e.field), at, value, `${e.runs.crosses}/${result.runs}`]);
      }
    }
    out.push(...columns(exitRows));
  }
  return out;
}
