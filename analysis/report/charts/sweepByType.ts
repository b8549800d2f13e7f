/**
 * A sweep by bank type, in small multiples: partners per bank at the end with and without the rule
 * against the swept field; and the share of each type's banks left with no partner under the rule,
 * with the field value at which it crosses one half (the type's exit cap: `exitCrossing`) marked.
 */
import type { Arm } from '../../../sim/model/result.js';
import { ARM_LABEL, ARM_SCALE, CONFIG, VEGA_LITE_SCHEMA, finite, type Chart, type DataRow } from '../chart.js';
import { EXIT_SHARE, exitCrossing } from '../exitCap.js';
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
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: `Partners per bank at the end vs ${field}`,
      config: CONFIG,
      data: { values: rows },
      facet: { field: 'bankType', type: 'nominal', title: null, sort: TYPE_ORDER },
      columns: 5,
      spec: {
        width: 170,
        height: 140,
        layer: [
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
        ],
      },
    },
  };
}

/** Per bank type, the swept value where the type's zero-partner share crosses one half (null: never). */
export function exitCaps(sweep: Sweep): { type: string; label: string; exitAt: number | null }[] {
  const field = sweep.fields[0]!;
  return BANK_TYPES.map((type) => ({
    type,
    label: BANK_TYPE_LABEL[type],
    exitAt: exitCrossing(sweep.points.map((p) => ({ x: numericValue(p, field), share: finite(p.summary.arms?.policy?.end?.[`zeroPartnerBankShare.${type}`]?.mean) }))),
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
  if (!multi) for (const c of exitCaps(sweep)) if (c.exitAt !== null) rows.push({ kind: 'exit', bankType: c.label, x: c.exitAt, mean: EXIT_SHARE });
  return {
    name: 'sweep-exit',
    title: 'Where each type of bank leaves: the exit cap',
    howToRead:
      `One panel per bank type: the share of its banks left with no platform partner at the end, with the rule, at each value of ${field} (95% band); the dashed line is one half, and the black diamond marks the exit cap, the value of ${field} at which half the banks of that type have left.`,
    rows,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: `Banks with no partner (with the rule) vs ${field}`,
      config: CONFIG,
      data: { values: rows },
      facet: { field: 'bankType', type: 'nominal', title: null, sort: TYPE_ORDER },
      columns: 5,
      spec: {
        width: 170,
        height: 140,
        layer: [
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
            encoding: { y: { datum: EXIT_SHARE, type: 'quantitative' } },
          },
          {
            transform: [{ filter: "datum.kind === 'exit'" }],
            mark: { type: 'point', shape: 'diamond', filled: true, size: 90, color: '#111' },
            encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'mean', type: 'quantitative' }, tooltip: [{ field: 'bankType', type: 'nominal', title: 'bank type' }, { field: 'x', type: 'quantitative', title: 'exit cap', format: '.4~g' }] },
          },
        ],
      },
    },
  };
}
