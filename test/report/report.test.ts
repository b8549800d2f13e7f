// The report as a user gets it: `lendsim run` writes report.html and charts/ from the results it
// just wrote, `lendsim report DIR` rebuilds them from the files alone, the page is self-contained
// under a strict Content-Security-Policy, and text from a scenario file lands in it only as text.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXPERIMENT_CHART_NAMES } from '../../analysis/report/experimentCharts.js';
import { SWEEP_CHART_NAMES } from '../../analysis/report/sweepReport.js';
import { HOSTILE, hostileScenario, lendsim, ROOT, smallRun, sweepDir, tempDir } from './fixtures.js';

let dir: string;
beforeAll(() => {
  dir = smallRun();
});

const read = (d: string, f: string) => readFileSync(join(d, f), 'utf8');

/** The inline <script> elements of a page (not the JSON data element) and the CSP it declares. */
function scriptsAndCsp(page: string): { scripts: string[]; csp: string } {
  const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
  const csp = (/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(page)?.[1] ?? '').replace(/&#39;/g, "'");
  return { scripts, csp };
}

/** The page's markup without the code of its inline scripts (the libraries mention <img> in strings). */
function markup(page: string): string {
  return page.replace(/<script>[\s\S]*?<\/script>/g, '<script></script>');
}

describe('lendsim run writes the report', () => {
  it('writes report.html and, for every chart, charts/NAME.svg and charts/NAME.csv', () => {
    expect(existsSync(join(dir, 'report.html'))).toBe(true);
    const files = readdirSync(join(dir, 'charts')).sort();
    expect(files).toEqual(EXPERIMENT_CHART_NAMES.flatMap((n) => [`${n}.csv`, `${n}.svg`]).sort());
    for (const n of EXPERIMENT_CHART_NAMES) {
      expect(read(join(dir, 'charts'), `${n}.svg`)).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect(read(join(dir, 'charts'), `${n}.csv`).split('\n').length, n).toBeGreaterThan(2);
    }
    expect(JSON.parse(read(dir, 'distributions.json'))).toMatchObject({ format: 1, scenario: 'small', runs: 2, months: 18, ruleStartMonth: 6 });
  });

  it('inlines vega, vega-lite and vega-embed and allows only their hashes: no network, no eval', () => {
    const page = read(dir, 'report.html');
    const { scripts, csp } = scriptsAndCsp(page);
    expect(scripts).toHaveLength(4); // vega, vega-lite, vega-embed, the boot script
    expect(scripts[0]).toMatch(/\.vega=\{\}/);
    expect(scripts[2]).toMatch(/vegaEmbed/);
    expect(csp).toMatch(/^default-src 'none'; script-src /);
    expect(csp).not.toMatch(/unsafe-eval|https?:|\*/);
    for (const s of scripts) expect(csp).toContain(`'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`);
    // Nothing on the page points anywhere: no src or href attribute, no stylesheet link, no source map.
    expect(markup(page)).not.toMatch(/<(?:img|link|iframe|object|embed)\b|\ssrc=|\shref=/i);
    expect(page).not.toMatch(/sourceMappingURL/);
    expect(page.length).toBeGreaterThan(800_000); // the three libraries, inlined
  });

  it('shows the header, the regimes side by side, the headline effects and one sentence per chart', () => {
    const page = read(dir, 'report.html');
    expect(page).toMatch(/<h1>small<\/h1>/);
    expect(page).toMatch(/runs per arm: <b>2<\/b>/);
    expect(page).toMatch(/seed: <b>20251001<\/b>/);
    expect(page).toMatch(/lendsim 0\.1\.0/);
    expect(page).toMatch(/<table class="regimes">[\s\S]*comprehensive cost cap<\/td><td class="changed">none<\/td><td class="changed">24\.00%/);
    expect(page).toMatch(/<table class="headline">[\s\S]*bank-platform links/);
    for (const n of EXPERIMENT_CHART_NAMES) expect(page).toMatch(new RegExp(`<p class="how">[^<]+</p>\\s*<figure><div class="chart" id="chart-${n}"`));
  });

  it('lendsim report DIR rebuilds the same bytes from the files alone, and prints the path', () => {
    const before = new Map([...readdirSync(join(dir, 'charts')).map((f) => [`charts/${f}`, read(dir, `charts/${f}`)] as const), ['report.html', read(dir, 'report.html')]]);
    rmSync(join(dir, 'report.html'));
    rmSync(join(dir, 'charts'), { recursive: true });
    rmSync(join(dir, 'runs'), { recursive: true }); // no stored runs: nothing is re-run
    const r = lendsim(['report', dir]);
    // Every chart of EXPERIMENT_CHART_NAMES (13: where the borrowers went and the tier charts are new) has data in the small run.
    expect(r.stderr).toMatch(/report in .*report\.html, 13 charts in/);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${join(dir, 'report.html')}\n`);
    for (const [f, text] of before) expect(read(dir, f), f).toBe(text);
  });

  it('writes the same distributions and charts with 1 or 2 workers', () => {
    const one = smallRun('scenarios/small.yaml', ['--workers', '1']);
    for (const f of ['distributions.json', ...EXPERIMENT_CHART_NAMES.flatMap((n) => [`charts/${n}.svg`, `charts/${n}.csv`])]) {
      expect(read(one, f), f).toBe(read(dir, f));
    }
  });

  it('outputs.report: false writes no report and removes an older one', () => {
    const d = tempDir();
    const out = join(d, 'out');
    const file = join(d, 'noreport.yaml');
    writeFileSync(file, `extends: ${join(ROOT, 'scenarios/small.yaml')}\nmonths: 8\nruleStartMonth: 4\n`);
    expect(lendsim(['run', file, '--runs', '2', '--out', out, '--quiet']).status).toBe(0);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    writeFileSync(file, `extends: ${join(ROOT, 'scenarios/small.yaml')}\nmonths: 8\nruleStartMonth: 4\noutputs: { report: false }\n`);
    const r = lendsim(['run', file, '--runs', '2', '--out', out, '--fresh', '--quiet']);
    expect(r.status).toBe(0);
    expect(existsSync(join(out, 'report.html'))).toBe(false);
    expect(readdirSync(join(out, 'charts'))).toEqual([]);
    expect(existsSync(join(out, 'distributions.json'))).toBe(true); // the data stays: lendsim report can still build it
  });

  it('lendsim report on a directory without results: exit 2 with what it expected, no stack', () => {
    const empty = tempDir();
    const r = lendsim(['report', empty]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/expected an experiment's output directory \(with summary.json, written by lendsim run\), found no summary.json/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(lendsim(['report', join(empty, 'nope')]).stderr).toMatch(/nope: no such directory/);
  });
});

describe('text from a scenario file is escaped', () => {
  it('a name, description and bank name holding HTML and script land as text', () => {
    const d = tempDir();
    const out = join(d, 'out');
    const r = lendsim(['run', hostileScenario(d), '--runs', '2', '--workers', '2', '--out', out, '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    const page = read(out, 'report.html');
    const { scripts } = scriptsAndCsp(page);
    expect(scripts).toHaveLength(4); // no script element came from the scenario
    expect(page).not.toContain(HOSTILE.name);
    expect(page).not.toContain(HOSTILE.bank);
    expect(markup(page)).not.toMatch(/<script>alert|<img|<b>Yillion/);
    expect(page).toContain('<h1>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;&amp;amp;</h1>');
    expect(page).toContain('\\u003cb\\u003eYillion\\u003c/b\\u003e'); // in the charts' JSON, as data
    expect(read(join(out, 'charts'), 'named-bank-partners.svg')).toContain('&lt;b&gt;Yillion&lt;/b&gt;&lt;script&gt;alert(4)&lt;/script&gt;');
  });
});

describe('a sweep report', () => {
  it('lendsim report SWEEPDIR builds report.html and the sweep charts from sweep.json', () => {
    const s = sweepDir(dir, '<i>cap</i> sweep');
    const r = lendsim(['report', s]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${join(s, 'report.html')}\n`);
    expect(readdirSync(join(s, 'charts')).sort()).toEqual(SWEEP_CHART_NAMES.flatMap((n) => [`${n}.csv`, `${n}.svg`]).sort());
    const page = read(s, 'report.html');
    expect(page).toContain('<h1>&lt;i&gt;cap&lt;/i&gt; sweep</h1>');
    expect(page).toMatch(/<table class="exit">[\s\S]*<td>city<\/td><td>0\.23<\/td><td>\[0\.2261, 0\.2342\]<\/td>/);
    expect(page).toMatch(/<td>rural<\/td><td>0\.2175<\/td><td>\[0\.21, 0\.225\] \(950 of 1000 resamples cross\)<\/td>/);
    expect(page).toMatch(/<td>large<\/td><td>not crossed in the sweep \(below one half throughout\)<\/td><td><\/td>/);
    expect(page).toMatch(/<td>internet<\/td><td>not in sweep\.json<\/td>/);
    expect(page).toMatch(/<table class="turning">[\s\S]*links/);
  });

  it('a sweep.json without what the report needs: exit 2, every problem with its path', () => {
    const s = tempDir();
    writeFileSync(join(s, 'sweep.json'), JSON.stringify({ sweep: 'x', fields: ['a'], points: [{ values: {}, summary: {} }] }));
    const r = lendsim(['report', s]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/points\[0\]\.values": expected a value of a/);
    expect(r.stderr).toMatch(/points\[0\]\.summary": expected a summary/);
  });
});
