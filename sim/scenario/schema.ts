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
/**
 * Text shown in the outputs (names, descriptions): no C0 control characters or DEL, which make the
 * standalone SVG (XML) malformed; `lines` allows tab and line breaks (free text).
 */
export function plainText(schema: z.ZodString, lines = false): z.ZodString {
  const control = lines ? /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/ : /[\u0000-\u001f\u007f]/;
  return schema.refine((s) => !control.test(s), {
    message: `expected text without control characters (U+0000 to U+001F${lines ? ' other than tab and line breaks' : ''}, U+007F)`,
  });
}

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
  share: fraction().describe("Share of borrowers in this segment (fraction); the three segments' shares sum to 1."),
  pdMedianAnnual: fraction(0.99).describe("Median annual base default probability of the segment (fraction a year); each borrower's pd is logit-normal around it."),
  pdLogitSd: z.number().min(0).max(5).describe("Standard deviation of logit(pd) across the segment's borrowers."),
  incomeMedianMonthly: positive().describe('Median monthly income of a borrower (RMB a month, per person: not scaled); income is log-normal.'),
  incomeLogSd: z.number().min(0).max(3).describe('Standard deviation of log monthly income within the segment.'),
  reservationAprMean: fraction(2).describe('Mean reservation comprehensive APR (fraction a year, fees included): the most the borrower will pay; a dearer offer is refused.'),
  reservationAprSd: fraction(1).describe("Standard deviation of the reservation APR across the segment's borrowers (fraction a year)."),
  propensityMonthly: fraction().describe('Chance a borrower seeks a new loan in a month (riskier segments seek more: adverse selection).'),
  cureRate: fraction(0.95).describe('Chance a month that a borrower in arrears (1-89 days past due) pays up and is current again; otherwise it rolls to the next bucket, and from 61-90 days to default.'),
  rolloverThreshold: positive().max(10).describe("Debt service (monthly instalments of every loan, formal and grey) over monthly income above which the borrower needs new credit this month to keep paying (borrowing new to repay old): it seeks whatever its propensity, and a refusal sends it to the grey market or into the liquidity shock."),
  greyTakeUp: fraction().describe("Chance a borrower in need whom every platform refused takes a grey-market loan (times the regime's greyAccess)."),
});
export type SegmentParams = z.infer<typeof segmentSchema>;

const segmentDefaults = {
  prime: {
    share: 0.45, pdMedianAnnual: 0.025, pdLogitSd: 0.6, incomeMedianMonthly: 10000, incomeLogSd: 0.5,
    reservationAprMean: 0.24, reservationAprSd: 0.05, propensityMonthly: 0.05,
    cureRate: 0.4, rolloverThreshold: 1.25, greyTakeUp: 0.2,
  },
  nearPrime: {
    share: 0.35, pdMedianAnnual: 0.06, pdLogitSd: 0.6, incomeMedianMonthly: 7000, incomeLogSd: 0.5,
    reservationAprMean: 0.34, reservationAprSd: 0.06, propensityMonthly: 0.08,
    cureRate: 0.3, rolloverThreshold: 1, greyTakeUp: 0.4,
  },
  subprime: {
    share: 0.2, pdMedianAnnual: 0.13, pdLogitSd: 0.6, incomeMedianMonthly: 5000, incomeLogSd: 0.5,
    reservationAprMean: 0.48, reservationAprSd: 0.06, propensityMonthly: 0.12,
    cureRate: 0.2, rolloverThreshold: 0.85, greyTakeUp: 0.6,
  },
} satisfies Record<string, SegmentParams>;

export const SEGMENTS = ['prime', 'nearPrime', 'subprime'] as const;
export type Segment = (typeof SEGMENTS)[number];

