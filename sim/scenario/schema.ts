/**
 * The scenario schema: the single source of truth for the scenario's types, its validation, its
 * defaults (the calibrated base market, `scenarios/china-2025.yaml` states the same values and a
 * test keeps the two equal) and the published JSON Schema (`lendsim schema`).
 *
 * Units are in the names: `...Annual` is a fraction per year (0.24 = 24% a year), `...Monthly` per
 * month, money is in the scenario's currency (RMB) *at the scale of the real market* the scenario
 * stands for; the model scales it down by `borrowers.count / market.realBorrowers`.
 */
import { z } from 'zod';

/** Most borrowers one run may hold: above this a run needs several GiB per worker thread. */
export const MAX_BORROWERS = 20_000_000;

/**
 * A fraction in [0, max]; 24 instead of 0.24 is refused with the fix in the message. Written as
 * `min`/`max` (not a custom check) so the published JSON Schema states the range too; zod's number
 * already refuses Infinity and NaN.
 */
export function fraction(max = 1) {
  return z
    .number()
    .min(0, { error: (iss) => `expected a fraction >= 0, received ${String(iss.input)}` })
    .max(max, {
      error: (iss) => {
        const v = Number(iss.input);
        const hint = v > 1 && v <= 100 ? ` (rates are fractions: write ${+(v / 100).toFixed(6)} for ${v}%)` : '';
        return `expected a fraction <= ${max}, received ${v}${hint}`;
      },
    });
}

/** A rule's message-ready problem: where (relative to the checked object), what came, and why not. */
interface CrossIssue {
  path: readonly (string | number)[];
  input: unknown;
  message: string;
}

/** True when one path is a prefix of the other (`*` matches any key): a problem at either touches both. */
function overlaps(a: readonly PropertyKey[], b: readonly PropertyKey[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i] && a[i] !== '*' && b[i] !== '*') return false;
  return true;
}

/**
 * A rule across fields that is reported together with every other problem. zod skips an object's
 * own checks once any of its fields fails, so a plain `.check` would hide "shares do not sum to 1"
 * behind an unrelated type error elsewhere in the object. This one runs whenever the fields it
 * `reads` (paths relative to the checked object, `*` for any key) parsed cleanly, and tags each issue
 * with `params: { reads, at }` so the loader can name the files that set those fields.
 */
function crossCheck<T>(
  reads: readonly (readonly string[])[],
  rule: (value: T, report: (issue: CrossIssue) => void) => void,
) {
  return z.superRefine<T>(
    (value, ctx) =>
      rule(value, ({ path, input, message }) =>
        ctx.addIssue({ code: 'custom', path: [...path], input, message, params: { reads, at: path } }),
      ),
    {
      when: (payload) =>
        typeof payload.value === 'object' && payload.value !== null &&
        !payload.issues.some((iss) => iss.code !== 'unrecognized_keys' && reads.some((r) => overlaps(iss.path ?? [], r))),
    },
  );
}

const positive = () => z.number().positive().finite();
const nonNegative = () => z.number().nonnegative().finite();
const int = (min: number, max: number) => z.number().int().min(min).max(max);

// ---------------------------------------------------------------- borrowers

const segmentSchema = z.strictObject({
  /** Share of borrowers in this segment; the three shares sum to 1. */
  share: fraction(),
  /** Median annual base default probability; pd is logit-normal around it. */
  pdMedianAnnual: fraction(0.99),
  /** Standard deviation of logit(pd) within the segment. */
  pdLogitSd: z.number().min(0).max(5),
  /** Median monthly income (RMB); income is log-normal. */
  incomeMedianMonthly: positive(),
  /** Standard deviation of log income. */
  incomeLogSd: z.number().min(0).max(3),
  /** Mean reservation comprehensive APR: the most the borrower will pay. */
  reservationAprMean: fraction(2),
  /** Standard deviation of the reservation APR across borrowers. */
  reservationAprSd: fraction(1),
  /** Chance a borrower seeks a new loan in a month (riskier segments seek more: adverse selection). */
  propensityMonthly: fraction(),
});
export type SegmentParams = z.infer<typeof segmentSchema>;

