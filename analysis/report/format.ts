/**
 * Text for the page: HTML escaping (every string that came from a scenario file passes through
 * `escapeHtml`), JSON that is safe inside a <script> element, and numbers formatted by what they
 * measure (rates as percent, money in billions, effects on rates in percentage points).
 */

import { metricDef, type MetricUnit } from '../../sim/model/metricNames.js';

/** Escape text for HTML content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * JSON for a `<script type="application/json">` element: `<`, `>` and `&` written as \u escapes so
 * no text (a scenario name holding `</script>`) can end the element; JSON.parse reads it back as is.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export type MetricKind = MetricUnit;

/** The currency money is shown in when the results do not name one (the scenario's market.currency default). */
export const DEFAULT_CURRENCY = 'RMB';

/** What a metric measures, for formatting: its unit in the metric table (sim/model/metricNames.ts). */
export function metricKind(metric: string): MetricKind {
  return metricDef(metric)?.unit ?? (/HHI$/.test(metric) ? 'index' : 'count');
}

/** A value as the page shows it (money with its currency and scale: `RMB 272.3 bn`); an em dash when undefined. */
export function formatValue(kind: MetricKind, x: number | null | undefined, currency = DEFAULT_CURRENCY): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  switch (kind) {
    case 'rate':
      return Math.abs(x) >= 100 ? `${(x * 100).toExponential(2)}%` : `${(x * 100).toFixed(2)}%`;
    case 'money':
      return `${currency} ${(x / 1e9).toFixed(1)} bn`;
    case 'index':
      return x.toFixed(3);
    default:
      return Math.abs(x) >= 1e5 ? x.toExponential(3) : x.toFixed(Math.abs(x) >= 100 ? 0 : 2);
  }
}

/** A difference as the page shows it: percentage points for rates, signed. */
export function formatEffect(kind: MetricKind, x: number | null | undefined, currency = DEFAULT_CURRENCY): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  const sign = x > 0 ? '+' : x < 0 ? '−' : '';
  const abs = Math.abs(x);
  if (kind === 'rate') return abs >= 100 ? `${sign}${(abs * 100).toExponential(2)} pp` : `${sign}${(abs * 100).toFixed(2)} pp`;
  return `${sign}${formatValue(kind, abs, currency)}`;
}
