/**
 * A decomposition's page: decompose.html and charts/decompose.{svg,csv}, from decompose.json alone,
 * self-contained like every lendsim report (page.ts: vega inlined, no network).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DecomposeResult } from '../decompose/outputs.js';
import { decomposeChart, DECOMPOSE_METRICS } from './charts/decompose.js';
import { writeCharts, writeFileAtomic } from './experimentReport.js';
import { formatEffect, metricKind } from './format.js';
import { html } from './html.js';
import { renderPage } from './page.js';

export const DECOMPOSE_REPORT = 'decompose.html';

/** The page (pure). */
export function decomposeReportHtml(d: DecomposeResult): string {
  const chart = decomposeChart(d);
  const cell = (metric: string, s: DecomposeResult['effects'][string]['total'] | undefined) => {
    const kind = metricKind(metric);
    return html`<td title="${s?.ci95 ? `95% interval [${formatEffect(kind, s.ci95[0])}, ${formatEffect(kind, s.ci95[1])}]` : ''}">${formatEffect(kind, s?.mean)}</td>`;
  };
  const metrics = DECOMPOSE_METRICS.map((m) => m.metric).filter((m) => d.effects[m]);
  const body = html`<header>
<p class="kicker">lendsim report · a decomposition</p>
<h1>${d.scenario}: which part of the rule does what</h1>
<p class="lede">Every on/off combination of ${d.components.length} components (${2 ** d.components.length} experiments of ${d.runs} paired runs each, the same seed ${d.seed}: common random numbers); each component's exact Shapley share of the rule's effect at the end, run by run, so the shares add up to the whole effect in every run.</p>
</header>
<section id="section-components"><h2>Components</h2><ul>${d.components.map((c) => html`<li><b>${c}</b>: ${(d.componentFields[c] ?? []).join(', ')}, switched from the before to the after regime</li>\n`)}</ul></section>
<section id="section-table"><h2>Shares</h2><p class="how">Mean across runs; hover a cell for its 95% interval (paired by run).</p>
<table><thead><tr><th>component</th>${metrics.map((m) => html`<th>${m}</th>`)}</tr></thead><tbody>
${d.components.map((c) => html`<tr><td>${c}</td>${metrics.map((m) => cell(m, d.effects[m]!.shares[c]))}</tr>\n`)}<tr><td><b>whole effect</b></td>${metrics.map((m) => cell(m, d.effects[m]!.total))}</tr>
</tbody></table></section>
<section id="section-${chart.name}"><h2>${chart.title}</h2><p class="how">${chart.howToRead}</p>
<figure><div class="chart" id="chart-${chart.name}" data-chart="${chart.name}"></div><figcaption class="small">Data: charts/${chart.name}.csv · image: charts/${chart.name}.svg · every metric: decompose.csv</figcaption></figure></section>`;
  return renderPage({ title: `lendsim decomposition: ${d.scenario}`, body, charts: [{ name: chart.name, spec: chart.spec }] });
}

/** Read DIR/decompose.json; write DIR/decompose.html and charts/decompose.{svg,csv}. Returns the files written. */
export async function buildDecomposeReport(dir: string): Promise<string[]> {
  const d = JSON.parse(readFileSync(join(dir, 'decompose.json'), 'utf8')) as DecomposeResult;
  const charts = await writeCharts(dir, [decomposeChart(d)], ['decompose']);
  const page = join(dir, DECOMPOSE_REPORT);
  writeFileAtomic(page, decomposeReportHtml(d));
  return [page, ...charts];
}