const borrowersSchema = z
  .strictObject({
    count: z
      .number()
      .int()
      .min(100)
      .max(MAX_BORROWERS, {
        error: (iss) =>
          `expected at most ${MAX_BORROWERS} borrowers per run, received ${String(iss.input)}: each takes about 60 bytes per worker plus its loans, so more would not fit in memory; describe the same market with fewer borrowers (results scale with market.realBorrowers)`,
      })
      .describe('Simulated borrowers per run; each stands for market.realBorrowers / count real people. Money that does not come from a borrower scales by count / realBorrowers, so only the noise depends on this.')
      .default(100_000),
    applicationsPerMonth: int(1, 10).describe('Platforms a seeker tries in one month before giving up (a rejection sends it to the next).').default(2),
    quotesCompared: int(1, 10).describe('Approved quotes a seeker collects before it chooses (shopping): it applies to up to applicationsPerMonth platforms until it holds this many quotes it accepts and takes the cheapest comprehensive APR. 1: it takes the first approval.').default(1),
    maxConcurrentLoans: int(1, 20).describe('Most loans a borrower holds at once; a borrower at the limit does not seek.').default(5),
    termMonths: int(1, 120).describe('Term of every loan in months (amortizing, equal instalments).').default(12),
    loanToIncome: z.number().positive().max(100).describe("Principal of a new loan as a multiple of the borrower's monthly income.").default(3.2),
    lgd: fraction().describe('Loss given default: fraction of the outstanding balance lost when a borrower defaults (booked at the default).').default(0.85),
    betaDti: z.number().min(0).max(50).describe('Increase of logit(default probability) per unit of debt-to-income (outstanding debt / annual income).').default(2),
    betaLoans: z.number().min(0).max(5).describe('Increase of logit(default probability) per concurrent loan beyond the first (multi-borrowing; ln 1.2: odds x1.2 per extra lender).').default(0.18),
    writeOffMonths: int(0, 36).describe('Months a defaulted loan stays non-performing before it is written off.').default(3),
    reentryMonths: int(1, 240).describe('Months after a default before the borrower is replaced by a new one of the same segment.').default(24),
    macroShockLogit: z.array(z.number().min(-5).max(5)).describe("Optional additive shift of every borrower's logit(pd), one entry per reported month (a macro shock path); months past the end of the list get 0.").default([]),
    seasoning: z
      .strictObject({
        peakMonth: int(1, 60).describe("Age (months since the borrower's newest formal loan) at which the missed-payment hazard peaks."),
        amplitude: z.number().min(0).max(5).describe('Height of the peak above the flat hazard (0: no seasoning); the curve is scaled so that its mean over a loan\'s term is 1, so the annual default probability keeps its meaning.'),
      })
      .describe("Seasoning: the missed-payment hazard by the age of the borrower's newest formal loan rises to a peak and falls back (a vintage curve).")
      .default({ peakMonth: 4, amplitude: 0.6 }),
    liquidityShock: z.number().min(0).max(10).describe('Rise of logit(default probability) of a borrower in need whom nobody lent to (formal or grey), decaying linearly to 0 over liquidityMonths.').default(1),
    liquidityMonths: int(1, 60).describe('Months the liquidity shock of a refused rollover lasts (it decays linearly).').default(6),
    grey: z
      .strictObject({
        aprAnnual: positive().max(20).describe('APR of a grey-market loan (fraction a year; 3.6 = 360%).'),
        termMonths: int(1, 24).describe('Term of a grey-market loan in months (equal instalments).'),
        loanToIncome: positive().max(20).describe("Principal of a grey loan as a multiple of the borrower's monthly income."),
      })
      .describe('The grey market: an outside option for refused borrowers in need, never in a bank\'s book. A borrower holds at most one grey loan; it counts in its debt service and default risk, not in its formal loans.')
      .default({ aprAnnual: 3.6, termMonths: 3, loanToIncome: 1 }),
    segments: z
      .strictObject({
        prime: segmentSchema.describe('Prime borrowers: the lowest default risk.').default(segmentDefaults.prime),
        nearPrime: segmentSchema.describe('Near-prime borrowers.').default(segmentDefaults.nearPrime),
        subprime: segmentSchema.describe('Subprime borrowers: the highest default risk, most eager to borrow.').default(segmentDefaults.subprime),
      })
      .describe('Borrower risk segments; their shares sum to 1.')
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
  count: int(0, 1000).describe('Number of platforms in the tier.'),
  trafficShare: fraction().describe('Share of all borrower traffic that lands on this tier (fraction); the tiers\' shares (head, waist, tail) sum to 1.'),
  segmentAffinity: z
    .strictObject({
      prime: z.number().min(0).max(100).describe('Pull of this tier on prime borrowers, relative to trafficShare (1: neutral).'),
      nearPrime: z.number().min(0).max(100).describe('Pull of this tier on near-prime borrowers, relative to trafficShare (1: neutral).'),
      subprime: z.number().min(0).max(100).describe('Pull of this tier on subprime borrowers, relative to trafficShare (1: neutral).'),
    })
    .describe(
      "How strongly each borrower segment is drawn to this tier, relative to trafficShare: a segment's chance of landing on a tier is proportional to trafficShare x affinity (head platforms draw prime borrowers, tail platforms serve those the head turns away).",
    ),
  sigma: z.number().positive().max(10).describe("Noise of the platform's risk score: standard deviation of its signal on the logit(pd) scale (smaller is better)."),
  visibility: fraction().describe("Chance the platform sees each of an applicant's loans held elsewhere (credit-bureau visibility), times the regime's bureauVisibility."),
  techFeeAnnual: fraction(0.5).describe("The platform's technology cost per unit of balance (fraction a year: APR points), part of its cost floor; the bank pays it within the revenue share."),
  serviceFeeAnnual: fraction(0.5).describe('Consulting / service fee the platform charges the borrower and keeps (fraction a year), where the regime lets fees sit outside the cap; trimmed first when a cap binds; none where fees count inside the cap.'),
  bargainingPower: fraction().describe("The platform's share of a loan's surplus over its funder's floor (Nash bargaining power, 0..1): head platforms, with many banks knocking, keep more. The revenue share the bank pays is the outcome."),
  markupAnnual: z
    .strictObject({
      prime: fraction(1).describe('Initial markup above the floor for prime borrowers (fraction a year).'),
      nearPrime: fraction(1).describe('Initial markup above the floor for near-prime borrowers (fraction a year).'),
      subprime: fraction(1).describe('Initial markup above the floor for subprime borrowers (fraction a year).'),
    })
    .describe("The platform's markup above its cost floor by borrower segment at the start of the burn-in (fraction a year); with markup learning the platform adapts it from its own profit."),
  acquisitionCostPerLoan: nonNegative().describe("Cost of acquiring one loan's borrower (RMB per loan: a per-loan amount, not scaled)."),
  fixedCostMonthly: nonNegative().describe('Fixed operating cost of one platform a month (RMB at real-market scale): staff, technology, compliance.'),
  capital: nonNegative().describe('Capital of one platform that absorbs losses (RMB at real-market scale); a platform whose cumulative profit, with profits paid out as they are made, falls below -capital exits.'),
  guaranteeCapital: nonNegative().describe('Capital of one platform backing its guarantees of bank losses (RMB at real-market scale); once it is gone the banks bear the losses.'),
  licensedGuarantor: z.boolean().describe('Whether the platform has a licensed financing-guarantee affiliate (the only guarantee allowed under guarantees: licensed).'),
  maxFunders: int(1, 1000).describe('Most funding banks a platform keeps at once; a full platform takes a newcomer only if it is cheaper than its dearest funder, which it drops.'),
});
export type TierParams = z.infer<typeof tierSchema>;

