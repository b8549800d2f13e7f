#!/usr/bin/env node
/**
 * Fingerprint of the small market's months, metric by metric, for test/model/shopping.test.ts:
 * with borrowers.quotesCompared 1 the market must equal the one before shopping existed (issue 12).
 *   node scripts/market-reference.mjs [DIST] > test/fixtures/market-reference.json
 * DIST (default ./dist) is a build of the engine to fingerprint: the reference was written by the
 * build of main at the commit named in the file, before shopping. Rewrite it only when the market
 * changes on purpose, and say why in the commit.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = resolve(process.argv[2] ?? 'dist');
const load = (p) => import(pathToFileURL(resolve(dist, p)).href);
const { runOne } = await load('sim/model/run.js');
const { METRIC_NAMES } = await load('sim/model/metricNames.js');
const { defaultScenario } = await load('sim/scenario/schema.js');

/** 16 hex digits of the SHA-256 of a metric's monthly values as float64 bytes (as the test computes it). */
function fingerprint(series, metric, count, months) {
  const v = new Float64Array(months);
  for (let t = 0; t < months; t++) v[t] = series[t * count + metric];
  return createHash('sha256').update(Buffer.from(v.buffer)).digest('hex').slice(0, 16);
}

// The test's scenario (test/model/helpers.ts smallScenario): the base market, 5,000 borrowers, 18
// months, the rule at month 6, a 6-month burn-in.
const s = defaultScenario();
Object.assign(s, { name: 'test-small', months: 18, ruleStartMonth: 6, burnInMonths: 6, runs: 2 });
s.borrowers.count = 5000;
const out = { commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim(), dist: 'the build of that commit', runIndex: 0, arms: {} };
for (const arm of ['policy', 'counterfactual']) {
  const r = runOne(s, arm, 0);
  out.arms[arm] = Object.fromEntries(METRIC_NAMES.map((name, k) => [name, fingerprint(r.series, k, METRIC_NAMES.length, s.months)]));
}
process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
