// The report in a real browser: Debian's chromium driven by playwright-core, headless. Each page is
// opened from file:// with every request that is not a file:// one aborted and counted; the test
// asserts no console error or warning, no failed or network request, no dialog, and a rendered SVG
// with marks in every chart container, and saves a screenshot (its path is printed).
//
// With CI=true a missing browser fails the test (.ci/run installs chromium); elsewhere the tests are
// skipped with a loud message.
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPERIMENT_CHART_NAMES } from '../../analysis/report/experimentCharts.js';
import { SWEEP_CHART_NAMES } from '../../analysis/report/sweepReport.js';
import { HOSTILE, hostileScenario, lendsim, ROOT, smallRun, sweepDir, tempDir } from './fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const CI = process.env.CI === 'true';
const haveBrowser = existsSync(CHROMIUM);
const SCREENSHOTS = join(ROOT, 'output', 'report-test');

if (!haveBrowser && !CI) {
  const line = '!'.repeat(100);
  console.warn(`\n${line}\n!!! SKIPPING the report's browser tests: ${CHROMIUM} is missing.\n!!! Install it (apt-get install -y chromium) to run them; CI (CI=true) fails without it.\n${line}\n`);
}

interface Visit {
  page: Page;
  problems: string[];
  requests: string[];
  dialogs: string[];
}

let context: BrowserContext;

beforeAll(async () => {
  if (!haveBrowser) return;
  context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'lendsim-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
  // Nothing but the page's own file may load: every other request is aborted, and counted below.
  await context.route('**/*', (route) => (route.request().url().startsWith('file://') ? route.continue() : route.abort()));
});

afterAll(async () => {
  await context?.close();
});

/** Open a report from file:// and wait until every chart has settled. */
async function visit(file: string): Promise<Visit> {
  const page = await context.newPage();
  const v: Visit = { page, problems: [], requests: [], dialogs: [] };
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') v.problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => v.problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith('file://')) v.requests.push(r.url());
  });
  page.on('requestfailed', (r) => v.problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('dialog', (d) => {
    v.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('body[data-charts="done"]', { timeout: 60_000 });
  return v;
}

/** Per chart container: whether it rendered, its error, and how many marks its SVG holds. */
async function charts(page: Page): Promise<Record<string, { rendered: boolean; error: string | null; marks: number }>> {
  return page.$$eval('[data-chart]', (els) =>
    Object.fromEntries(els.map((el) => [el.getAttribute('data-chart'), {
      rendered: el.getAttribute('data-rendered') === 'true' && el.querySelector('svg') !== null,
      error: el.getAttribute('data-error'),
      marks: el.querySelectorAll('svg g.role-mark > *').length,
    }])));
}

async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, name);
  await page.screenshot({ path, fullPage: true });
  console.log(`report screenshot: ${path}`);
  return path;
}

describe.skipIf(!haveBrowser && !CI)('the report in chromium', () => {
  it('chromium is installed (CI installs it)', () => {
    expect(haveBrowser, `${CHROMIUM} is missing: .ci/run installs Debian's chromium; locally: apt-get install -y chromium`).toBe(true);
  });

  it('opens a real small run\'s report offline: every chart drawn as SVG with marks, no error, no request', async () => {
    const dir = smallRun();
    const v = await visit(join(dir, 'report.html'));
    const drawn = await charts(v.page);
    expect(Object.keys(drawn)).toEqual([...EXPERIMENT_CHART_NAMES]);
    for (const [name, c] of Object.entries(drawn)) {
      expect(c.error, name).toBeNull();
      expect(c.rendered, name).toBe(true);
      expect(c.marks, name).toBeGreaterThan(0);
    }
    expect(v.problems).toEqual([]);
    expect(v.requests).toEqual([]);
    expect(await v.page.title()).toBe('lendsim report: small');
    await screenshot(v.page, 'report.png');
    await v.page.close();
  });

  it('shows a hostile scenario\'s name, description and bank name as text: no script runs, nothing loads', async () => {
    const d = tempDir();
    const out = join(d, 'out');
    const r = lendsim(['run', hostileScenario(d), '--runs', '2', '--workers', '2', '--out', out, '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    const v = await visit(join(out, 'report.html'));
    expect(await v.page.title()).toBe(`lendsim report: ${HOSTILE.name}`);
    expect(await v.page.textContent('h1')).toBe(HOSTILE.name);
    expect(await v.page.locator('header p.lede').nth(1).textContent()).toBe(HOSTILE.description);
    // The bank's name is a facet header of the named banks' chart, drawn by vega as SVG text.
    const svgText = await v.page.$$eval('#chart-named-bank-partners svg text', (els) => els.map((e) => e.textContent));
    expect(svgText).toContain(HOSTILE.bank);
    expect(await v.page.locator('img, b:text("Yillion"), b:text("boldly")').count()).toBe(0);
    expect(v.dialogs).toEqual([]);
    expect(v.problems).toEqual([]);
    expect(v.requests).toEqual([]);
    for (const c of Object.values(await charts(v.page))) expect(c.rendered).toBe(true);
    await screenshot(v.page, 'hostile.png');
    await v.page.close();
  });

  it('a sweep report: every chart drawn, and the slider picks the point the explorer shows', async () => {
    const s = sweepDir(smallRun());
    expect(lendsim(['report', s, '--quiet']).status).toBe(0);
    const v = await visit(join(s, 'report.html'));
    const drawn = await charts(v.page);
    expect(Object.keys(drawn)).toEqual([...SWEEP_CHART_NAMES]);
    for (const [name, c] of Object.entries(drawn)) expect(c.rendered && c.marks > 0, name).toBe(true);
    const bars = () => v.page.$$eval('#chart-sweep-explorer svg g.role-mark path', (els) => els.map((e) => e.getAttribute('d')).join('|'));
    const before = await bars();
    const slider = v.page.locator('#chart-sweep-explorer input[type=range]');
    expect(await slider.count()).toBe(1);
    await slider.evaluate((el: HTMLInputElement) => {
      el.value = el.max;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await v.page.waitForFunction((old) => {
      const now = [...document.querySelectorAll('#chart-sweep-explorer svg g.role-mark path')].map((e) => e.getAttribute('d')).join('|');
      return now !== old;
    }, before, { timeout: 10_000 });
    expect(v.problems).toEqual([]);
    expect(v.requests).toEqual([]);
    await screenshot(v.page, 'sweep.png');
    await v.page.close();
  });
});
