/**
 * A sweep's report: report.html and charts/ from sweep.json alone (CONTRACT.md's layout), so
 * `lendsim report DIR` rebuilds it without re-running and `lendsim sweep` calls the same function.
 */
import { join } from 'node:path';
import type { Chart } from './chart.js';
import { sweepExitChart, exitCaps, sweepPartnersByTypeChart } from './charts/sweepByType.js';
import { sweepEffectsChart } from './charts/sweepEffects.js';
import { sweepExplorerChart } from './charts/sweepExplorer.js';
import { writeCharts, writeFileAtomic, type BuiltReport } from './experimentReport.js';
import { formatEffect, metricKind } from './format.js';
import { html, type Html } from './html.js';
import { renderPage } from './page.js';
import { readSweepData, type SweepData } from './sweepData.js';
import { sameResultsNotes } from '../sweep/sameResults.js';
import type { ExitPoint } from '../sweep/exitPoints.js';

export const SWEEP_CHART_NAMES = ['sweep-effects', 'sweep-partners-by-type', 'sweep-exit', 'sweep-explorer'] as const;

/** Every chart of a sweep's report, in page order (pure). */
export function sweepCharts(data: SweepData): Chart[] {
  const s = data.sweep;
  return [sweepEffectsChart(s), sweepPartnersByTypeChart(s), sweepExitChart(s), sweepExplorerChart(s)].filter((c) => c.rows.length > 0);
}

/** Read DIR/sweep.json and write DIR/report.html and DIR/charts/. Throws ReportInputError when DIR holds no sweep. */
export async function buildSweepReport(dir: string): Promise<BuiltReport> {
  const data = readSweepData(dir);
  const charts = sweepCharts(data);
  const written = await writeCharts(dir, charts, SWEEP_CHART_NAMES);
  const report = join(dir, 'report.html');
  writeFileAtomic(report, sweepReportHtml(data, charts));
  return { report, charts: written };
}

const POINT_METRICS = ['links', 'originations', 'aprMean', 'exclusionRate', 'nplRatio'] as const;

function pointsTable(data: SweepData): Html {
  const { sweep } = data;
  return html`<table class="points"><thead><tr><th>point</th>${sweep.fields.map((f) => html`<th>${f}</th>`)}${POINT_METRICS.map((m) => html`<th>effect on ${m}</th>`)}</tr></thead><tbody>
${sweep.points.map((p, i) => html`<tr><td>${i}</td>${sweep.fields.map((f) => html`<td>${String(p.values[f])}</td>`)}${POINT_METRICS.map((m) => {
    const e = p.summary.effect?.[m];
    const kind = metricKind(m);
    return html`<td title="${e?.ci95 ? `95% interval [${formatEffect(kind, e.ci95[0])}, ${formatEffect(kind, e.ci95[1])}]` : ''}">${formatEffect(kind, e?.mean)}</td>`;
  })}</tr>\n`)}</tbody></table>`;
}

function turningTable(data: SweepData): Html | null {
  const entries = Object.entries(data.sweep.turningPoints ?? {});
  if (entries.length === 0) return null;
  return html`<table class="turning"><thead><tr><th>measure</th><th>field</th><th>between</th><th>change of the effect</th></tr></thead><tbody>
${entries.map(([metric, t]) => html`<tr><td>${metric}</td><td>${t.field}</td><td>${(t.between ?? []).map(String).join(' and ')}</td><td>${formatEffect(metricKind(metric), t.change)}</td></tr>\n`)}</tbody></table>`;
}

function exitTable(data: SweepData): Html | null {
  if (data.sweep.fields.length !== 1) return null;
  const field = data.sweep.fields[0]!;
  return html`<table class="exit"><thead><tr><th>bank type</th><th>exit cap: ${field} where half the banks have no partner</th><th>95% interval (bootstrap over runs)</th></tr></thead><tbody>
${exitCaps(data.sweep).map((c) => html`<tr><td>${c.label}</td><td>${exitText(c.exit)}</td><td>${intervalText(c.exit)}</td></tr>\n`)}</tbody></table>`;
}

