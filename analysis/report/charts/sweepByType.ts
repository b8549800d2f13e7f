/**
 * A sweep by bank type, in small multiples: partners per bank at the end with and without the rule
 * against the swept field; and the share of each type's banks left with no partner under the rule,
 * with the field value at which it reaches one half (the type's exit cap, read from sweep.json's
 * `exitPoints`: analysis/sweep/exitPoints.ts) marked with its 95% bootstrap interval.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Field } from 'vega-lite/types_unstable/channeldef.js';
import type { LayerSpec } from 'vega-lite/types_unstable/spec/layer.js';
import type { Arm } from '../../../sim/model/result.js';
import { ARM_LABEL, ARM_SCALE, CONFIG, VEGA_LITE_SCHEMA, finite, type Chart, type DataRow } from '../chart.js';
import { EXIT_LEVEL, type ExitPoint } from '../../sweep/exitPoints.js';
import { BANK_TYPE_LABEL, BANK_TYPES } from '../labels.js';
import { numericValue, otherFieldsLabel, type Sweep } from '../sweepData.js';

const ARMS: readonly Arm[] = ['policy', 'counterfactual'];
const TYPE_ORDER = BANK_TYPES.map((t) => BANK_TYPE_LABEL[t]);

export function sweepPartnersByTypeChart(sweep: Sweep): Chart {
  const field = sweep.fields[0]!;
  const rows: DataRow[] = [];
  for (const type of BANK_TYPES) {
    for (const arm of ARMS) {
      sweep.points.forEach((p, i) => {
        const s = p.summary.arms?.[arm]?.end?.[`partnersPerBank.${type}`];
        const mean = finite(s?.mean);
        if (mean === null) return;
        rows.push({
          bankType: BANK_TYPE_LABEL[type], arm: ARM_LABEL[arm], point: i, x: numericValue(p, field), group: otherFieldsLabel(p, sweep.fields, field),
          mean, lo: finite(s?.ci95?.[0]) ?? mean, hi: finite(s?.ci95?.[1]) ?? mean,
        });
      });
    }
  }
  return {
    name: 'sweep-partners-by-type',
    title: 'Partners per bank by type along the sweep',
    howToRead:
      `One panel per bank type: partners per bank in the last 3 months at each value of ${field}, red with the rule and blue without, with 95% bands; where the red line drops away from the blue, that type of bank sheds partners at that setting.`,
    rows,
    spec: typePanels(`Partners per bank at the end vs ${field}`, rows, [
          {
            mark: { type: 'area', opacity: 0.18 },
            encoding: {
              x: { field: 'x', type: 'quantitative', title: field, scale: { zero: false } }, y: { field: 'lo', type: 'quantitative', title: 'partners per bank' }, y2: { field: 'hi' },
              color: { field: 'arm', type: 'nominal', title: '', scale: ARM_SCALE }, detail: { field: 'group' },
            },
          },
          {
            mark: { type: 'line', point: true },
            encoding: {
              x: { field: 'x', type: 'quantitative', title: field, scale: { zero: false } }, y: { field: 'mean', type: 'quantitative', title: 'partners per bank' },
              color: { field: 'arm', type: 'nominal', title: '', scale: ARM_SCALE }, detail: { field: 'group' },
              tooltip: [
                { field: 'bankType', type: 'nominal', title: 'bank type' }, { field: 'arm', type: 'nominal' }, { field: 'x', type: 'quantitative', title: field },
                { field: 'mean', type: 'quantitative', format: '.1f' }, { field: 'lo', type: 'quantitative', title: '95% CI low', format: '.1f' }, { field: 'hi', type: 'quantitative', title: '95% CI high', format: '.1f' },
              ],
            },
          },
        ]),
  };
}

/**
 * Per bank type, its exit point along the sweep's first field as sweep.json gives it (null when
 * sweep.json has none for the type: a field that is not numeric, a metric undefined everywhere, or a
 * sweep.json written without exit points).
 */
export function exitCaps(sweep: Sweep): { type: string; label: string; exit: ExitPoint | null }[] {
  const field = sweep.fields[0]!;
  return BANK_TYPES.map((type) => ({
    type,
    label: BANK_TYPE_LABEL[type],
    exit: sweep.exitPoints[type]?.find((e) => e.field === field) ?? null,
  }));
}

