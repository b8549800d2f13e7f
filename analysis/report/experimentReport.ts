/**
 * An experiment's report: report.html and charts/ (NAME.svg rendered server-side, NAME.csv the data)
 * built from the files in its output directory only, so `lendsim report DIR` rebuilds it without
 * re-running and the bytes depend only on those files.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Summary } from '../stats/summary.js';
import type { Distributions } from '../stats/distributions.js';
import type { Chart } from './chart.js';
import { rowsToCsv } from './csv.js';
import { readExperimentData, type ExperimentData } from './data.js';
import { EXPERIMENT_CHART_NAMES, experimentCharts, type ReportItem } from './experimentCharts.js';
import { DEFAULT_CURRENCY, formatValue } from './format.js';
import { headlineRows } from './headline.js';
import { html, type Html } from './html.js';
import { dataNotes } from './notes.js';
import { renderPage } from './page.js';
import { renderSvg } from './render.js';

export interface BuiltReport {
  /** Path of report.html. */
  report: string;
  /** Paths of the chart files written (charts/NAME.svg and .csv). */
  charts: string[];
}

/** Write a file through a temp file and a rename, so a reader never sees half of it; a failure leaves no temp file. */
export function writeFileAtomic(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** The chart files of an experiment report that exist in DIR (to remove a stale report). */
export function reportFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of EXPERIMENT_CHART_NAMES) {
    for (const ext of ['svg', 'csv']) {
      const f = join(dir, 'charts', `${name}.${ext}`);
      if (existsSync(f)) out.push(f);
    }
  }
  return out;
}

/** Read DIR's results and write DIR/report.html and DIR/charts/. Throws ReportInputError when DIR holds no results. */
export async function buildExperimentReport(dir: string): Promise<BuiltReport> {
  const data = readExperimentData(dir);
  const items = experimentCharts(data);
  const charts = items.flatMap((i) => ('chart' in i ? [i.chart] : []));
  const written = await writeCharts(dir, charts, EXPERIMENT_CHART_NAMES);
  const report = join(dir, 'report.html');
  writeFileAtomic(report, experimentReportHtml(data, items));
  return { report, charts: written };
}

/**
 * Write charts/NAME.svg and charts/NAME.csv for every chart, and remove the files of the charts in
 * `known` that this report does not have (a chart whose data went missing). Returns the files written.
 */
export async function writeCharts(dir: string, charts: readonly Chart[], known: readonly string[]): Promise<string[]> {
  const chartsDir = join(dir, 'charts');
  mkdirSync(chartsDir, { recursive: true });
  const written: string[] = [];
  for (const chart of charts) {
    const svg = join(chartsDir, `${chart.name}.svg`);
    const csv = join(chartsDir, `${chart.name}.csv`);
    writeFileAtomic(svg, await renderSvg(chart.spec));
    writeFileAtomic(csv, rowsToCsv(chart.rows));
    written.push(svg, csv);
  }
  const have = new Set(charts.map((c) => c.name));
  for (const name of known) {
    if (have.has(name)) continue;
    for (const ext of ['svg', 'csv']) rmSync(join(chartsDir, `${name}.${ext}`), { force: true });
  }
  return written;
}

const REGIME_FIELDS: readonly { key: string; label: string }[] = [
  { key: 'comprehensiveCap', label: 'comprehensive cost cap' },
  { key: 'nominalCap', label: 'nominal rate cap' },
  { key: 'outerCap', label: 'outer cap (fees included)' },
  { key: 'feesInsideCap', label: 'guarantee and consulting fees count in the cap' },
  { key: 'guarantees', label: 'credit enhancement' },
  { key: 'ownRiskControl', label: 'bank must run its own risk control' },
  { key: 'listCostPerPartner', label: 'cost of listing one partner (a month)' },
  { key: 'maxPartnersPerBank', label: 'most partners per bank' },
  { key: 'bureauVisibility', label: 'bureau visibility (x platform)' },
];