const segmentDefaults = {
  prime: {
    share: 0.45, pdMedianAnnual: 0.025, pdLogitSd: 0.6, incomeMedianMonthly: 10000, incomeLogSd: 0.5,
    reservationAprMean: 0.42, reservationAprSd: 0.06, propensityMonthly: 0.05,
  },
  nearPrime: {
    share: 0.35, pdMedianAnnual: 0.06, pdLogitSd: 0.6, incomeMedianMonthly: 7000, incomeLogSd: 0.5,
    reservationAprMean: 0.45, reservationAprSd: 0.06, propensityMonthly: 0.08,
  },
  subprime: {
    share: 0.2, pdMedianAnnual: 0.13, pdLogitSd: 0.6, incomeMedianMonthly: 5000, incomeLogSd: 0.5,
    reservationAprMean: 0.48, reservationAprSd: 0.06, propensityMonthly: 0.12,
  },
} satisfies Record<string, SegmentParams>;

export const SEGMENTS = ['prime', 'nearPrime', 'subprime'] as const;
export type Segment = (typeof SEGMENTS)[number];

const borrowersSchema = z
  .strictObject({
    /** Simulated borrowers; each stands for market.realBorrowers / count real people. */
    count: z
      .number()
      .int()
      .min(100)
      .max(MAX_BORROWERS, {
        error: (iss) =>
          `expected at most ${MAX_BORROWERS} borrowers per run, received ${String(iss.input)}: each takes about 60 bytes per worker plus its loans, so more would not fit in memory; describe the same market with fewer borrowers (results scale with market.realBorrowers)`,
      })
      .default(100_000),
    /** Platforms a seeker tries in one month before giving up. */
    applicationsPerMonth: int(1, 10).default(2),
    /** Most loans a borrower holds at once. */
    maxConcurrentLoans: int(1, 20).default(5),
    /** Term of every loan, months (amortizing, equal instalments). */
    termMonths: int(1, 120).default(12),
    /** Principal of a new loan as a multiple of the borrower's monthly income. */
    loanToIncome: z.number().positive().max(100).default(2.5),
    /** Loss given default: share of the balance lost when a borrower defaults. */
    lgd: fraction().default(0.85),
    /** Logit increase of the default probability per unit of debt / annual income. */
    betaDti: z.number().min(0).max(50).default(2),
    /** Logit increase per concurrent loan beyond the first (ln 1.2: odds x1.2 per extra lender). */
    betaLoans: z.number().min(0).max(5).default(0.18),
    /** Months a defaulted loan stays non-performing before it is written off. */
    writeOffMonths: int(0, 36).default(3),
    /** Months after a default before the borrower is replaced by a new one of the same segment. */
    reentryMonths: int(1, 240).default(24),
    /** Optional additive shift of every borrower's logit(pd), one entry per reported month (macro shock path). */
    macroShockLogit: z.array(z.number().min(-5).max(5)).default([]),
    segments: z
      .strictObject({
        prime: segmentSchema.default(segmentDefaults.prime),
        nearPrime: segmentSchema.default(segmentDefaults.nearPrime),
        subprime: segmentSchema.default(segmentDefaults.subprime),
      })
      .default(segmentDefaults),
  })
  .check(
    crossCheck<{ segments: Record<Segment, SegmentParams> }>([['segments', '*', 'share']], ({ segments: s }, report) => {
      const total = s.prime.share + s.nearPrime.share + s.subprime.share;
      if (Math.abs(total - 1) > 1e-9) {
        report({
          path: ['segments'], input: total,
          message: `expected segment shares that sum to 1, received ${+total.toFixed(9)} (prime ${s.prime.share} + nearPrime ${s.nearPrime.share} + subprime ${s.subprime.share})`,
        });
      }
    }),
  );

// ---------------------------------------------------------------- platforms

