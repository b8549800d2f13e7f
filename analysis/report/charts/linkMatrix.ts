/**
 * Who lends through whom: the bank x platform matrix of active links before the rule and at the end
 * (with and without it), each cell shaded by the share of runs in which the link was active. Head
 * platforms come first (left), banks are grouped by type (large at the top, internet at the bottom,
 * the named banks last within their type). Only cells active in some run are drawn (and exported).
 */
import type { Distributions } from '../../stats/distributions.js';
import { ARM_LABEL, CONFIG, VEGA_LITE_SCHEMA, type Chart, type DataRow } from '../chart.js';
import { BANK_TYPE_LABEL, BANK_TYPES } from '../labels.js';

const PANELS = [
  { arm: 'policy', matrix: 'linksBeforeRule', label: 'before the rule' },
  { arm: 'policy', matrix: 'linksEnd', label: `end, ${ARM_LABEL.policy}` },
  { arm: 'counterfactual', matrix: 'linksEnd', label: `end, ${ARM_LABEL.counterfactual}` },
] as const;

export function linkMatrixChart(d: Distributions): Chart {
  const banks = d.roster.banks.map((b, i) => ({ ...b, index: i }));
  const typeRank = (t: string) => {
    const r = (BANK_TYPES as readonly string[]).indexOf(t);
    return r < 0 ? BANK_TYPES.length : r;
  };
  const bankOrder = [...banks].sort((a, b) => typeRank(a.type) - typeRank(b.type) || Number(a.named) - Number(b.named) || a.index - b.index);
  const platformOrder = d.roster.platforms.map((p, j) => ({ ...p, index: j })).sort((a, b) => Number(a.tier !== 'head') - Number(b.tier !== 'head') || a.index - b.index);
  const P = d.roster.platforms.length;
  const rows: DataRow[] = [];
  for (const panel of PANELS) {
    const m = d.arms[panel.arm]?.[panel.matrix];
    if (!m) continue;
    for (const b of banks) {
      for (let j = 0; j < P; j++) {
        const share = m[b.index * P + j];
        if (typeof share !== 'number' || !(share > 0)) continue;
        const p = d.roster.platforms[j]!;
        rows.push({ panel: panel.label, bank: b.id, bankType: b.type, platform: p.id, tier: p.tier, share: Math.round(share * 1e4) / 1e4 });
      }
    }
  }
  // Label the first bank of each type with the type's name; the rest are rows of their type's block.
  // Bank ids are engine-made (type-n) or match /^[A-Za-z][A-Za-z0-9_-]*$/ (the scenario schema), so
  // quoting them with JSON.stringify inside the label expression is safe.
  const starts = bankOrder.filter((b, i) => i === 0 || bankOrder[i - 1]!.type !== b.type);
  const typeLabel = (t: string) => BANK_TYPE_LABEL[t as keyof typeof BANK_TYPE_LABEL] ?? t;
  const bankLabelExpr = starts.map((b) => `datum.value === ${JSON.stringify(b.id)} ? ${JSON.stringify(typeLabel(b.type))} : `).join('') + "''";
  // The platform axis names the two blocks: "head" ending at the last head platform, "tail" starting at the first tail one.
  const heads = platformOrder.filter((p) => p.tier === 'head');
  const lastHead = heads[heads.length - 1];
  const firstTail = platformOrder.find((p) => p.tier !== 'head');
  const platformTicks = [lastHead, firstTail].filter((p) => p !== undefined);
  const platformLabelExpr = platformTicks.map((p) => `datum.value === ${JSON.stringify(p.id)} ? ${JSON.stringify(p.tier === 'head' ? 'head ' : ` ${p.tier}`)} : `).join('') + "''";
  const platformAlign = lastHead ? `datum.value === ${JSON.stringify(lastHead.id)} ? 'right' : 'left'` : "'left'";
  return {
    name: 'link-matrix',
    title: 'Bank x platform partnerships',
    howToRead:
      'Each row is a bank (grouped by type from large at the top to internet at the bottom, the label marking where a type begins, the named banks last within their type) and each column a platform (head platforms on the left), a dark cell a partnership active in most runs and a blank one never; compare the panels to see which partnerships the rule ends: under it the blocks thin out to the head platforms on the left.',
    rows,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: 'Active bank-platform links (share of runs)',
      config: CONFIG,
      data: { values: rows },
      facet: { column: { field: 'panel', type: 'nominal', title: null, sort: PANELS.map((p) => p.label) } },
      spec: {
        width: { step: 4 },
        height: { step: 5 },
        mark: { type: 'rect' },
        encoding: {
          x: {
            field: 'platform', type: 'ordinal', title: 'platforms: head, then tail', scale: { domain: platformOrder.map((p) => p.id) },
            axis: { values: platformTicks.map((p) => p.id), labelExpr: platformLabelExpr, labelAngle: 0, labelAlign: { expr: platformAlign }, ticks: false },
          },
          y: { field: 'bank', type: 'ordinal', title: 'banks by type', scale: { domain: bankOrder.map((b) => b.id) }, axis: { values: starts.map((b) => b.id), labelExpr: bankLabelExpr, labelBaseline: 'top', ticks: false } },
          color: { field: 'share', type: 'quantitative', title: 'share of runs with the link', scale: { scheme: 'blues', domain: [0, 1] } },
          tooltip: [
            { field: 'bank', type: 'nominal' },
            { field: 'bankType', type: 'nominal', title: 'bank type' },
            { field: 'platform', type: 'nominal' },
            { field: 'share', type: 'quantitative', title: 'share of runs', format: '.0%' },
          ],
        },
      },
    },
  };
}
