/**
 * The rule's start on a month axis: a dashed vertical rule at ruleStartMonth. In a faceted chart the
 * layer draws it once per panel (on the rows that `firstRow` keeps), not once per data row.
 */
import type { UnitSpec } from 'vega-lite/types_unstable/spec/unit.js';

export function ruleStartLayer(ruleStartMonth: number, firstRow: string): UnitSpec<string> {
  return {
    transform: [{ filter: firstRow }],
    mark: { type: 'rule', strokeDash: [4, 3], color: '#555', strokeWidth: 1 },
    encoding: { x: { datum: ruleStartMonth, type: 'quantitative' } },
  };
}