const short = (x: number) => String(Number(x.toPrecision(4)));

/** The exit cap's cell: the value, or why there is none (crossing.ts statuses). */
function exitText(e: ExitPoint | null): string {
  if (e === null) return 'not in sweep.json';
  if (e.status === 'crosses' && e.value !== null) return short(e.value);
  if (e.status === 'below') return 'not crossed in the sweep (below one half throughout)';
  if (e.status === 'above') return 'not crossed in the sweep (at or above one half at both ends)';
  return 'not crossed in the sweep';
}

/** The interval's cell, with how many bootstrap resamples crossed when not all did (the interval is then too narrow). */
function intervalText(e: ExitPoint | null): string {
  if (e?.ci95 == null) return '';
  const { samples, crossing } = e.bootstrap;
  return `[${short(e.ci95[0])}, ${short(e.ci95[1])}]${crossing < samples ? ` (${crossing} of ${samples} resamples cross)` : ''}`;
}

/** Points that change nothing, and what binds first there (sameResults.ts); null when there are none. */
function warningsSection(data: SweepData): Html | null {
  const notes = sameResultsNotes(data.sweep.fields, data.sweep.points, data.regimes ?? []);
  if (notes.length === 0) return null;
  return html`<section id="section-warnings" class="warnings"><h2>Points that change nothing</h2>
<ul>${notes.map((n) => html`<li>${n}</li>\n`)}</ul></section>\n`;
}

/** The page (pure). */
export function sweepReportHtml(data: SweepData, charts: readonly Chart[]): string {
  const { sweep, provenance } = data;
  const version = provenance.version ? `lendsim ${provenance.version}` : 'lendsim (version not recorded)';
  const commit = provenance.gitCommit ? ` (${provenance.gitCommit.slice(0, 10)})` : '';
  const first = sweep.points[0]?.summary;
  const body = html`<header>
<p class="kicker">lendsim report · a sweep</p>
<h1>${sweep.sweep}</h1>
<p class="lede">The rule's effect (with the rule minus without, paired by run) at every point of a sweep over ${sweep.fields.join(', ')}: ${sweep.points.length} points, each a Monte Carlo comparison of ${sweep.runs} runs per arm${first ? html` of the scenario <b>${first.scenario}</b>` : null}.</p>
<p class="meta"><span>sweep: <b>${sweep.sweep}</b></span><span>fields: <b>${sweep.fields.join(', ')}</b></span><span>points: <b>${sweep.points.length}</b></span><span>runs per arm: <b>${sweep.runs}</b></span><span>seed: <b>${sweep.seed}</b></span>${first ? html`<span>months: <b>${first.months}</b>, rule from month <b>${first.ruleStartMonth}</b></span>` : null}<span>${version}${commit}</span></p>
</header>
${warningsSection(data)}<section id="section-points"><h2>The points</h2><p class="how">Each row is one point of the sweep; the effects are at the end (the last 3 months), paired by run; hover a cell for its 95% interval.</p>${pointsTable(data)}</section>
${turningTable(data) ? html`<section id="section-turning"><h2>Turning points</h2><p class="how">For each measure, the stretch of the swept field over which the rule's effect changes most between two neighbouring points.</p>${turningTable(data)}</section>` : null}
${charts.map((c) => html`<section id="section-${c.name}"><h2>${c.title}</h2><p class="how">${c.howToRead}</p>
<figure><div class="chart" id="chart-${c.name}" data-chart="${c.name}"></div><figcaption class="small">Data: charts/${c.name}.csv · image: charts/${c.name}.svg${c.name === 'sweep-explorer' ? ' (at the first point)' : ''}</figcaption></figure>${c.name === 'sweep-exit' ? exitTable(data) : null}</section>\n`)}
<footer class="small"><p>Made by ${version}${commit} from sweep.json in this directory; every chart is also in charts/ as SVG and CSV. ${provenance.command ? html`Command: <code>${provenance.command}</code>` : null}</p></footer>`;
  return renderPage({ title: `lendsim sweep report: ${sweep.sweep}`, body, charts: charts.map((c) => ({ name: c.name, spec: c.spec })) });
}

