/**
 * What the report draws beyond summary.json and timeseries.csv, aggregated across runs per arm:
 * distributions.json.
 *
 * - the new-loan APR histograms (comprehensive and nominal) before the rule and at the end: the mean
 *   across runs of each bin's principal, summed over the window's 3 months (money, real scale);
 * - borrower-months and defaults by number of concurrent loans (means), and the annualized default
 *   rate by number of loans computed per run, with its 95% interval across runs;
 * - the bank x platform link matrices before the rule and at the end: per cell, the share of runs in
 *   which the link was active (row-major, bank by platform, in `roster` order);
 * - each named bank's listed partners month by month: mean and 95% interval across runs.
 *
 * Memory is bounded by the vectors' lengths (running sums, `VectorStats`), not by the runs. Runs
 * must come in run-index order, policy before counterfactual (as the store reads them back), so the
 * bytes do not depend on which worker finished first; `add` refuses anything else. A run that lacks
 * an extra (a test runner) leaves it out: an extra no run has is written as null.
 */
import { ARMS, type Arm, type RunResult } from '../../sim/model/result.js';
import { BANK_SERIES_COUNT } from '../../sim/model/metricNames.js';
import type { BankInfo } from './aggregate.js';
import { formatJson } from './json.js';
import { VectorStats, type VectorResult } from './vectorStats.js';
import { intPow } from '../../sim/math/intPow.js';

export const DISTRIBUTIONS_FORMAT = 1;

/** Extras averaged as they are (money or counts summed over their window in each run). */
export const MEAN_EXTRAS = ['aprHistBefore', 'nominalHistBefore', 'aprHistEnd', 'nominalHistEnd', 'exposureByLoans', 'defaultsByLoans'] as const;
/** Extras of 0/1 cells averaged into the share of runs in which the cell is 1. */
export const SHARE_EXTRAS = ['linksBeforeRule', 'linksEnd'] as const;
type MeanExtra = (typeof MEAN_EXTRAS)[number];
type ShareExtra = (typeof SHARE_EXTRAS)[number];

export interface RosterBank {
  id: string;
  name: string;
  type: string;
  named: boolean;
}
export interface RosterPlatform {
  id: string;
  tier: string;
}

/** What the run layer knows of the scenario and hands to the aggregator; written as the file's header. */
export interface DistributionsMeta {
  scenario: string;
  description: string;
  seed: number;
  runs: number;
  months: number;
  ruleStartMonth: number;
  /** Width of the APR histograms' bins (APR fraction); bin k covers [k w, (k + 1) w). */
  aprBinWidth: number;
  /** The scenario's currency (market.currency): the unit of every money amount (absent in older results). */
  currency?: string;
  /** The regimes as the scenario states them (for the report's header): before, after and every regime of the timeline. */
  regimes: { before: Record<string, unknown>; after: Record<string, unknown> } & Record<string, Record<string, unknown>>;
  /** The policy arm's regimes as {month, regime} changes, the first the counterfactual's (absent in older results: before, then after from ruleStartMonth). */
  timeline?: { month: number; regime: string }[];
  /** Every bank and platform in engine order: the axes of the link matrices. */
  roster: { banks: RosterBank[]; platforms: RosterPlatform[] };
  /** The named banks in the order of every run's bankSeries. */
  namedBanks: BankInfo[];
}

export interface NamedBankPartners {
  id: string;
  /** Per reported month. */
  mean: number[];
  lo: number[];
  hi: number[];
}

export interface ArmDistributions {
  aprHistBefore: number[] | null;
  nominalHistBefore: number[] | null;
  aprHistEnd: number[] | null;
  nominalHistEnd: number[] | null;
  exposureByLoans: number[] | null;
  defaultsByLoans: number[] | null;
  /** Index = concurrent loans; annualized default rate, 1 - (1 - defaults / exposure)^12, per run. */
  defaultRateByLoans: VectorResult | null;
  linksBeforeRule: number[] | null;
  linksEnd: number[] | null;
  namedBankPartners: NamedBankPartners[];
}

export interface Distributions extends DistributionsMeta {
  format: number;
  arms: Record<Arm, ArmDistributions>;
}

interface ArmState {
  extras: Map<string, VectorStats>;
  defaultRate: VectorStats | null;
  partners: VectorStats;
}

export class DistributionsAggregator {
  readonly meta: DistributionsMeta;
  private readonly arms: ArmState[];
  private added = 0;

  constructor(meta: DistributionsMeta) {
    this.meta = meta;
    this.arms = ARMS.map(() => ({ extras: new Map(), defaultRate: null, partners: new VectorStats(meta.months * meta.namedBanks.length) }));
  }

