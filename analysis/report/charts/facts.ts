/**
 * The stylized facts of the seed checked against the simulated market (summary.json `facts`): each
 * fact's model value placed against its target range. Facts measure different things, so each is
 * drawn on its own normalized axis: 0 is the low end of the range, 1 the high end; a one-sided range
 * (an end that is null or infinite) is drawn from its one end. Null when there are no facts.
 */
import type { Fact } from '../../stats/summary.js';
import { CONFIG, VEGA_LITE_SCHEMA, finite, type Chart, type DataRow } from '../chart.js';

/** Where a value sits on the fact's normalized axis (clamped to [-0.5, 1.5]). */
export function factPosition(value: number | null, range: readonly (number | null)[]): number | null {
  const v = finite(value);
  if (v === null) return null;
  const lo = finite(range[0]);
  const hi = finite(range[1]);
  let pos: number;
  if (lo !== null && hi !== null && hi > lo) pos = (v - lo) / (hi - lo);
  else if (lo !== null && hi !== null) pos = v < lo ? -0.25 : v > hi ? 1.25 : 0.5;
  else if (lo !== null) pos = v >= lo ? 0.5 + Math.min(0.5, (v - lo) / (Math.abs(lo) || 1)) : -0.25;
  else if (hi !== null) pos = v <= hi ? 0.5 - Math.min(0.5, (hi - v) / (Math.abs(hi) || 1)) : 1.25;
  else pos = 0.5;
  return Math.max(-0.5, Math.min(1.5, pos));
}

export function factsChart(facts: readonly Fact[]): Chart | null {
  if (facts.length === 0) return null;
  const rows: DataRow[] = facts.map((f) => ({
    id: f.id, statement: f.statement, value: finite(f.value), rangeLo: finite(f.range?.[0]), rangeHi: finite(f.range?.[1]),
    holds: f.holds ? 'holds' : 'does not hold', position: factPosition(f.value, f.range ?? [null, null]), label: `${f.id}: ${f.statement}`,
  }));
  const order = rows.map((r) => r.label as string);
  return {
    name: 'facts',
    title: 'Stylized facts: model vs target',
    howToRead:
      'Each row is one stylized fact of the seed article; the grey band is its target range scaled to run from 0 to 1, and the dot is the model\'s value on that scale, green when the fact holds and red when it does not (the table below gives the values in their own units).',
    rows,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: 'Stylized facts',
      config: CONFIG,
      data: { values: rows },
      width: 320,
      height: { step: 22 },
      encoding: { y: { field: 'label', type: 'nominal', sort: order, title: null, axis: { labelLimit: 420 } } },
      layer: [
        { mark: { type: 'bar', color: '#e5e5e5', height: 12 }, encoding: { x: { datum: 0, type: 'quantitative' }, x2: { datum: 1 } } },
        {
          mark: { type: 'point', filled: true, size: 80 },
          encoding: {
            x: { field: 'position', type: 'quantitative', title: 'position in the target range (0 = low end, 1 = high end)', scale: { domain: [-0.5, 1.5] } },
            color: { field: 'holds', type: 'nominal', title: '', scale: { domain: ['holds', 'does not hold'], range: ['#2e8b57', '#b2182b'] } },
            tooltip: [
              { field: 'id', type: 'nominal' },
              { field: 'statement', type: 'nominal' },
              { field: 'value', type: 'quantitative', format: '.4~g' },
              { field: 'rangeLo', type: 'quantitative', title: 'range low', format: '.4~g' },
              { field: 'rangeHi', type: 'quantitative', title: 'range high', format: '.4~g' },
              { field: 'holds', type: 'nominal' },
            ],
          },
        },
      ],
    },
  };
}