const tierSchema = z.strictObject({
  /** Number of platforms in the tier. */
  count: int(0, 1000),
  /** Share of all borrower traffic that lands on this tier; the tiers' shares sum to 1. */
  trafficShare: fraction(),
  /**
   * How strongly each borrower segment is drawn to this tier, relative to trafficShare: a segment's
   * chance of landing on a tier is proportional to trafficShare x affinity (head platforms draw prime
   * borrowers, tail platforms serve those the head turns away).
   */
  segmentAffinity: z.strictObject({ prime: z.number().min(0).max(100), nearPrime: z.number().min(0).max(100), subprime: z.number().min(0).max(100) }),
  /** Noise of the platform's risk score on the logit(pd) scale (smaller is better). */
  sigma: z.number().positive().max(10),
  /** Chance the platform sees each of an applicant's loans held elsewhere (credit-bureau visibility). */
  visibility: fraction(),
  /** Revenue share the bank pays the platform, APR points out of the interest. */
  takeAnnual: fraction(0.5),
  /** Technology-service fee the bank pays the platform, APR points. */
  techFeeAnnual: fraction(0.5),
  /** Consulting fee charged to the borrower on top, where the regime lets fees sit outside the cap. */
  hiddenFeeAnnual: fraction(0.5),
  /** Cost of acquiring one loan's borrower (RMB per loan). */
  acquisitionCostPerLoan: nonNegative(),
  /** Capital that absorbs losses; a platform whose cumulative profit falls below -capital exits (RMB). */
  capital: nonNegative(),
  /** Capital backing the platform's guarantees of bank losses (RMB). */
  guaranteeCapital: nonNegative(),
  /** Whether the platform has a licensed financing-guarantee affiliate (the only guarantee allowed after the rule). */
  licensedGuarantor: z.boolean(),
  /** Most funding banks a platform keeps at once. */
  maxFunders: int(1, 1000),
});
export type TierParams = z.infer<typeof tierSchema>;

const tierDefaults = {
  head: {
    count: 6, trafficShare: 0.72, segmentAffinity: { prime: 1.3, nearPrime: 1, subprime: 0.5 }, sigma: 0.5, visibility: 0.8, takeAnnual: 0.07, techFeeAnnual: 0.015,
    hiddenFeeAnnual: 0.01, acquisitionCostPerLoan: 300, capital: 3e10, guaranteeCapital: 1.5e10,
    licensedGuarantor: true, maxFunders: 80,
  },
  tail: {
    count: 60, trafficShare: 0.28, segmentAffinity: { prime: 0.3, nearPrime: 0.9, subprime: 2.5 }, sigma: 1.0, visibility: 0.35, takeAnnual: 0.07, techFeeAnnual: 0.015,
    hiddenFeeAnnual: 0.04, acquisitionCostPerLoan: 400, capital: 6e8, guaranteeCapital: 4e8,
    licensedGuarantor: false, maxFunders: 25,
  },
} satisfies Record<string, TierParams>;

export const TIERS = ['head', 'tail'] as const;
export type Tier = (typeof TIERS)[number];

const pricingDefaults = { referenceFundingAnnual: 0.02, lenderMarginAnnual: 0.02, guaranteeLoad: 0.15 };
const platformsSchema = z
  .strictObject({
    head: tierSchema.default(tierDefaults.head),
    tail: tierSchema.default(tierDefaults.tail),
    /** Relative spread of traffic and score noise across platforms of one tier (0: identical). */
    heterogeneity: z.number().min(0).max(2).default(0.3),
    pricing: z
      .strictObject({
        /** Funding cost the platform prices off (a typical funder's), annual. */
        referenceFundingAnnual: fraction(0.5),
        /** Lender margin built into the price above funding, take, fees and expected loss. */
        lenderMarginAnnual: fraction(0.5),
        /** Guarantee fee = expected loss covered x (1 + load). */
        guaranteeLoad: z.number().min(0).max(10),
      })
      .default(pricingDefaults),
    /** Routing: a funder's weight falls by e for every `routingTemperature` of funding cost plus hurdle. */
    routingTemperature: z.number().positive().max(1).default(0.02),
    /** Most partner banks one application is offered to before the platform gives up on it. */
    maxOffersPerApplication: int(1, 1000).default(8),
    /** A platform with no partner bank for this many months exits. */
    exitAfterMonths: int(1, 120).default(6),
    /** Applications a platform keeps (a reservoir sample per month) for banks to evaluate it on. */
    sampleSize: int(8, 4096).default(96),
  })
  .check(
    crossCheck<{ head: TierParams; tail: TierParams }>([['head', 'count'], ['tail', 'count']], (p, report) => {
      if (p.head.count + p.tail.count === 0) {
        report({ path: ['head', 'count'], input: 0, message: 'expected at least one platform in head or tail, received 0 in both' });
      }
    }),
    crossCheck<{ head: TierParams; tail: TierParams }>([['head', 'trafficShare'], ['tail', 'trafficShare']], (p, report) => {
      const total = p.head.trafficShare + p.tail.trafficShare;
      if (Math.abs(total - 1) > 1e-9) {
        report({
          path: ['tail', 'trafficShare'], input: total,
          message: `expected head and tail trafficShare to sum to 1, received ${+total.toFixed(9)} (head ${p.head.trafficShare} + tail ${p.tail.trafficShare})`,
        });
      }
    }),
  );