  /** Add the next run (run-index order, policy then counterfactual). */
  add(result: RunResult): void {
    const want = { runIndex: Math.floor(this.added / ARMS.length), arm: ARMS[this.added % ARMS.length]! };
    if (this.added >= this.meta.runs * ARMS.length) throw new Error(`DistributionsAggregator.add: all ${this.meta.runs} runs of both arms were already added`);
    if (result.runIndex !== want.runIndex || result.arm !== want.arm) {
      throw new Error(`DistributionsAggregator.add: expected run ${want.runIndex} (${want.arm}) next, received run ${result.runIndex} (${result.arm}); add runs in run-index order`);
    }
    const state = this.arms[ARMS.indexOf(result.arm)]!;
    const cells = this.meta.roster.banks.length * this.meta.roster.platforms.length;
    for (const name of [...MEAN_EXTRAS, ...SHARE_EXTRAS]) {
      const values = result.extras[name];
      if (!values) continue;
      if ((SHARE_EXTRAS as readonly string[]).includes(name) && values.length !== cells) {
        throw new Error(`DistributionsAggregator.add: run ${result.runIndex} (${result.arm}) has a ${name} matrix of ${values.length} cells, expected ${this.meta.roster.banks.length} banks x ${this.meta.roster.platforms.length} platforms`);
      }
      let acc = state.extras.get(name);
      if (!acc) state.extras.set(name, (acc = new VectorStats(values.length)));
      if (acc.length !== values.length) throw new Error(`DistributionsAggregator.add: run ${result.runIndex} (${result.arm}) has ${values.length} values of ${name}, earlier runs had ${acc.length}`);
      if ((SHARE_EXTRAS as readonly string[]).includes(name)) {
        for (let i = 0; i < values.length; i++) acc.push(i, values[i]! > 0 ? 1 : 0);
      } else {
        acc.add(values);
      }
    }

    const exposure = result.extras.exposureByLoans;
    const defaults = result.extras.defaultsByLoans;
    if (exposure && defaults && exposure.length === defaults.length) {
      state.defaultRate ??= new VectorStats(exposure.length);
      if (state.defaultRate.length !== exposure.length) throw new Error(`DistributionsAggregator.add: run ${result.runIndex} (${result.arm}) has ${exposure.length} loan counts, earlier runs had ${state.defaultRate.length}`);
      for (let l = 0; l < exposure.length; l++) {
        const e = exposure[l]!;
        state.defaultRate.push(l, e > 0 ? 1 - intPow(1 - defaults[l]! / e, 12) : NaN);
      }
    }

    const banks = this.meta.namedBanks.length;
    const months = this.meta.months;
    if (result.bankSeries.length === months * banks * BANK_SERIES_COUNT) {
      for (let b = 0; b < banks; b++) {
        for (let t = 0; t < months; t++) state.partners.push(b * months + t, result.bankSeries[(t * banks + b) * BANK_SERIES_COUNT]!);
      }
    }
    this.added++;
  }

  /** The aggregate; every run of both arms must have been added. */
  finish(): Distributions {
    if (this.added !== this.meta.runs * ARMS.length) {
      throw new Error(`DistributionsAggregator.finish: ${this.added} of ${this.meta.runs * ARMS.length} run results were added`);
    }
    const arms = {} as Record<Arm, ArmDistributions>;
    ARMS.forEach((arm, a) => {
      const state = this.arms[a]!;
      const mean = (name: MeanExtra | ShareExtra) => state.extras.get(name)?.result().mean ?? null;
      const partners = state.partners.result();
      const months = this.meta.months;
      arms[arm] = {
        aprHistBefore: mean('aprHistBefore'),
        nominalHistBefore: mean('nominalHistBefore'),
        aprHistEnd: mean('aprHistEnd'),
        nominalHistEnd: mean('nominalHistEnd'),
        exposureByLoans: mean('exposureByLoans'),
        defaultsByLoans: mean('defaultsByLoans'),
        defaultRateByLoans: state.defaultRate?.result() ?? null,
        linksBeforeRule: mean('linksBeforeRule'),
        linksEnd: mean('linksEnd'),
        namedBankPartners: this.meta.namedBanks.map((bank, b) => ({
          id: bank.id,
          mean: partners.mean.slice(b * months, (b + 1) * months),
          lo: partners.lo.slice(b * months, (b + 1) * months),
          hi: partners.hi.slice(b * months, (b + 1) * months),
        })),
      };
    });
    const m = this.meta;
    return {
      format: DISTRIBUTIONS_FORMAT,
      scenario: m.scenario, description: m.description, seed: m.seed, runs: m.runs, months: m.months,
      ruleStartMonth: m.ruleStartMonth, ...(m.timeline !== undefined ? { timeline: m.timeline } : {}), aprBinWidth: m.aprBinWidth, ...(m.currency !== undefined ? { currency: m.currency } : {}),
      regimes: m.regimes, roster: m.roster,
      namedBanks: m.namedBanks, arms,
    };
  }

  /** distributions.json, byte for byte (deterministic: see formatJson). */
  finishJson(): string {
    return formatJson(this.finish());
  }
}