function regimeValue(key: string, v: unknown, currency: string): string {
  if (v === null || v === undefined) return 'none';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') {
    if (key.endsWith('Cap')) return formatValue('rate', v);
    if (key === 'listCostPerPartner') return `${currency} ${v >= 1e6 ? `${(v / 1e6).toFixed(2)} m` : v.toLocaleString('en-US')}`;
    return String(v);
  }
  return String(v);
}

/** One column per regime of the timeline (before and after when the results predate it); a value that changes from the column before is marked. */
function regimesTable(d: Pick<Distributions, 'regimes' | 'timeline' | 'ruleStartMonth'>, currency: string): Html {
  const timeline = d.timeline ?? [{ month: 0, regime: 'before' }, { month: d.ruleStartMonth, regime: 'after' }];
  const cols = timeline.map((e, i) => ({
    head: i === 0 ? `${e.regime} (and the counterfactual)` : `${e.regime} (policy arm, from month ${e.month}${i === 1 ? ': the rule' : ''})`,
    regime: d.regimes[e.regime] ?? {},
  }));
  const keys = [...REGIME_FIELDS, ...Object.keys(d.regimes.before).filter((k) => !REGIME_FIELDS.some((f) => f.key === k)).map((k) => ({ key: k, label: k }))];
  return html`<table class="regimes"><thead><tr><th>rule</th>${cols.map((c) => html`<th>${c.head}</th>`)}</tr></thead><tbody>
${keys.map(({ key, label }) => {
    const values = cols.map((c) => regimeValue(key, c.regime[key], currency));
    const changed = values.some((v) => v !== values[0]);
    return html`<tr><td>${label}</td>${values.map((v, i) => html`<td class="${changed && (i === 0 || v !== values[i - 1]) ? 'changed' : ''}">${v}</td>`)}</tr>\n`;
  })}</tbody></table>`;
}

function headlineTable(summary: Summary, currency: string): Html {
  const rows = headlineRows(summary, currency);
  return html`<table class="headline"><thead><tr><th>measure</th><th>before the rule</th><th>end, with the rule</th><th>end, without</th><th>effect of the rule</th><th>95% interval</th></tr></thead><tbody>
${rows.map((r) => html`<tr class="${r.clear ? 'clear' : ''}"><td title="${r.metric}">${r.label}</td><td>${r.before}</td><td>${r.policyEnd}</td><td>${r.counterfactualEnd}</td><td class="effect">${r.effect}</td><td>${r.ci}</td></tr>\n`)}</tbody></table>`;
}

/** A fact or check as summary.json holds it (facts may carry their checks; see analysis/stats/facts.ts). */
interface CheckLike {
  what?: string;
  value: number | null;
  range?: readonly (number | null)[];
  holds: boolean;
}
type FactLike = Summary['facts'][number] & { checks?: CheckLike[] };

const num = (x: number | null | undefined): string => (typeof x === 'number' && Number.isFinite(x) ? String(Number(x.toPrecision(4))) : '—');
const range = (r: readonly (number | null)[] | undefined): string => `[${(r ?? [null, null]).map((x) => (x === null || x === undefined ? '…' : num(x))).join(', ')}]`;

function factsTable(summary: Summary): Html {
  const facts = summary.facts as FactLike[];
  const checks = ((summary as { modelChecks?: CheckLike[] }).modelChecks ?? []);
  return html`<table class="facts"><thead><tr><th>fact</th><th class="text">statement, and the checks it is made of</th><th>model value</th><th>target range</th><th>holds</th></tr></thead><tbody>
${facts.map((f) => html`<tr class="fact"><td>${f.id}</td><td class="text">${f.statement}</td><td>${num(f.value)}</td><td>${range(f.range)}</td><td>${f.holds ? 'yes' : 'no'}</td></tr>
${(f.checks ?? []).length > 1 ? (f.checks ?? []).map((c) => html`<tr class="check"><td></td><td class="text">${c.what ?? ''}</td><td>${num(c.value)}</td><td>${range(c.range)}</td><td>${c.holds ? 'yes' : 'no'}</td></tr>
`) : null}`)}
${checks.length > 0 ? html`<tr class="fact"><td colspan="5" class="text"><b>Checks of the model itself</b></td></tr>
${checks.map((c) => html`<tr class="check"><td></td><td class="text">${c.what ?? ''}</td><td>${num(c.value)}</td><td>${range(c.range)}</td><td>${c.holds ? 'yes' : 'no'}</td></tr>
`)}` : null}</tbody></table>`;
}