const tierDefaults = {
  head: {
    count: 8, trafficShare: 0.72, segmentAffinity: { prime: 1.3, nearPrime: 1, subprime: 0.5 }, sigma: 0.5, visibility: 0.8, techFeeAnnual: 0.015,
    serviceFeeAnnual: 0.005, bargainingPower: 0.5, markupAnnual: { prime: 0.06, nearPrime: 0.06, subprime: 0.06 }, acquisitionCostPerLoan: 300, fixedCostMonthly: 8.75e7, capital: 3e10, guaranteeCapital: 1.5e10,
    licensedGuarantor: true, maxFunders: 40,
  },
  tail: {
    count: 50, trafficShare: 0.28, segmentAffinity: { prime: 0.3, nearPrime: 0.9, subprime: 2.5 }, sigma: 1.0, visibility: 0.35, techFeeAnnual: 0.015,
    serviceFeeAnnual: 0.015, bargainingPower: 0.4, markupAnnual: { prime: 0.08, nearPrime: 0.08, subprime: 0.08 }, acquisitionCostPerLoan: 400, fixedCostMonthly: 4.5e7, capital: 3e8, guaranteeCapital: 4e8,
    licensedGuarantor: false, maxFunders: 25,
  },
  // The waist (DESIGN v2 "Tiers"): mid-sized, higher-priced platforms between the head and the tail
  // (the record's mid-tier, whose volume collapsed after the rule). None in the base market: its
  // values stand between head and tail and apply once a scenario gives it a count and a traffic share.
  waist: {
    count: 0, trafficShare: 0, segmentAffinity: { prime: 0.6, nearPrime: 1.2, subprime: 1.5 }, sigma: 0.75, visibility: 0.6, techFeeAnnual: 0.015,
    serviceFeeAnnual: 0.01, bargainingPower: 0.45, markupAnnual: { prime: 0.08, nearPrime: 0.08, subprime: 0.08 }, acquisitionCostPerLoan: 350, fixedCostMonthly: 6e7, capital: 3e9, guaranteeCapital: 2e9,
    licensedGuarantor: false, maxFunders: 30,
  },
} satisfies Record<string, TierParams>;

/** Platform tiers, in the order their platforms are built (ids head-1.., waist-1.., tail-1..). */
export const TIERS = ['head', 'waist', 'tail'] as const;
export type Tier = (typeof TIERS)[number];

