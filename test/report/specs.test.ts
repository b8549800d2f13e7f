// Every chart is a typed Vega-Lite spec built by a pure function from the results: each one compiles
// with vega-lite without a warning, renders server-side to an SVG with marks, and has the data and
// the sentence the page shows with it.
import { describe, expect, it, beforeAll } from 'vitest';
import { compile } from 'vega-lite';
import type { Chart } from '../../analysis/report/chart.js';
import { readExperimentData, type ExperimentData } from '../../analysis/report/data.js';
import { EXPERIMENT_CHART_NAMES, experimentCharts } from '../../analysis/report/experimentCharts.js';
import { renderSvg } from '../../analysis/report/render.js';
import { readSweepData } from '../../analysis/report/sweepData.js';
import { SWEEP_CHART_NAMES, sweepCharts } from '../../analysis/report/sweepReport.js';
import { factsChart } from '../../analysis/report/charts/facts.js';
import { facetColumns } from '../../analysis/report/charts/namedBankPartners.js';
import { metricKind } from '../../analysis/report/format.js';
import { headlineRows } from '../../analysis/report/headline.js';
import { smallRun, sweepDir } from './fixtures.js';

let data: ExperimentData;
let charts: Chart[];
let sweep: Chart[];

beforeAll(() => {
  const dir = smallRun();
  data = readExperimentData(dir);
  charts = experimentCharts(data).flatMap((i) => ('chart' in i ? [i.chart] : []));
  sweep = sweepCharts(readSweepData(sweepDir(dir)));
});

/** Compile with a logger that keeps every warning vega-lite would print. */
function compileStrict(chart: Chart): { warnings: string[]; marks: number } {
  const warnings: string[] = [];
  const logger = {
    level: () => logger, // eslint-style no-op setters: vega-lite's LoggerInterface
    error: (...a: unknown[]) => (warnings.push(`error: ${a.join(' ')}`), logger),
    warn: (...a: unknown[]) => (warnings.push(a.join(' ')), logger),
    info: () => logger,
    debug: () => logger,
  };
  const out = compile(chart.spec, { logger: logger as never });
  return { warnings, marks: JSON.stringify(out.spec).split('"type":').length };
}