function section(item: ReportItem, extra: Html | null = null): Html {
  if ('missing' in item) {
    const m = item.missing;
    return html`<section id="section-${m.name}"><h2>${m.title}</h2><p class="missing" data-missing="${m.name}">${m.reason}</p>${extra}</section>\n`;
  }
  const c = item.chart;
  return html`<section id="section-${c.name}"><h2>${c.title}</h2><p class="how">${c.howToRead}</p>
<figure><div class="chart" id="chart-${c.name}" data-chart="${c.name}"></div><figcaption class="small">Data: charts/${c.name}.csv · image: charts/${c.name}.svg</figcaption></figure>${extra}</section>\n`;
}

/** The page, from the data and the charts (pure). */
export function experimentReportHtml(data: ExperimentData, items: readonly ReportItem[]): string {
  const { summary, distributions: d, provenance } = data;
  const currency = d?.currency ?? DEFAULT_CURRENCY;
  const notes = dataNotes(summary);
  const version = provenance.version ? `lendsim ${provenance.version}` : 'lendsim (version not recorded)';
  const commit = provenance.gitCommit ? ` (${provenance.gitCommit.slice(0, 10)})` : '';
  const charts = items.flatMap((i) => ('chart' in i ? [{ name: i.chart.name, spec: i.chart.spec }] : []));
  const body = html`<header>
<p class="kicker">lendsim report · one experiment</p>
<h1>${summary.scenario}</h1>
<p class="lede">The market with the 2025 loan-facilitation rule (the policy arm) against the same market without it (the counterfactual arm), over ${summary.runs} paired Monte Carlo runs: run <i>i</i> of both arms shares its random draws, so their difference is the rule's effect.</p>
${d && d.description ? html`<p class="lede">${d.description}</p>` : null}
<p class="meta"><span>scenario: <b>${summary.scenario}</b></span><span>runs per arm: <b>${summary.runs}</b></span><span>seed: <b>${summary.seed}</b></span><span>months reported: <b>${summary.months}</b></span><span>rule in force from month <b>${summary.ruleStartMonth}</b></span><span>${version}${commit}</span></p>
</header>
<section id="section-regimes"><h2>${(d?.timeline?.length ?? 2) > 2 ? 'The regimes' : 'The two regimes'}</h2>
${d?.regimes ? regimesTable(d, currency) : html`<p class="missing">The regimes are not in the results (distributions.json is missing).</p>`}
</section>
<section id="section-headline"><h2>Headline effects</h2>
<p class="how">Values are means across runs over 3-month windows (the 3 months before the rule, and the last 3 months); the effect is the paired difference, with the rule minus without, at the end, with its 95% interval (Student t across runs); bold effects have an interval that excludes zero.</p>
${headlineTable(summary, currency)}
</section>
${notes.length > 0 ? html`<section id="section-notes"><h2>Notes on the data</h2><ul class="notes">${notes.map((n) => html`<li>${n}</li>`)}</ul></section>` : null}
${items.map((item) => ('chart' in item && item.chart.name === 'facts') || ('missing' in item && item.missing.name === 'facts') ? section(item, summary.facts.length > 0 ? factsTable(summary) : null) : section(item))}
<footer class="small"><p>Made by ${version}${commit} from summary.json, timeseries.csv and distributions.json in this directory; every chart is also in charts/ as SVG and CSV. ${provenance.command ? html`Command: <code>${provenance.command}</code>` : null}</p></footer>`;
  return renderPage({ title: `lendsim report: ${summary.scenario}`, body, charts });
}