// ---------------------------------------------------------------- banks

export const POLICY_KINDS = ['optimize', 'topK', 'exit', 'runoff', 'static'] as const;
export const policySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('optimize') }),
  z.strictObject({ kind: z.literal('topK'), k: int(0, 1000) }),
  z.strictObject({ kind: z.literal('exit') }),
  z.strictObject({ kind: z.literal('runoff') }),
  z.strictObject({ kind: z.literal('static') }),
]);
export type PolicySpec = z.infer<typeof policySchema>;

const bankParamsShape = {
  /** Annual cost of the bank's funds (deposits, interbank). */
  fundingCostAnnual: fraction(0.5),
  /** Tier-1 net capital (RMB, real market scale). */
  capital: positive(),
  /** The internet-loan book may not exceed this multiple of tier-1 capital. */
  internetBookCapMultiple: z.number().positive().max(100),
  /** The book with any one platform may not exceed this share of tier-1 capital (2021 rule: 0.25). */
  perPartnerCapShare: fraction(10),
  /** Noise of the bank's own risk model on the logit(pd) scale. */
  sigma: z.number().positive().max(10),
  /** Risk appetite: the bank declines any applicant whose estimated annual default probability exceeds this. */
  maxPdAnnual: fraction(),
  /** Lowest expected annual margin per unit lent the bank accepts (its cost of capital). */
  hurdleAnnual: fraction(0.5),
  /** Months between partner reviews. */
  reviewMonths: int(1, 60),
  /** Unlisted platforms sampled at each review. */
  candidatesPerReview: int(0, 1000),
  /** Monthly fixed cost of running its own risk control where the regime requires it (RMB). */
  riskControlCostMonthly: nonNegative(),
  /** Scale of the bank's list-cost burden: 1 = the regime's listCostPerPartner. */
  listCostMultiplier: nonNegative(),
  /** Partners at the start of burn-in (drawn by traffic). */
  initialPartners: int(0, 1000),
  /** Partner-selection policy. */
  policy: policySchema,
};
const bankTypeSchema = z.strictObject({ count: int(0, 1000), ...bankParamsShape });
export type BankTypeParams = z.infer<typeof bankTypeSchema>;

export const BANK_TYPES = ['large', 'jointStock', 'city', 'rural', 'internet'] as const;
export type BankType = (typeof BANK_TYPES)[number];

const optimize = { kind: 'optimize' as const };
const bankTypeDefaults: Record<BankType, BankTypeParams> = {
  large: {
    count: 6, fundingCostAnnual: 0.013, capital: 1.5e12, internetBookCapMultiple: 0.02, perPartnerCapShare: 0.25,
    sigma: 0.55, maxPdAnnual: 0.06, hurdleAnnual: 0.02, reviewMonths: 3, candidatesPerReview: 6, riskControlCostMonthly: 3e7,
    listCostMultiplier: 2, initialPartners: 20, policy: optimize,
  },
  jointStock: {
    count: 12, fundingCostAnnual: 0.021, capital: 4e11, internetBookCapMultiple: 0.05, perPartnerCapShare: 0.25,
    sigma: 0.65, maxPdAnnual: 0.1, hurdleAnnual: 0.02, reviewMonths: 3, candidatesPerReview: 6, riskControlCostMonthly: 2.5e7,
    listCostMultiplier: 1, initialPartners: 20, policy: optimize,
  },
  city: {
    count: 30, fundingCostAnnual: 0.028, capital: 3e10, internetBookCapMultiple: 1, perPartnerCapShare: 0.25,
    sigma: 1.0, maxPdAnnual: 0.2, hurdleAnnual: 0.02, reviewMonths: 3, candidatesPerReview: 4, riskControlCostMonthly: 2e7,
    listCostMultiplier: 1, initialPartners: 8, policy: optimize,
  },
  rural: {
    count: 30, fundingCostAnnual: 0.027, capital: 1.5e10, internetBookCapMultiple: 1, perPartnerCapShare: 0.25,
    sigma: 1.1, maxPdAnnual: 0.2, hurdleAnnual: 0.02, reviewMonths: 3, candidatesPerReview: 4, riskControlCostMonthly: 1.5e7,
    listCostMultiplier: 1, initialPartners: 6, policy: optimize,
  },
  internet: {
    count: 4, fundingCostAnnual: 0.024, capital: 2.5e10, internetBookCapMultiple: 3, perPartnerCapShare: 0.25,
    sigma: 0.7, maxPdAnnual: 0.25, hurdleAnnual: 0.02, reviewMonths: 2, candidatesPerReview: 8, riskControlCostMonthly: 1e7,
    listCostMultiplier: 1, initialPartners: 30, policy: optimize,
  },
};

