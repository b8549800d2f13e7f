/**
 * The changes of regime on a month axis: a dashed vertical rule at each change of the timeline (the
 * rule at ruleStartMonth, and any later regime), labelled with the regime's name. In a faceted chart
 * the layer draws them once per panel (on the rows that `firstRow` keeps), not once per data row.
 */
import type { LayerSpec } from 'vega-lite/types_unstable/spec/layer.js';

/** One change of the policy arm's regime. */
export interface RegimeChange {
  month: number;
  regime: string;
}

/**
 * The changes a chart marks: every entry of the timeline after the first (results written before the
 * timeline existed hold none: the rule, `after`, at ruleStartMonth).
 */
export function regimeChanges(d: { timeline?: readonly RegimeChange[] | undefined } | null | undefined, ruleStartMonth: number): RegimeChange[] {
  return d?.timeline ? d.timeline.slice(1).map((c) => ({ month: c.month, regime: c.regime })) : [{ month: ruleStartMonth, regime: 'after' }];
}

/** For a chart's "how to read": the dashed line(s) and what they mark. */
export function changesText(changes: number | readonly RegimeChange[]): string {
  const list = typeof changes === 'number' ? [{ month: changes, regime: 'after' }] : changes;
  if (list.length === 1) return `the dashed line the month the rule takes effect (month ${list[0]!.month})`;
  return `the dashed lines the changes of regime in the policy arm (${list.map((c) => `${c.regime} from month ${c.month}`).join(', ')})`;
}

/** The dashed, labelled line of every change; a bare month is the rule alone. */
export function ruleStartLayer(changes: number | readonly RegimeChange[], firstRow: string): LayerSpec<string> {
  const list = typeof changes === 'number' ? [{ month: changes, regime: 'after' }] : changes;
  return {
    transform: [{ filter: firstRow }],
    layer: list.flatMap((c) => [
      { mark: { type: 'rule', strokeDash: [4, 3], color: '#555', strokeWidth: 1 }, encoding: { x: { datum: c.month, type: 'quantitative' } } },
      {
        mark: { type: 'text', angle: 270, align: 'right', baseline: 'bottom', dx: -2, dy: -2, fontSize: 9, color: '#555' },
        encoding: { x: { datum: c.month, type: 'quantitative' }, y: { value: 0 }, text: { value: c.regime } },
      },
    ]),
  };
}
