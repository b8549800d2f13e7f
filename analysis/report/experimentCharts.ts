/**
 * Every chart of an experiment's report, in page order, from the files read by `readExperimentData`.
 * A chart whose data is missing (no timeseries.csv, no distributions.json, no facts yet) is listed
 * with the reason instead, and the page says so where the chart would be.
 */
import type { Chart } from './chart.js';
import type { ExperimentData } from './data.js';
import { aprDistributionChart } from './charts/aprDistribution.js';
import { defaultsByLoansChart } from './charts/defaultsByLoans.js';
import { exclusionBySegmentChart } from './charts/exclusionBySegment.js';
import { factsChart } from './charts/facts.js';
import { linkMatrixChart } from './charts/linkMatrix.js';
import { marginWaterfallChart } from './charts/marginWaterfall.js';
import { namedBankPartnersChart } from './charts/namedBankPartners.js';
import { partnersByTypeChart } from './charts/partnersByType.js';
import { whereBorrowersWentChart } from './charts/whereBorrowersWent.js';
import { regimeChanges } from './charts/ruleMarker.js';
import { pricesByTierChart, volumeByTierChart } from './charts/tiers.js';
import { competitionSeriesChart, timeSeriesChart } from './charts/timeSeries.js';
import { DEFAULT_CURRENCY } from './format.js';

export interface MissingChart {
  name: string;
  title: string;
  reason: string;
}

export type ReportItem = { chart: Chart } | { missing: MissingChart };

/** Names of every chart an experiment report can hold (charts/NAME.svg and .csv). */
export const EXPERIMENT_CHART_NAMES = [
  'where-borrowers-went', 'time-series', 'partners-by-type', 'link-matrix', 'named-bank-partners', 'apr-distribution',
  'prices-by-tier', 'volume-by-tier', 'competition', 'margin-waterfall', 'exclusion-by-segment', 'defaults-by-loans', 'facts',
] as const;

export function experimentCharts(data: ExperimentData): ReportItem[] {
  const { summary, series, distributions: d } = data;
  const noDist = 'distributions.json is missing from the results (older results lack it): lendsim run SCENARIO --resume --out DIR writes it from the stored runs';
  const item = (chart: Chart | null, missing: MissingChart): ReportItem => (chart && chart.rows.length > 0 ? { chart } : { missing });
  const dist = (name: string, title: string, build: () => Chart): ReportItem =>
    d ? item(build(), { name, title, reason: 'no run recorded this distribution' }) : { missing: { name, title, reason: noDist } };
  return [
    // People first: who lost formal credit and where they went.
    item(whereBorrowersWentChart(summary), { name: 'where-borrowers-went', title: 'Where the borrowers went', reason: 'summary.json defines no formalBorrowerShare.<segment> and greyOnlyBorrowerShare.<segment> (results of a version before the borrower mechanisms)' }),
    series
      ? item(timeSeriesChart(series, regimeChanges(d, summary.ruleStartMonth), d?.currency), { name: 'time-series', title: 'The market month by month', reason: 'timeseries.csv holds none of the charted metrics' })
      : { missing: { name: 'time-series', title: 'The market month by month', reason: 'timeseries.csv is missing (the scenario turned it off: outputs.timeseriesCsv)' } },
    item(partnersByTypeChart(summary), { name: 'partners-by-type', title: 'Platform partners per bank, by bank type', reason: 'summary.json defines no partnersPerBank.<type>' }),
    dist('link-matrix', 'Bank x platform partnerships', () => linkMatrixChart(d!)),
    dist('named-bank-partners', "The article's banks, month by month", () => namedBankPartnersChart(d!)),
    dist('apr-distribution', 'New-loan prices: comprehensive APR vs nominal rate', () => aprDistributionChart(d!)),
    item(pricesByTierChart(summary), { name: 'prices-by-tier', title: 'New-loan prices by platform tier', reason: 'summary.json defines no aprMean.<tier>' }),
    item(volumeByTierChart(summary, d?.currency ?? DEFAULT_CURRENCY), { name: 'volume-by-tier', title: 'Originations by platform tier', reason: 'summary.json defines no originations.<tier>' }),
    series
      ? item(competitionSeriesChart(series, regimeChanges(d, summary.ruleStartMonth), d?.currency), { name: 'competition', title: 'Competition month by month', reason: 'timeseries.csv holds none of the take-rate and tier metrics' })
      : { missing: { name: 'competition', title: 'Competition month by month', reason: 'timeseries.csv is missing (the scenario turned it off: outputs.timeseriesCsv)' } },
    item(marginWaterfallChart(summary), { name: 'margin-waterfall', title: 'The margin waterfall per bank type', reason: 'summary.json defines no margin.<type>.<part>' }),
    item(exclusionBySegmentChart(summary), { name: 'exclusion-by-segment', title: 'Exclusion by borrower segment', reason: 'summary.json defines no exclusionRate.<segment>' }),
    dist('defaults-by-loans', 'Default rate by number of concurrent loans', () => defaultsByLoansChart(d!)),
    item(factsChart(summary.facts ?? []), {
      name: 'facts', title: 'Stylized facts: model vs target',
      reason: 'not computed: summary.json lists no stylized facts yet (the calibration issue adds the checks of CALIBRATION.md)',
    }),
  ];
}