const pricingDefaults = { referenceFunderReturnAnnual: 0.04, guaranteeLoad: 0 };
const markupLearningDefaults = { enabled: true, reviewMonths: 3, stepAnnual: 0.005, maxAnnual: 0.3, squeezeTo: 'mean' as const };
const platformsSchema = z
  .strictObject({
    head: tierSchema.describe('Head platforms: a few large platforms with strong risk control and most of the traffic.').default(tierDefaults.head),
    tail: tierSchema.describe('Tail platforms: many small platforms with weak risk control.').default(tierDefaults.tail),
    waist: tierSchema.describe('Waist platforms: mid-sized, higher-priced platforms between head and tail (none in the base market: count 0, trafficShare 0).').default(tierDefaults.waist),
    heterogeneity: z.number().min(0).max(2).describe('Relative spread of traffic (log-normal) and score noise (uniform) across the platforms of one tier (0: identical).').default(0.3),
    pricing: z
      .strictObject({
        referenceFunderReturnAnnual: fraction(0.5).describe("Funding cost plus hurdle a platform prices off while it has no lending partner (fraction a year); with partners it prices off its funders' average."),
        guaranteeLoad: z.number().min(0).max(10).describe("Mark-up of a guarantee's fee over the expected loss it covers: fee = expected loss covered x (1 + load); the guarantor's margin."),
      })
      .describe("How a platform prices a loan: floor = its funders' required return + the expected loss the funder bears + the guarantee fee where a guarantee covers the loan + the platform's own cost; price = floor + the platform's markup, then the caps in order (comprehensive, nominal, outer).")
      .default(pricingDefaults),
    markupLearning: z
      .strictObject({
        enabled: z.boolean().describe("Platforms adapt their markups from their own profit (false: markups stay at markupAnnual)."),
        reviewMonths: int(1, 60).describe('Months between a platform\'s markup reviews.'),
        stepAnnual: fraction(0.5).describe('Size of one markup step (fraction a year): a review moves each segment\'s markup one step, on in the direction that raised profit, back when profit fell.'),
        maxAnnual: fraction(2).describe('Highest markup a platform will try (fraction a year).'),
        squeezeTo: z.enum(['mean', 'highest']).describe("What a markup the caps would not let the platform charge is pulled down to (plus one step): mean, the window's mean realized markup (version 1: where the cap binds on part of a segment, every review pulls the markup down); highest, the highest markup realized on one loan (squeezed only where no loan could carry it).").default('mean'),
      })
      .describe("How platforms choose their markups: at each review, per borrower segment, a bounded step toward higher profit (keep the direction while the window's profit rises, reverse it when it falls; the first direction is drawn at random: exploration). A markup the caps would not let it charge is pulled down to what it realized.")
      .default(markupLearningDefaults),
    routingTemperature: z.number().positive().max(1).describe("Routing of an application among partner banks (fraction a year): a funder's weight falls by a factor e for every routingTemperature of funding cost plus hurdle above the cheapest funder's.").default(0.02),
    funderSwitchMarginAnnual: fraction(0.5).describe("A full platform takes a new funder in place of its dearest only if the newcomer's funding cost plus hurdle is lower by at least this (fraction a year): the friction of switching funders.").default(0.005),
    powerHalfFunders: z.number().min(0).max(1000).describe("Funding follows the funders' supply: a platform's bargaining power this month is its tier's bargainingPower x n / (n + powerHalfFunders), n its funders that lend and have room, so a platform few banks will fund keeps less of the surplus and pays more for its funding. 0: the tier's power whatever its funders.").default(0),
    maxOffersPerApplication: int(1, 1000).describe('Most partner banks one application is offered to before the platform gives up on it.').default(8),
    exitAfterMonths: int(1, 120).describe('A platform with no partner bank for this many months exits.').default(3),
    sampleSize: int(8, 4096).describe('Applications a platform keeps each month (a reservoir sample) for banks to evaluate it on at partner reviews.').default(96),
  })
  .check(
    crossCheck<Record<Tier, TierParams>>(TIERS.map((t) => [t, 'count']), (p, report) => {
      if (TIERS.every((t) => p[t].count === 0)) {
        report({ path: ['head', 'count'], input: 0, message: `expected at least one platform in ${TIERS.join(', ')}, received 0 in every tier` });
      }
    }),
    crossCheck<Record<Tier, TierParams>>(TIERS.map((t) => [t, 'trafficShare']), (p, report) => {
      const total = TIERS.reduce((a, t) => a + p[t].trafficShare, 0);
      if (Math.abs(total - 1) > 1e-9) {
        report({
          path: ['tail', 'trafficShare'], input: total,
          message: `expected the tiers' trafficShare to sum to 1, received ${+total.toFixed(9)} (${TIERS.map((t) => `${t} ${p[t].trafficShare}`).join(' + ')})`,
        });
      }
    }),
  );

// ---------------------------------------------------------------- banks

export const POLICY_KINDS = ['optimize', 'topK', 'exit', 'runoff', 'static'] as const;
export const policySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('optimize') }),
  z.strictObject({ kind: z.literal('topK'), k: int(0, 1000).describe('Partners a topK bank keeps: the k best by expected profit among its listed and sampled platforms.') }),
  z.strictObject({ kind: z.literal('exit') }),
  z.strictObject({ kind: z.literal('runoff') }),
  z.strictObject({ kind: z.literal('static') }),
]);
export type PolicySpec = z.infer<typeof policySchema>;

