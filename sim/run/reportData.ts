/**
 * The run layer's side of the report: what an experiment writes for it (distributions.json) and the
 * call that builds report.html and charts/ from the files of an output directory.
 *
 * `lendsim run` aggregates the extras of every run (sim/model/result.ts) next to summary.json; the
 * report itself reads only files (analysis/report), so `lendsim report DIR` rebuilds it without
 * re-running and a sweep can build its own from its point directories.
 *
 * The report (and vega with it) is imported only when a report is built, so the engine and the CLI
 * start without it.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DistributionsAggregator, type DistributionsMeta } from '../../analysis/stats/distributions.js';
import { namedBankIds } from '../model/pack.js';
import { roster } from '../model/roster.js';
import { APR_BIN_WIDTH } from '../model/tally.js';
import { timelineOf, type Scenario } from '../scenario/schema.js';

export const DISTRIBUTIONS_FILE = 'distributions.json';

/** The header of distributions.json: who is in the market and under which rules. */
export function distributionsMeta(scenario: Scenario): DistributionsMeta {
  const r = roster(scenario);
  const timeline = timelineOf(scenario);
  return {
    scenario: scenario.name,
    description: scenario.description,
    seed: scenario.seed,
    runs: scenario.runs,
    months: scenario.months,
    ruleStartMonth: scenario.ruleStartMonth,
    timeline: timeline.map((e) => ({ ...e })),
    aprBinWidth: APR_BIN_WIDTH,
    currency: scenario.market.currency,
    regimes: {
      before: { ...scenario.regimes.before }, after: { ...scenario.regimes.after },
      ...Object.fromEntries(timeline.map((e) => [e.regime, { ...scenario.regimes[e.regime] }])),
    },
    roster: {
      banks: r.banks.map((b) => ({ id: b.id, name: b.name, type: b.type, named: b.named })),
      platforms: r.platforms.map((p) => ({ id: p.id, tier: p.tier })),
    },
    namedBanks: namedBankIds(scenario).map((id) => {
      const b = scenario.banks.named[id]!;
      return { id, name: b.name, type: b.type };
    }),
  };
}

export function distributionsAggregator(scenario: Scenario): DistributionsAggregator {
  return new DistributionsAggregator(distributionsMeta(scenario));
}

/**
 * After the result files are in place: build report.html and charts/ when the scenario asks for a
 * report (`outputs.report`), else remove an older report so it is never taken for this experiment's.
 * Returns the files written.
 */
export async function writeExperimentReport(scenario: Scenario, outDir: string): Promise<string[]> {
  const { buildExperimentReport, reportFiles } = await import('../../analysis/report/experimentReport.js');
  if (!scenario.outputs.report) {
    for (const f of reportFiles(outDir)) rmSync(f, { force: true });
    rmSync(join(outDir, 'report.html'), { force: true });
    return [];
  }
  const built = await buildExperimentReport(outDir);
  return [built.report, ...built.charts];
}