export function sweepExitChart(sweep: Sweep): Chart {
  const field = sweep.fields[0]!;
  const rows: DataRow[] = [];
  for (const type of BANK_TYPES) {
    sweep.points.forEach((p, i) => {
      const s = p.summary.arms?.policy?.end?.[`zeroPartnerBankShare.${type}`];
      const mean = finite(s?.mean);
      if (mean === null) return;
      rows.push({
        kind: 'share', bankType: BANK_TYPE_LABEL[type], point: i, x: numericValue(p, field), group: otherFieldsLabel(p, sweep.fields, field),
        mean, lo: finite(s?.ci95?.[0]) ?? mean, hi: finite(s?.ci95?.[1]) ?? mean,
      });
    });
  }
  const multi = sweep.fields.length > 1;
  if (!multi) {
    for (const c of exitCaps(sweep)) {
      const e = c.exit;
      if (e?.value == null) continue;
      rows.push({ kind: 'exit', bankType: c.label, x: e.value, mean: e.level, lo: e.ci95?.[0] ?? e.value, hi: e.ci95?.[1] ?? e.value });
    }
  }
  return {
    name: 'sweep-exit',
    title: 'Where each type of bank leaves: the exit cap',
    howToRead:
      `One panel per bank type: the share of its banks left with no platform partner at the end, with the rule, at each value of ${field} (95% band); the dashed line is one half, and the black diamond marks the exit cap, the value of ${field} at which half the banks of that type have left, with its 95% bootstrap interval across runs as a horizontal bar.`,
    rows,
    spec: typePanels(`Banks with no partner (with the rule) vs ${field}`, rows, [
          {
            transform: [{ filter: "datum.kind === 'share'" }],
            mark: { type: 'area', opacity: 0.18, color: '#c0392b' },
            encoding: { x: { field: 'x', type: 'quantitative', title: field, scale: { zero: false } }, y: { field: 'lo', type: 'quantitative', title: 'share with no partner', scale: { domain: [0, 1] }, axis: { format: '.0%' } }, y2: { field: 'hi' }, detail: { field: 'group' } },
          },
          {
            transform: [{ filter: "datum.kind === 'share'" }],
            mark: { type: 'line', point: { color: '#c0392b' }, color: '#c0392b', clip: true },
            encoding: {
              x: { field: 'x', type: 'quantitative', title: field, scale: { zero: false } }, y: { field: 'mean', type: 'quantitative', title: 'share with no partner' }, detail: { field: 'group' },
              tooltip: [{ field: 'bankType', type: 'nominal', title: 'bank type' }, { field: 'x', type: 'quantitative', title: field }, { field: 'mean', type: 'quantitative', title: 'share', format: '.0%' }],
            },
          },
          {
            transform: [{ filter: "datum.kind === 'share' && datum.point === 0" }],
            mark: { type: 'rule', strokeDash: [4, 3], color: '#777' },
            encoding: { y: { datum: EXIT_LEVEL, type: 'quantitative' } },
          },
          {
            transform: [{ filter: "datum.kind === 'exit'" }],
            mark: { type: 'rule', strokeWidth: 2, color: '#111' },
            encoding: { x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' }, y: { field: 'mean', type: 'quantitative' } },
          },
          {
            transform: [{ filter: "datum.kind === 'exit'" }],
            mark: { type: 'point', shape: 'diamond', filled: true, size: 90, color: '#111' },
            encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'mean', type: 'quantitative' }, tooltip: [
              { field: 'bankType', type: 'nominal', title: 'bank type' }, { field: 'x', type: 'quantitative', title: 'exit cap', format: '.4~g' },
              { field: 'lo', type: 'quantitative', title: '95% CI low', format: '.4~g' }, { field: 'hi', type: 'quantitative', title: '95% CI high', format: '.4~g' },
            ] },
          },
        ]),
  };
}

/** One small panel per bank type (in the usual type order), five to a row, each drawing `layer`. */
function typePanels(title: string, rows: DataRow[], layer: LayerSpec<Field>['layer']): TopLevelSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title,
    config: CONFIG,
    data: { values: rows },
    facet: { field: 'bankType', type: 'nominal', title: null, sort: TYPE_ORDER },
    columns: 5,
    spec: { width: 170, height: 140, layer },
  };
}