const bankParamsShape = {
  fundingCostAnnual: fraction(0.5).describe("Cost of the bank's funds (deposits, interbank; fraction a year)."),
  capital: positive().describe('Tier-1 net capital of one bank (RMB at real-market scale); sets its internet-book cap and per-partner cap.'),
  loansToCapital: z.number().positive().max(100).describe("The bank's whole loan book as a multiple of its tier-1 capital (balance sheets: about 8 for Chinese banks). Its internet (joint) book may not exceed banks.jointLendingShareCap of it (2021 rule), so the book cap follows capital."),
  nplFirewall: fraction().describe("The bank's NPL 'firewall' on its internet book: above this lagged NPL ratio it tightens its risk appetite (maxPdAnnual x banks.firewallTightening) and its next review cuts the partner whose losses ran worst."),
  perPartnerCapShare: fraction(10).describe('The book with any one platform may not exceed this share of tier-1 capital (2021 joint-lending rule: 0.25).'),
  sigma: z.number().positive().max(10).describe("Noise of the bank's own risk model: standard deviation of its signal on the logit(pd) scale, used where the regime requires own risk control."),
  maxPdAnnual: fraction().describe('Risk appetite: the bank declines any applicant whose estimated annual default probability exceeds this (fraction a year).'),
  hurdleAnnual: fraction(0.5).describe('Lowest expected margin per unit lent the bank accepts (fraction a year: its cost of capital).'),
  reviewMonths: int(1, 60).describe("Months between the bank's partner reviews (staggered across banks)."),
  candidatesPerReview: int(0, 1000).describe('Unlisted platforms the bank samples and values at each review.'),
  riskControlCostMonthly: nonNegative().describe("Fixed cost of running the bank's own risk control where the regime requires it (RMB a month at real-market scale)."),
  listCostMultiplier: nonNegative().describe("Scale of the bank's list cost per partner: 1 = the regime's listCostPerPartner."),
  initialPartners: int(0, 1000).describe('Partner platforms the bank lists at the start of the burn-in (drawn by traffic).'),
  policy: policySchema.describe('Partner-selection policy: optimize (value listed and sampled partners at each review), topK (keep the k best), exit (drop every partner at the rule start), runoff (no new loans from the rule start; the stock amortizes), static (never change).'),
};
const bankTypeSchema = z.strictObject({ count: int(0, 1000).describe('Number of banks of this type (the named banks come on top).'), ...bankParamsShape });
export type BankTypeParams = z.infer<typeof bankTypeSchema>;

export const BANK_TYPES = ['large', 'jointStock', 'city', 'rural', 'internet'] as const;
export type BankType = (typeof BANK_TYPES)[number];

const optimize = { kind: 'optimize' as const };
const bankTypeDefaults: Record<BankType, BankTypeParams> = {
  large: {
    count: 6, fundingCostAnnual: 0.013, capital: 1.5e12, loansToCapital: 8, perPartnerCapShare: 0.25, nplFirewall: 0.04,
    sigma: 0.55, maxPdAnnual: 0.08, hurdleAnnual: 0.015, reviewMonths: 3, candidatesPerReview: 6, riskControlCostMonthly: 8.75e6,
    listCostMultiplier: 1, initialPartners: 20, policy: optimize,
  },
  jointStock: {
    count: 12, fundingCostAnnual: 0.021, capital: 4e11, loansToCapital: 8, perPartnerCapShare: 0.25, nplFirewall: 0.04,
    sigma: 0.65, maxPdAnnual: 0.1, hurdleAnnual: 0.02, reviewMonths: 3, candidatesPerReview: 6, riskControlCostMonthly: 1.4e7,
    listCostMultiplier: 1, initialPartners: 20, policy: optimize,
  },
  city: {
    count: 30, fundingCostAnnual: 0.028, capital: 3e10, loansToCapital: 8, perPartnerCapShare: 0.25, nplFirewall: 0.04,
    sigma: 1.0, maxPdAnnual: 0.2, hurdleAnnual: 0.02, reviewMonths: 3, candidatesPerReview: 4, riskControlCostMonthly: 3.5e7,
    listCostMultiplier: 1, initialPartners: 8, policy: optimize,
  },
  rural: {
    count: 30, fundingCostAnnual: 0.027, capital: 1.5e10, loansToCapital: 8, perPartnerCapShare: 0.25, nplFirewall: 0.04,
    sigma: 1.1, maxPdAnnual: 0.2, hurdleAnnual: 0.02, reviewMonths: 3, candidatesPerReview: 4, riskControlCostMonthly: 2.625e7,
    listCostMultiplier: 1, initialPartners: 6, policy: optimize,
  },
  internet: {
    count: 4, fundingCostAnnual: 0.024, capital: 2.5e10, loansToCapital: 8, perPartnerCapShare: 0.25, nplFirewall: 0.0125,
    sigma: 0.7, maxPdAnnual: 0.2, hurdleAnnual: 0.02, reviewMonths: 2, candidatesPerReview: 4, riskControlCostMonthly: 8.75e6,
    listCostMultiplier: 1, initialPartners: 30, policy: optimize,
  },
};

