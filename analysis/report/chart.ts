/**
 * A chart of the report: a typed Vega-Lite spec built by a pure function from the results, the rows
 * it draws (also written as charts/NAME.csv) and one sentence that says how to read it.
 */
import type { TopLevelSpec } from 'vega-lite';

/** One row of a chart's data: what the spec draws and the CSV holds. */
export type DataRow = Record<string, string | number | boolean | null>;

export interface Chart {
  /** File stem (charts/NAME.svg, charts/NAME.csv) and element id; letters, digits and dashes. */
  name: string;
  title: string;
  /** One sentence: how to read the chart. */
  howToRead: string;
  spec: TopLevelSpec;
  rows: DataRow[];
}

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** The arms as the report names them, and their colors (the rule in red, the world without it in blue). */
export const ARM_LABEL = { policy: 'with the rule', counterfactual: 'without the rule' } as const;
export const ARM_COLORS = { policy: '#c0392b', counterfactual: '#2c7fb8' } as const;
export const ARM_SCALE = {
  domain: [ARM_LABEL.policy, ARM_LABEL.counterfactual],
  range: [ARM_COLORS.policy, ARM_COLORS.counterfactual],
};

export const WINDOW_LABEL = { beforeRule: 'before the rule', afterRule: 'first months of the rule', end: 'end' } as const;

/** Shared look: fonts that exist everywhere, no network, readable at paper size. */
export const CONFIG = {
  font: 'Helvetica, Arial, sans-serif',
  view: { stroke: '#ddd' },
  axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal' as const },
  header: { labelFontSize: 12, titleFontSize: 12 },
  legend: { labelFontSize: 11, titleFontSize: 11, orient: 'bottom' as const, direction: 'horizontal' as const },
  title: { fontSize: 14, anchor: 'start' as const },
};

/** A finite number or null (JSON and the CSV write null as empty). */
export function finite(x: number | null | undefined): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}