const namedBankSchema = z.strictObject({
  /** Display name (free text: escaped wherever it is shown). */
  name: z.string().min(1).max(200),
  type: z.enum(BANK_TYPES),
  /** false drops this named bank from the market (a scenario cannot delete a key it inherits). */
  enabled: z.boolean().default(true),
  ...Object.fromEntries(Object.entries(bankParamsShape).map(([k, v]) => [k, v.optional()])),
}) as unknown as z.ZodType<NamedBankParams>;
export type NamedBankParams = { name: string; type: BankType; enabled: boolean } & Partial<Omit<BankTypeParams, 'count'>>;

const namedDefaults: Record<string, NamedBankParams> = {
  yillion: {
    name: 'Yillion-like internet bank', type: 'internet', enabled: true, fundingCostAnnual: 0.026,
    capital: 3e10, internetBookCapMultiple: 4, initialPartners: 53,
  },
  urumqi: { name: 'Urumqi-like city bank', type: 'city', enabled: true, fundingCostAnnual: 0.031, capital: 1.5e10, sigma: 1.1 },
  longjiang: { name: 'Longjiang-like city bank', type: 'city', enabled: true, fundingCostAnnual: 0.03, capital: 1.2e10, sigma: 1.2 },
  ganzhou: { name: 'Ganzhou-like city bank', type: 'city', enabled: true, fundingCostAnnual: 0.03, capital: 1e10, sigma: 1.1, initialPartners: 3 },
  guiyang: { name: 'Guiyang-like city bank', type: 'city', enabled: true, fundingCostAnnual: 0.029, capital: 4e10, sigma: 1.05 },
};

const banksSchema = z.strictObject({
  /**
   * Chance a bank's own risk control sees each of an applicant's other loans in the credit bureau
   * (times the regime's bureauVisibility): where the regime requires own risk control, banks score
   * with this view rather than the platform's.
   */
  bureauVisibility: fraction().default(0.9),
  types: z
    .strictObject({
      large: bankTypeSchema.default(bankTypeDefaults.large),
      jointStock: bankTypeSchema.default(bankTypeDefaults.jointStock),
      city: bankTypeSchema.default(bankTypeDefaults.city),
      rural: bankTypeSchema.default(bankTypeDefaults.rural),
      internet: bankTypeSchema.default(bankTypeDefaults.internet),
    })
    .default(bankTypeDefaults),
  /** Banks reported one by one, keyed by id; each takes its type's parameters unless it overrides them. */
  named: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'expected an id of letters, digits, _ or -'), namedBankSchema).default(namedDefaults),
});

// ---------------------------------------------------------------- regimes

export const GUARANTEE_KINDS = ['hidden', 'licensed', 'none'] as const;
export type GuaranteeKind = (typeof GUARANTEE_KINDS)[number];

export const regimeSchema = z.strictObject({
  /** Cap on everything the borrower pays that the regime counts (APR); null: none. */
  comprehensiveCap: fraction(2).nullable(),
  /** Cap on the nominal rate alone. */
  nominalCap: fraction(2),
  /** Nothing above this is ever charged, fees included. */
  outerCap: fraction(2),
  /** Guarantee and consulting fees count toward the comprehensive cap. */
  feesInsideCap: z.boolean(),
  /** hidden: deposits and drawer agreements cover bank losses, fee outside the cap; licensed: only a licensed guarantor (leverage <= 10x), fee inside the cap; none. */
  guarantees: z.enum(GUARANTEE_KINDS),
  /** The bank must score applicants with its own model (and pays riskControlCostMonthly). */
  ownRiskControl: z.boolean(),
  /** Monthly cost of keeping one platform on the disclosed partner list (RMB, real scale). */
  listCostPerPartner: nonNegative(),
  /** Optional hard limit on partners per bank; null: none. */
  maxPartnersPerBank: int(0, 10000).nullable(),
  /** Multiplies every platform's bureau visibility (capped at 1). */
  bureauVisibility: z.number().min(0).max(10),
});
export type Regime = z.infer<typeof regimeSchema>;