const namedBankSchema = z.strictObject({
  name: plainText(z.string().min(1).max(200)).describe('Display name of the bank (free text: escaped wherever it is shown).'),
  type: z.enum(BANK_TYPES).describe('Bank type whose parameters this bank takes unless it overrides them.'),
  enabled: z.boolean().describe('false drops this named bank from the market (a scenario cannot delete a key it inherits).').default(true),
  ...Object.fromEntries(Object.entries(bankParamsShape).map(([k, v]) => [k, v.optional()])),
})
  .describe("A bank reported on its own; every field of its type (but count) may be overridden here.") as unknown as z.ZodType<NamedBankParams>;
export type NamedBankParams = { name: string; type: BankType; enabled: boolean } & Partial<Omit<BankTypeParams, 'count'>>;

const namedDefaults: Record<string, NamedBankParams> = {
  yillion: {
    name: 'Yillion-like internet bank', type: 'internet', enabled: true, fundingCostAnnual: 0.026,
    capital: 3e10, initialPartners: 53,
  },
  urumqi: { name: 'Urumqi-like city bank', type: 'city', enabled: true, fundingCostAnnual: 0.031, capital: 1.5e10, sigma: 1.1 },
  longjiang: { name: 'Longjiang-like city bank', type: 'city', enabled: true, fundingCostAnnual: 0.03, capital: 1.2e10, sigma: 1.2 },
  ganzhou: { name: 'Ganzhou-like city bank', type: 'city', enabled: true, fundingCostAnnual: 0.03, capital: 1e10, sigma: 1.1, initialPartners: 3 },
  guiyang: { name: 'Guiyang-like city bank', type: 'city', enabled: true, fundingCostAnnual: 0.031, capital: 4e10, sigma: 1.1 },
};

const banksSchema = z.strictObject({
  jointLendingShareCap: fraction().describe("A bank's joint (internet) loans may not exceed this share of all its loans (CBIRC notice 2021 No. 24: 50%).").default(0.5),
  firewallTightening: fraction().describe('Factor on a bank\'s maxPdAnnual while its internet book is above its NPL firewall (1: no tightening).').default(0.5),
  capitalFloorShare: fraction().describe("A bank whose capital falls below this share of its starting capital stops new internet lending (realized losses eat capital; profits above the starting capital are paid out).").default(0.5),
  bureauVisibility: fraction().describe("Chance a bank's own risk control sees each of an applicant's other loans in the credit bureau (times the regime's bureauVisibility): where the regime requires own risk control, banks score with this view rather than the platform's.").default(0.9),
  types: z
    .strictObject({
      large: bankTypeSchema.describe('Large state-owned banks: cheapest funding, the strongest own risk models.').default(bankTypeDefaults.large),
      jointStock: bankTypeSchema.describe('Joint-stock banks.').default(bankTypeDefaults.jointStock),
      city: bankTypeSchema.describe('City commercial banks: small regional banks with dearer funding.').default(bankTypeDefaults.city),
      rural: bankTypeSchema.describe('Rural commercial banks: small regional banks.').default(bankTypeDefaults.rural),
      internet: bankTypeSchema.describe('Private internet banks: small capital, large online books.').default(bankTypeDefaults.internet),
    })
    .describe('Banks by type: count identical banks of each type (apart from their random partner draws).')
    .default(bankTypeDefaults),
  named: z
    .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'expected an id of letters, digits, _ or -'), namedBankSchema)
    .describe("Banks reported one by one, keyed by id (letters, digits, _ or -); each takes its type's parameters unless it overrides them.")
    .default(namedDefaults),
});

// ---------------------------------------------------------------- regimes

export const GUARANTEE_KINDS = ['hidden', 'licensed', 'none'] as const;
export type GuaranteeKind = (typeof GUARANTEE_KINDS)[number];

