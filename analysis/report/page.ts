/**
 * The self-contained report page: vega, vega-lite and vega-embed inlined, every chart's Vega-Lite spec
 * in one JSON element, a small boot script that embeds each as SVG, and a Content-Security-Policy
 * that allows exactly those scripts (by their SHA-256 hashes), inline styles (vega-embed and its
 * tooltip inject theirs) and nothing from any network: `default-src 'none'`.
 *
 * Charts are drawn with vega's expression interpreter (`ast: true`), so the page needs no
 * 'unsafe-eval'. A chart container gets `data-rendered="true"` once drawn, or `data-error` with the
 * message; the body gets `data-charts="done"` when every chart has settled (the browser test waits
 * for it).
 */
import { createHash } from 'node:crypto';
import type { TopLevelSpec } from 'vega-lite';
import { scriptJson } from './format.js';
import { html, trustedHtml, type Html } from './html.js';
import { inlineLibraries } from './libs.js';

export interface PageChart {
  name: string;
  spec: TopLevelSpec;
}

export interface PageInput {
  /** Plain text; escaped here. */
  title: string;
  body: Html;
  charts: readonly PageChart[];
}

/** The boot script: embeds every chart into its container. Plain ES2017, no template from data. */
const BOOT = `(function () {
  'use strict';
  var charts = JSON.parse(document.getElementById('lendsim-charts').textContent);
  var options = { renderer: 'svg', ast: true, actions: { export: true, source: false, compiled: false, editor: false } };
  var pending = charts.length;
  function settled() {
    pending -= 1;
    if (pending === 0) document.body.setAttribute('data-charts', 'done');
  }
  if (pending === 0) document.body.setAttribute('data-charts', 'done');
  charts.forEach(function (chart) {
    var el = document.getElementById('chart-' + chart.name);
    if (!el) { settled(); return; }
    vegaEmbed(el, chart.spec, Object.assign({ downloadFileName: chart.name }, options)).then(function () {
      el.setAttribute('data-rendered', 'true');
      settled();
    }).catch(function (err) {
      el.setAttribute('data-error', String(err && err.message || err));
      el.textContent = 'This chart could not be drawn: ' + String(err && err.message || err);
      console.error('lendsim report: chart ' + chart.name + ': ' + String(err && err.message || err));
      settled();
    });
  });
})();`;

const STYLE = `
body { font: 15px/1.5 Helvetica, Arial, sans-serif; color: #222; margin: 0 auto; max-width: 1180px; padding: 0 24px 48px; }
h1 { font-size: 26px; margin: 28px 0 4px; }
h2 { font-size: 19px; margin: 36px 0 6px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
.lede { color: #444; max-width: 900px; }
.meta { color: #555; font-size: 13px; }
.meta span { margin-right: 18px; white-space: nowrap; }
table { border-collapse: collapse; font-size: 13px; margin: 8px 0 4px; }
th, td { padding: 3px 10px; border-bottom: 1px solid #e4e4e4; text-align: right; vertical-align: top; }
th:first-child, td:first-child { text-align: left; }
thead th { border-bottom: 2px solid #bbb; font-weight: 600; }
td.changed { background: #fff4e5; font-weight: 600; }
tr.clear td.effect { font-weight: 600; }
.how { color: #333; max-width: 920px; margin: 4px 0 10px; }
.missing { color: #8a5a00; background: #fff8e6; border: 1px solid #f0d9a8; padding: 8px 12px; max-width: 900px; }
.chart { overflow-x: auto; }
.notes li { margin: 2px 0; }
.small { font-size: 12px; color: #666; }
figure { margin: 0; }
td.text, th.text { text-align: left; }
tr.check td { color: #555; font-size: 12px; border-bottom: 1px dotted #eee; }
tr.check td.text { padding-left: 22px; }
.kicker { color: #777; font-size: 13px; margin: 24px 0 0; text-transform: uppercase; letter-spacing: 0.05em; }
`;

function sha256Base64(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

/** The Content-Security-Policy of a page whose only scripts are `scripts` (exact text). */
export function contentSecurityPolicy(scripts: readonly string[]): string {
  const hashes = scripts.map((s) => `'sha256-${sha256Base64(s)}'`).join(' ');
  return `default-src 'none'; script-src ${hashes}; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'`;
}

export function renderPage(input: PageInput): string {
  const libs = inlineLibraries();
  const scripts = [...libs.map((l) => l.code), BOOT];
  const data = scriptJson(input.charts.map((c) => ({ name: c.name, spec: c.spec })));
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(scripts)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="lendsim; ${libs.map((l) => `${l.name} ${l.version}`).join(', ')}">
<title>${input.title}</title>
<style>${trustedHtml(STYLE)}</style>
${libs.map((l) => trustedHtml(`<script>${l.code}</script>\n`))}</head>
<body>
${input.body}
<script type="application/json" id="lendsim-charts">${trustedHtml(data)}</script>
<script>${trustedHtml(BOOT)}</script>
</body>
</html>
`;
  return page.text;
}