const regimeDefaults: Record<'before' | 'after', Regime> = {
  before: {
    comprehensiveCap: null, nominalCap: 0.24, outerCap: 0.36, feesInsideCap: false, guarantees: 'hidden',
    ownRiskControl: false, listCostPerPartner: 2e5, maxPartnersPerBank: null, bureauVisibility: 1,
  },
  after: {
    comprehensiveCap: 0.24, nominalCap: 0.24, outerCap: 0.24, feesInsideCap: true, guarantees: 'licensed',
    ownRiskControl: true, listCostPerPartner: 1.5e6, maxPartnersPerBank: null, bureauVisibility: 1,
  },
};

// ---------------------------------------------------------------- the scenario

export const scenarioSchema = z
  .strictObject({
    /** Used for output/<name> (made path-safe) and the report title. */
    name: z.string().min(1).max(200).default('china-2025'),
    description: z.string().max(10_000).default(''),
    /** Another scenario this one starts from, relative to this file (resolved by the loader). */
    extends: z.string().optional(),
    seed: z.number().int().min(0).max(2 ** 32 - 1).default(20251001),
    /** Monte Carlo runs per arm. */
    runs: int(1, 100_000).default(64),
    /** Reported months. */
    months: int(1, 600).default(36),
    /** First month (0-based) in which the after regime is in force. */
    ruleStartMonth: int(0, 599).default(12),
    /** Months of the before regime simulated ahead of month 0 and not reported (a settled start). */
    burnInMonths: int(0, 240).default(24),
    market: z
      .strictObject({
        /** Real borrowers the simulated ones stand for: every money amount scales by count / realBorrowers. */
        realBorrowers: z.number().positive().max(2e9).default(2e8),
        currency: z.string().min(1).max(10).default('RMB'),
      })
      .default({ realBorrowers: 2e8, currency: 'RMB' }),
    borrowers: borrowersSchema.prefault({}),
    platforms: platformsSchema.prefault({}),
    banks: banksSchema.prefault({}),
    regimes: z
      .strictObject({ before: regimeSchema.default(regimeDefaults.before), after: regimeSchema.default(regimeDefaults.after) })
      .default(regimeDefaults),
    outputs: z
      .strictObject({ report: z.boolean().default(true), runsCsv: z.boolean().default(true), timeseriesCsv: z.boolean().default(true) })
      .prefault({}),
  })
  .check(
    crossCheck<{ months: number; ruleStartMonth: number }>([['months'], ['ruleStartMonth']], (s, report) => {
      if (s.ruleStartMonth >= s.months) {
        report({
          path: ['ruleStartMonth'], input: s.ruleStartMonth,
          message: `the rule must start within the reported months: expected 0..${s.months - 1} (months is ${s.months}), received ${s.ruleStartMonth}`,
        });
      }
    }),
    crossCheck<{ months: number; borrowers: { macroShockLogit: number[] } }>([['months'], ['borrowers', 'macroShockLogit']], (s, report) => {
      const n = s.borrowers.macroShockLogit.length;
      if (n > s.months) {
        report({
          path: ['borrowers', 'macroShockLogit'], input: n,
          message: `expected at most one entry per reported month (${s.months}), received ${n}`,
        });
      }
    }),
    crossCheck<{ banks: { types: Record<BankType, { count: number }>; named: Record<string, { enabled: boolean }> } }>(
      [['banks', 'types', '*', 'count'], ['banks', 'named', '*', 'enabled']],
      (s, report) => {
        const banks = Object.values(s.banks.types).reduce((a, t) => a + t.count, 0) + Object.values(s.banks.named).filter((b) => b.enabled).length;
        if (banks === 0) report({ path: ['banks'], input: 0, message: 'expected at least one bank, received none' });
        if (banks > 5000) report({ path: ['banks'], input: banks, message: `expected at most 5000 banks, received ${banks}` });
      },
    ),
  );

/** A validated scenario with every default filled in. */
export type Scenario = z.infer<typeof scenarioSchema>;
/** What a scenario file may contain (every field optional). */
export type ScenarioInput = z.input<typeof scenarioSchema>;

/** The calibrated base market: what an empty scenario file resolves to. */
export function defaultScenario(): Scenario {
  // zod hands out its default objects by reference: copy, so a caller's change cannot leak into
  // every later scenario.
  return structuredClone(scenarioSchema.parse({}));
}