export const regimeSchema = z.strictObject({
  comprehensiveCap: fraction(1).nullable().describe('Cap on everything the borrower pays that the regime counts (comprehensive APR, fraction a year); null: none.'),
  nominalCap: fraction(1).describe('Cap on the nominal rate alone (fraction a year).'),
  outerCap: fraction(1).describe('Nothing above this is ever charged, fees included (fraction a year).'),
  feesInsideCap: z.boolean().describe('Guarantee and consulting fees count toward the comprehensive cap.'),
  guarantees: z.enum(GUARANTEE_KINDS).describe("Who covers the bank's credit losses. hidden: platform deposits and drawer agreements, fee outside the cap; licensed: only a licensed guarantor (leverage <= 10x), fee inside the cap; none: the bank bears them."),
  ownRiskControl: z.boolean().describe('The bank must score applicants with its own model (and pays riskControlCostMonthly).'),
  listCostPerPartner: nonNegative().describe("Cost of keeping one platform on a bank's disclosed partner list (RMB a month per partner at real-market scale; times the bank's listCostMultiplier)."),
  maxPartnersPerBank: int(0, 10000).nullable().describe('Optional hard limit on partners per bank; null: none.'),
  bureauVisibility: z.number().min(0).max(10).describe("Multiplies every platform's (and bank's) bureau visibility (the product capped at 1)."),
  greyAccess: z.number().min(0).max(10).describe("Multiplies the grey market's take-up by a refused borrower in need (1: as the segment's greyTakeUp; 0: no grey lender reachable, e.g. payment channels cut)."),
  feeEvasion: fraction(1).describe('Where fees count inside the cap: the share of what the caps squeeze out of the platform\'s price that survives outside every cap anyway (membership and "rights" fees, the 24%+ products): paid by the borrower (in its comprehensive APR), kept by the platform, counted in hiddenFeeGap. 0: the rule is obeyed.'),
});
export type Regime = z.infer<typeof regimeSchema>;

/** A regime's name, as a key of `regimes` and in `timeline` (the form of a named bank's id). */
export const REGIME_ID = /^[A-Za-z][A-Za-z0-9_-]*$/;

/**
 * A further regime (any name but before and after): every field of a regime, or `extends` another
 * regime and names only what it changes. The loader resolves `extends` (sim/scenario/regimes.ts), so a
 * resolved scenario's regimes are complete and carry no `extends`.
 */
const furtherRegimeSchema = regimeSchema.extend({
  extends: z
    .string()
    .describe('Another regime of this scenario (before, after or a further one) this regime starts from: it names only what it changes (resolved by the loader; chains allowed).')
    .optional(),
});