describe('experiment charts (from a real small run)', () => {
  it('has every chart of the issue, with data, in page order', () => {
    expect(charts.map((c) => c.name)).toEqual([...EXPERIMENT_CHART_NAMES]);
    for (const c of charts) {
      expect(c.rows.length, c.name).toBeGreaterThan(0);
      expect(c.howToRead, c.name).toMatch(/^[A-Z].*[.)]$/s);
      expect(c.name).toMatch(/^[a-z][a-z0-9-]*$/);
    }
  });

  it('every spec compiles with vega-lite, without a warning', () => {
    for (const c of [...charts, ...sweep]) {
      const r = compileStrict(c);
      expect(r.warnings, c.name).toEqual([]);
    }
  });

  it('every spec renders server-side to an SVG with marks (vega View.toSVG, no browser)', async () => {
    for (const c of [...charts, ...sweep]) {
      const svg = await renderSvg(c.spec);
      expect(svg.startsWith('<svg'), c.name).toBe(true);
      expect(svg.match(/<path|<line|<rect/g)?.length ?? 0, c.name).toBeGreaterThan(10);
    }
  });

  it('the named-bank chart has one panel per bank with data and no empty cell in its grid', () => {
    const c = charts.find((x) => x.name === 'named-bank-partners')!;
    const spec = c.spec as { columns: number; facet: { sort: string[] } };
    const banks = new Set(c.rows.map((r) => r.bank));
    expect(spec.facet.sort).toEqual(data.distributions!.namedBanks.map((b) => b.name).filter((n) => banks.has(n)));
    expect(spec.facet.sort.length % spec.columns).toBe(0);
    for (const n of [1, 2, 3, 4, 5, 6, 8, 9, 10, 12]) expect(n % facetColumns(n), String(n)).toBe(0);
  });

  it('competition: prices and volume by tier (no bars for a tier without platforms), the take rate by tier, a price line per regime', () => {
    for (const name of ['prices-by-tier', 'volume-by-tier']) {
      const c = charts.find((x) => x.name === name)!;
      expect(new Set(c.rows.map((r) => r.tier)), name).toEqual(new Set(['head', 'tail']));
    }
    const volume = charts.find((x) => x.name === 'volume-by-tier')!.rows.find((r) => r.tier === 'head' && r.window === 'beforeRule' && r.arm === 'policy')!;
    expect(volume.mean).toBeCloseTo((data.summary.arms.policy.beforeRule['originations.head']!.mean as number) * 1e-9, 9);
    const competition = charts.find((x) => x.name === 'competition')!;
    const panels = new Set(competition.rows.map((r) => r.metric));
    expect(panels).toContain('platformRevenueRate.head');
    expect(panels).toContain('takeRate');
    expect(panels).not.toContain('platformRevenueRate.waist');
    const apr = JSON.stringify(charts.find((x) => x.name === 'apr-distribution')!.spec);
    // The before regime's line is its 36% outer line, the after regime's its 24% cap.
    expect(apr).toContain('"text":{"value":"after 24%"}');
    expect(apr).toContain('"text":{"value":"before 36%"}');
  });

  it('money carries its unit: the currency of the results, in billions', () => {
    const ts = charts.find((x) => x.name === 'time-series')!;
    expect(ts.rows.map((r) => r.panel)).toContain('originations (RMB bn a month)');
    expect(data.distributions!.currency).toBe('RMB');
    const usd = experimentCharts({ ...data, distributions: { ...data.distributions!, currency: 'USD' } }).flatMap((i) => ('chart' in i ? [i.chart] : []));
    expect(usd.find((x) => x.name === 'time-series')!.rows.map((r) => r.panel)).toContain('originations (USD bn a month)');
    const rows = headlineRows(data.summary, 'RMB').filter((r) => metricKind(r.metric) === 'money');
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) for (const v of [r.before, r.policyEnd, r.effect]) expect(v, r.metric).toMatch(/RMB \d+(\.\d)? bn$/);
  });

  it('where the borrowers went: per segment and window the formal, grey-only and no-loan shares are the summary\'s and add up to 1', () => {
    const c = charts.find((x) => x.name === 'where-borrowers-went')!;
    const bars = new Map<string, number>();
    for (const r of c.rows) bars.set(`${r.segment}|${r.group}`, (bars.get(`${r.segment}|${r.group}`) ?? 0) + (r.share as number));
    expect(bars.size).toBe(3 * 4);
    for (const [k, total] of bars) expect(total, k).toBeCloseTo(1, 12);
    const formal = c.rows.find((r) => r.segment === 'subprime' && r.group === 'with the rule: end' && r.where === 'formal loan')!;
    expect(formal.share).toBe(data.summary.arms.policy.end['formalBorrowerShare.subprime']!.mean);
    const grey = c.rows.find((r) => r.segment === 'subprime' && r.group === 'with the rule: end' && r.where === 'grey loan only')!;
    expect(grey.share).toBe(data.summary.arms.policy.end['greyOnlyBorrowerShare.subprime']!.mean);
  });

  it('a chart whose data is missing becomes a note, and facts render only when there are facts', () => {
    const without = experimentCharts({ ...data, distributions: null, series: null, summary: { ...data.summary, facts: [] } });
    const missing = without.flatMap((i) => ('missing' in i ? [i.missing] : []));
    expect(missing.map((m) => m.name).sort()).toEqual(['apr-distribution', 'competition', 'defaults-by-loans', 'facts', 'link-matrix', 'named-bank-partners', 'time-series']);
    expect(missing.find((m) => m.name === 'facts')!.reason).toMatch(/^not computed/);
    expect(factsChart([])).toBeNull();
    const f = factsChart([{ id: 'F1', statement: 'one', value: 0.2, range: [0.1, 0.3], holds: true }, { id: 'F2', statement: 'two', value: 3, range: [1, null], holds: true }])!;
    expect(f.rows[0]!.position).toBeCloseTo(0.5, 12);
    expect(f.rows[1]!.position).toBe(1); // one-sided: at or above the low end
    expect(compileStrict(f).warnings).toEqual([]);
  });
});

describe('sweep charts (from a synthetic sweep.json)', () => {
  it('has the effects, the small multiples by type, the exit caps and the explorer with a slider', () => {
    expect(sweep.map((c) => c.name)).toEqual([...SWEEP_CHART_NAMES]);
    const explorer = sweep.find((c) => c.name === 'sweep-explorer')!.spec as { params?: { name: string; bind?: { input: string } }[] };
    expect(explorer.params?.[0]).toMatchObject({ name: 'p0', bind: { input: 'range' } });
    // The exit caps are sweep.json's exitPoints (fixtures.ts): city at 0.23 with its interval; large
    // banks never cross and the fixture gives no exit point for the other types, so no other mark.
    const exits = sweep.find((c) => c.name === 'sweep-exit')!.rows.filter((r) => r.kind === 'exit');
    expect(exits.map((r) => r.bankType).sort()).toEqual(['city', 'rural']);
    expect(exits.find((r) => r.bankType === 'city')).toMatchObject({ x: 0.23, mean: 0.5, lo: 0.2261, hi: 0.2342 });
  });
});