/** One change of the timeline: from `month` on, the policy arm is under `regime`. */
const timelineEntrySchema = z.strictObject({
  month: int(0, 599).describe('First reported month (0-based) in which the regime is in force in the policy arm.'),
  regime: z.string().describe('Name of a regime under `regimes`.'),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/**
 * The regimes in force in the policy arm, as `{month, regime}` changes: the scenario's `timeline`, or
 * by default `before` from month 0 and `after` from `ruleStartMonth` (version 1's two regimes). The
 * first entry is also the counterfactual arm's regime throughout (and the burn-in's); the second is
 * the rule (its month is ruleStartMonth).
 */
export function timelineOf(s: { timeline?: readonly TimelineEntry[] | undefined; ruleStartMonth: number }): readonly TimelineEntry[] {
  return s.timeline ?? [{ month: 0, regime: 'before' }, { month: s.ruleStartMonth, regime: 'after' }];
}

const regimeDefaults: Record<'before' | 'after', Regime> = {
  before: {
    comprehensiveCap: null, nominalCap: 0.24, outerCap: 0.36, feesInsideCap: false, guarantees: 'hidden',
    ownRiskControl: false, listCostPerPartner: 1.05e6, maxPartnersPerBank: null, bureauVisibility: 1, greyAccess: 1, feeEvasion: 0,
  },
  after: {
    comprehensiveCap: 0.24, nominalCap: 0.24, outerCap: 0.24, feesInsideCap: true, guarantees: 'licensed',
    ownRiskControl: true, listCostPerPartner: 8e6, maxPartnersPerBank: null, bureauVisibility: 1, greyAccess: 1, feeEvasion: 0,
  },
};

// ---------------------------------------------------------------- the scenario

export const scenarioSchema = z
  .strictObject({
    name: plainText(z.string().min(1).max(200)).describe('Scenario name: output/<name> (made path-safe) and the report title.').default('china-2025'),
    description: plainText(z.string().max(10_000), true).describe('Free text on what the scenario is and what it changes; shown in the report.').default(''),
    extends: z
      .string()
      .describe('Another scenario file this one starts from, relative to this file: this file names only what it changes (deep merge; resolved by the loader).')
      .optional(),
    seed: z.number().int().min(0).max(2 ** 32 - 1).describe('Master random seed (unsigned 32-bit integer): run i of both arms draws from streams split from (seed, i, purpose), so results reproduce and the arms are paired.').default(20251001),
    runs: int(1, 100_000).describe('Monte Carlo runs per arm (policy and counterfactual, paired by common random numbers).').default(64),
    months: int(1, 600).describe('Reported months of each run (month 0 is the first reported month).').default(36),
    ruleStartMonth: int(0, 599).describe('First reported month (0-based) in which the after regime (with a timeline: its first change, the rule) is in force in the policy arm; the counterfactual arm never switches. Windows afterRule and the facts count from it.').default(12),
    burnInMonths: int(0, 240).describe("Months of the before regime (the timeline's first) simulated ahead of month 0 and not reported (a settled start).").default(24),
    market: z
      .strictObject({
        realBorrowers: z.number().positive().max(2e9).describe('Real borrowers (people) the simulated ones stand for: every money amount that does not come from a borrower (capital, guarantee capital, list and fixed costs) scales by borrowers.count / realBorrowers.').default(3.5e8),
        currency: plainText(z.string().min(1).max(10)).describe('Currency of every money amount (a label for outputs; nothing is converted).').default('RMB'),
      })
      .describe('The real market the scenario stands for.')
      .default({ realBorrowers: 3.5e8, currency: 'RMB' }),
    borrowers: borrowersSchema.describe('Borrowers: population size, loans, the default model and risk segments.').prefault({}),
    platforms: platformsSchema.describe('Loan-facilitation platforms in tiers (head, waist, tail), their pricing and routing.').prefault({}),
    banks: banksSchema.describe('Funding banks: by type, and the named banks of the seed article.').prefault({}),
    regimes: z
      .strictObject({
        before: regimeSchema.describe('The regime before the rule: in force until ruleStartMonth, and throughout the counterfactual arm (by default: the first regime of the timeline).').default(regimeDefaults.before),
        after: regimeSchema.describe('The regime under the rule: in force from ruleStartMonth in the policy arm (by default: the second regime of the timeline).').default(regimeDefaults.after),
      })
      .catchall(furtherRegimeSchema.describe('A further named regime (id: letters, digits, _ or -) for the timeline, e.g. the 2026 window guidance: every regime field, or `extends` another regime and names only what it changes.'))
      .check(
        z.superRefine((regimes, ctx) => {
          for (const id of Object.keys(regimes)) {
            if (!REGIME_ID.test(id)) ctx.addIssue({ code: 'custom', path: [id], input: id, message: `expected a regime name of letters, digits, _ or -, starting with a letter, received ${JSON.stringify(id)}` });
          }
        }, { when: (payload) => typeof payload.value === 'object' && payload.value !== null }),
      )
      .describe('The rules of the market by name: the before regime, the after regime (the 2025 rule) and any further regimes a timeline switches to.')
      .default(regimeDefaults),
    timeline: z
      .array(timelineEntrySchema)
      .min(2, { error: 'expected at least two entries: the regime both arms start under (month 0) and the rule (the first change)' })
      .max(600)
      .describe('Optional: the regimes of the policy arm as {month, regime} changes, the first at month 0 (the regime of the burn-in and, throughout, of the counterfactual arm), the second the rule (its month is ruleStartMonth), later ones strictly later. Default: before from month 0, after from ruleStartMonth.')
      .optional(),
    outputs: z
      .strictObject({
        report: z.boolean().describe('Write report.html, the self-contained report.').default(true),
        runsCsv: z.boolean().describe('Write runs.csv: one row per (run, arm), the final snapshot of every metric.').default(true),
        timeseriesCsv: z.boolean().describe('Write timeseries.csv: every metric every month, mean and 95% interval across runs, per arm.').default(true),
      })
      .describe('Optional outputs of an experiment (summary.json and manifest.json are always written).')
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
    crossCheck<{ months: number; ruleStartMonth: number; timeline?: TimelineEntry[] }>([['months'], ['ruleStartMonth'], ['timeline']], (s, report) => {
      if (!s.timeline) return;
      s.timeline.forEach((e, i) => {
        const at = (message: string) => report({ path: ['timeline', i, 'month'], input: e.month, message });
        if (i === 0 && e.month !== 0) at(`expected month 0 for the first entry (the regime both arms start under; the counterfactual arm stays on it), received ${e.month}`);
        else if (i > 1 && e.month <= s.timeline![i - 1]!.month) at(`expected a month after the previous change (month ${s.timeline![i - 1]!.month}): changes come in strictly increasing months, received ${e.month}`);
        else if (e.month >= s.months) at(`expected a month within the reported months 0..${s.months - 1} (months is ${s.months}), received ${e.month}`);
      });
      const rule = s.timeline[1]!.month;
      if (s.ruleStartMonth !== rule) {
        report({
          path: ['ruleStartMonth'], input: s.ruleStartMonth,
          message: `expected the month of the timeline's first change (timeline[1].month = ${rule}: the rule), received ${s.ruleStartMonth}; set the two equal, or leave ruleStartMonth out of the file that sets the timeline (it is then taken from the timeline)`,
        });
      }
    }),
    crossCheck<{ regimes: Record<string, unknown>; timeline?: TimelineEntry[] }>([['timeline', '*', 'regime']], (s, report) => {
      const names = Object.keys(s.regimes ?? {});
      s.timeline?.forEach((e, i) => {
        if (!Object.hasOwn(s.regimes ?? {}, e.regime)) {
          report({ path: ['timeline', i, 'regime'], input: e.regime, message: `expected the name of a regime under regimes (${names.join(', ')}), received ${JSON.stringify(e.regime)}` });
        }
      });
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
