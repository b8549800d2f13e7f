/**
 * What kind of number each scenario parameter is, and why it has its value where the comment in
 * `scenarios/china-2025.yaml` does not say: the half of the parameter reference
 * (`scenarios/README.md`, `npm run docs:params`) that is judgement rather than schema or file.
 * The source of a figure stays in the yaml comment beside the value; a note here adds what the
 * comment leaves out (which end of a range, and why; what a free parameter was tuned against).
 *
 * Keys are dotted paths of the scenario; `*` stands for any one key (a segment, tier, bank type,
 * named bank or regime). The most specific pattern wins: the one with fewer `*`. A field a named bank
 * overrides without a note of its own takes the note of its type's field (`banks.types.*.<field>`).
 * Every value of the base market must have a note (a new field is documented or the docs test
 * fails), and every note must match a value (a renamed field does not leave a stale note).
 */

/**
 * - `public`: a published figure, or inside a published range (CALIBRATION.md, the seed article).
 * - `rule`: set by a regulation's text.
 * - `free`: no public figure; set in the calibration passes so that the default scenario reproduces
 *   the stylized facts F1-F10 of CALIBRATION.md. These are the model's free parameters.
 * - `assumption`: no public figure and not tuned to the facts: a modelling choice.
 * - `setting`: run control and outputs, not part of the market.
 */
export type ParamKind = 'public' | 'rule' | 'free' | 'assumption' | 'setting';

export interface ParamNote {
  kind: ParamKind;
  /** Why this value (or, for `free`, what it was tuned against), where the yaml comment does not say. */
  why?: string;
}

export const PARAM_NOTES: Readonly<Record<string, ParamNote>> = {
  // ------------------------------------------------------------------ experiment
  name: { kind: 'setting' },
  description: { kind: 'setting' },
  extends: { kind: 'setting', why: 'the base market extends nothing' },
  seed: { kind: 'setting' },
  runs: { kind: 'setting' },
  months: { kind: 'setting', why: 'a year before the rule and two after it' },
  ruleStartMonth: { kind: 'rule' },
  timeline: { kind: 'rule', why: 'not set in the base market: before from month 0, the rule (after) from ruleStartMonth. scenarios/guidance-2026.yaml adds the January 2026 payment-channel cut and the Q1 2026 20% window guidance' },
  burnInMonths: { kind: 'setting', why: 'two 12-month loan terms, so books and partner lists settle (check S1)' },
  'market.realBorrowers': {
    kind: 'free',
    why: 'hundreds of millions of online consumer borrowers; set with loanToIncome so that the book outstanding before the rule is the real market\'s, RMB 3.5 tn in 2024 (iResearch; F0). Every fixed money amount (list, risk-control and platform fixed costs) was scaled with it (x1.75 from version 1\'s 2e8), so the fixed costs weigh on the loan flow as before',
  },
  'market.currency': { kind: 'setting' },

  // ------------------------------------------------------------------ borrowers
  'borrowers.count': { kind: 'setting' },
  'borrowers.applicationsPerMonth': { kind: 'assumption' },
  'borrowers.quotesCompared': {
    kind: 'assumption',
    why: 'DESIGN v2 shopping; 1 keeps version 1\'s first-approval borrower (the same market, byte for byte). With 2-3 a platform 4 points dearer than its rivals keeps 21-29% of its head-tier share instead of 79% (test/model/shopping.test.ts); a calibration lever for F12 and F13',
  },
  'borrowers.maxConcurrentLoans': { kind: 'assumption' },
  'borrowers.termMonths': { kind: 'assumption', why: 'a one-year instalment loan' },
  'borrowers.loanToIncome': { kind: 'free', why: 'with realBorrowers it sets the size of the market: moves F0 (RMB 2.5-4.5 tn outstanding)' },
  'borrowers.lgd': { kind: 'public', why: 'the middle of the 0.8-0.9 range' },
  'borrowers.betaDti': { kind: 'assumption' },
  'borrowers.betaLoans': { kind: 'public', why: 'ln 1.2 = 0.18, the middle of the x1.15-x1.3 range' },
  'borrowers.writeOffMonths': { kind: 'public', why: 'the 90+ days past due of the platforms\' published delinquency' },
  'borrowers.reentryMonths': { kind: 'assumption' },
  'borrowers.macroShockLogit': { kind: 'setting', why: 'a lever for shock scenarios; the base market has none' },
  'borrowers.segments.*.share': {
    kind: 'free',
    why: 'no public split of borrowers by risk; with pdMedianAnnual tuned to the head platforms\' 90+ delinquency of 2.0-3.4% and to 14-49% of borrowers holding several loans (F9)',
  },
  'borrowers.segments.*.pdMedianAnnual': {
    kind: 'free',
    why: 'tuned with the shares to the head platforms\' 90+ delinquency of 2.0-3.4% and to the multi-borrowing of F9',
  },
  'borrowers.segments.*.pdLogitSd': { kind: 'assumption' },
  'borrowers.segments.*.incomeMedianMonthly': { kind: 'assumption', why: 'with loanToIncome it sets loan size; no source in the yaml' },
  'borrowers.segments.*.incomeLogSd': { kind: 'assumption' },
  'borrowers.segments.*.reservationAprMean': {
    kind: 'free',
    why: 'the demand curve the platforms\' markups face: prime borrowers have outside options (bank cards and loans at 10-18%) and walk away above about 24%, near-prime above about 34%, subprime pay up to the 36% line and more (tail prices up to 36%, weak). With honest prices this, not a cost-plus rule, holds the head\'s price at 21-22% (F13) and the tail\'s at 27-33% (F5)',
  },
  'borrowers.segments.*.reservationAprSd': { kind: 'free', why: 'the spread of the demand curve: how fast a markup loses borrowers (F5, F13)' },
  'borrowers.seasoning.peakMonth': { kind: 'assumption', why: 'vintage curves of consumer instalment loans peak a few months after origination; it moves when a halt of new lending shows in book delinquency' },
  'borrowers.seasoning.amplitude': { kind: 'assumption', why: 'the curve is scaled to mean 1 over the term, so it moves the timing of missed payments, not their number' },
  'borrowers.liquidityShock': {
    kind: 'free',
    why: 'the size of the rollover channel (DESIGN v2: calibrated, not assumed) against F11. Measured: at 1, 2 and 3 the rule still lowers early delinquency in its first six months, because it removes the riskiest new lending faster than it breaks rollover chains (README, "What the default experiment shows": F11 is a finding)',
  },
  'borrowers.liquidityMonths': { kind: 'assumption' },
  'borrowers.grey.aprAnnual': { kind: 'public', why: 'inside the reported 300-440% a year' },
  'borrowers.grey.termMonths': { kind: 'assumption', why: 'short-term products; no published term' },
  'borrowers.grey.loanToIncome': { kind: 'assumption', why: 'small loans; no published size' },
  'borrowers.segments.*.cureRate': {
    kind: 'assumption',
    why: 'Qfin\'s 31-60 over 0-30 days past due is about 0.48 (FY2025), a cure rate near 0.5; lower here (0.2-0.4, riskier segments cure less) so that, with the annual default probability held by missScale, book delinquency is not dominated by missed payments that cure',
  },
  'borrowers.segments.*.rolloverThreshold': {
    kind: 'assumption',
    why: 'a loan\'s instalment is about 0.3 of monthly income, so 1.25 / 1 / 0.85 put borrowers with four, three to four and three loans in need. Lower thresholds (0.7 / 0.55 / 0.45) set off a leverage spiral before the rule (the needy borrow every month until refused): outstanding up 16%, the internet banks above their NPL firewall before the rule, F2 and F4 lost',
  },
  'borrowers.segments.*.greyTakeUp': {
    kind: 'free',
    why: 'no published take-up; rising with risk (the riskier have fewer formal alternatives). Moves the level of F14 (grey borrowers 2-15% of borrowers at the end); the ratio end / before follows the refusals and barely moves with it',
  },
  'borrowers.segments.*.propensityMonthly': { kind: 'assumption', why: 'rising with risk (adverse selection); it drives how many borrowers hold several loans (F9)' },

  // ------------------------------------------------------------------ platforms
  'platforms.head.count': {
    kind: 'assumption',
    why: 'anchors: CR5 counts five platforms (iResearch 2024); the Yillion-like bank kept six head platforms, ByteDance (two entities), Meituan, Baidu (Du Xiaoman), Xinye and Lexin (seed article)',
  },
  'platforms.tail.count': { kind: 'assumption' },
  'platforms.waist.count': {
    kind: 'assumption',
    why: 'none in the base market, so the calibrated market is unchanged; the record\'s mid-tier (volumes down 32-38% or more in the rule\'s first quarter, funding cost up about 3 points) is what a scenario with a waist stands for',
  },
  'platforms.waist.serviceFeeAnnual': { kind: 'assumption', why: 'between the head\'s and the tail\'s' },
  'platforms.waist.licensedGuarantor': { kind: 'assumption', why: 'a mid-tier platform\'s prices above 24% rested on fees outside the cap; with no licensed guarantee the rule leaves its banks the losses' },
  'platforms.*.trafficShare': {
    kind: 'free',
    why: 'a share of traffic, not of lending: CR5 (76%) is matched by the head\'s share of volume, which F8 checks',
  },
  'platforms.*.segmentAffinity.*': {
    kind: 'free',
    why: 'no public figure; set so that head platforms draw mostly prime borrowers and tail platforms mostly subprime ones; moves F2, F5, F7',
  },
  'platforms.*.sigma': { kind: 'assumption', why: 'head platforms score better than tail ones (seed article: "head platforms with stricter risk control")' },
  'platforms.*.visibility': { kind: 'assumption', why: 'head platforms see more of the bureau than tail ones' },
  'platforms.*.techFeeAnnual': { kind: 'assumption', why: 'a technology cost of about 1.5 APR points; with the acquisition cost it is the platform\'s own cost floor' },
  'platforms.head.serviceFeeAnnual': {
    kind: 'free',
    why: 'F5 expects head platforms to charge few hidden fees and a hidden-fee gap of 0.02-0.09 before the rule',
  },
  'platforms.tail.serviceFeeAnnual': {
    kind: 'free',
    why: 'part of the gap between nominal and real cost (nominal ~23%, real up to ~30%), the hidden guarantee fee and the overflow above the nominal cap being the rest; F5 checks the tail APR (0.27-0.33) and the hidden-fee gap (0.02-0.09) before the rule',
  },
  'platforms.*.bargainingPower': {
    kind: 'free',
    why: 'no public figure for the split; head platforms, with many banks knocking, keep more. With the markups it sets the take rate (about 7 APR points before the rule: seed article; the model gives 7.3) and how much a partnership is worth to a bank: moves F1, F2, F4',
  },
  'platforms.*.markupAnnual.*': {
    kind: 'assumption',
    why: 'a starting point only: the markups are learned from profit in the burn-in (platforms.markupLearning)',
  },
  'platforms.*.acquisitionCostPerLoan': { kind: 'assumption' },
  'platforms.*.fixedCostMonthly': {
    kind: 'free',
    why: 'no public figure; the fixed cost a platform must cover from its take: decides which platforms outlast a shrinking market (F10)',
  },
  'platforms.*.capital': { kind: 'free', why: 'decides how long a losing platform lasts (F10)' },
  'platforms.*.guaranteeCapital': { kind: 'assumption', why: 'decides how much of the banks\' losses hidden and licensed guarantees can cover' },
  'platforms.head.licensedGuarantor': { kind: 'free', why: 'head platforms run licensed financing-guarantee affiliates; whether a guarantee covers a loan after the rule moves F1, F2, F6, F7' },
  'platforms.tail.licensedGuarantor': { kind: 'free', why: 'tail platforms have none, so the rule ends their guarantees: their banks bear the losses (F2, F10)' },
  'platforms.*.maxFunders': { kind: 'free', why: 'no public figure; a head platform that is full takes a cheaper funder in place of its dearest: moves F3, F4' },
  'platforms.heterogeneity': { kind: 'assumption' },
  'platforms.pricing.referenceFunderReturnAnnual': {
    kind: 'assumption',
    why: 'used only by a platform with no lending partner (to price the applications banks value it on); with partners it prices off its funders\' own returns',
  },
  'platforms.pricing.guaranteeLoad': { kind: 'free', why: 'no public figure; the guarantor\'s margin over the expected loss it covers, part of the hidden fees before the rule: moves F5 (0: the fee is the expected loss)' },
  'platforms.markupLearning.enabled': { kind: 'assumption', why: 'platforms choose their markups (DESIGN v2); false fixes them at markupAnnual' },
  'platforms.markupLearning.reviewMonths': { kind: 'assumption' },
  'platforms.markupLearning.stepAnnual': { kind: 'assumption', why: 'half an APR point: small against the markups, large against the month-to-month noise of a platform\'s profit' },
  'platforms.markupLearning.maxAnnual': { kind: 'assumption' },
  'platforms.markupLearning.squeezeTo': {
    kind: 'assumption',
    why: 'mean keeps version 1\'s rule (the calibrated market unchanged). Under the 24% cap it ratchets markups down wherever the cap binds on part of a segment, so few loans sit under the line (nearCapShare 0.19 against F13\'s 0.3); highest squeezes only a markup no loan could carry (issue 12)',
  },
  'platforms.routingTemperature': { kind: 'assumption' },
  'platforms.powerHalfFunders': {
    kind: 'assumption',
    why: '0 keeps the fixed split (the calibrated market unchanged). The funders\' required return alone lowers every tier\'s funding cost after the rule (the dearest banks leave), while the record has the mid-tier\'s up about 3 points and the head\'s down: a positive value lets scarce funders take more of a platform\'s surplus (issue 12)',
  },
  'platforms.maxOffersPerApplication': { kind: 'assumption' },
  'platforms.funderSwitchMarginAnnual': {
    kind: 'free',
    why: 'no public figure; without a switching friction a tenth of a point of funding cost sweeps one bank type off every full list (city banks, 2.8%, lost every partner to rural banks, 2.7%, before the rule): moves F3, F4',
  },
  'platforms.exitAfterMonths': { kind: 'assumption' },
  'platforms.sampleSize': { kind: 'setting', why: 'a sample size for the banks\' valuations, not a feature of the market' },

  // ------------------------------------------------------------------ banks
  'banks.bureauVisibility': { kind: 'assumption' },
  'banks.jointLendingShareCap': { kind: 'rule', why: 'joint loans <= 50% of a bank\'s loans (CBIRC notice 2021 No. 24)' },
  'banks.firewallTightening': { kind: 'free', why: 'no public figure; how hard a bank above its NPL firewall pulls in its risk appetite: moves F1, F2' },
  'banks.capitalFloorShare': { kind: 'assumption', why: 'a bank that has lost half its capital stops new internet lending; the default market\'s banks never come near it' },
  'banks.types.*.count': { kind: 'assumption', why: 'a stand-in population of each type' },
  'banks.types.large.count': { kind: 'public', why: 'the six large state-owned commercial banks' },
  'banks.types.jointStock.count': { kind: 'public', why: 'the twelve national joint-stock banks' },
  'banks.types.large.fundingCostAnnual': { kind: 'public', why: 'the middle of large banks\' deposit cost, 1.2-1.4% (bank H1 2025 reports)' },
  'banks.types.jointStock.fundingCostAnnual': { kind: 'public', why: 'the low end of joint-stock deposit cost, 2.1-2.2% (bank H1 2025 reports)' },
  'banks.types.city.fundingCostAnnual': { kind: 'public', why: 'between regional banks\' "above 2%" (bank H1 2025 reports) and the western city bank\'s "about 3%" (seed article)' },
  'banks.types.rural.fundingCostAnnual': { kind: 'public', why: 'regional banks\' deposit cost, above 2% (bank H1 2025 reports); a little below the city type' },
  'banks.types.internet.fundingCostAnnual': {
    kind: 'assumption',
    why: 'no published figure for internet banks: above joint-stock banks (no branches), below city banks',
  },
  'banks.types.*.capital': { kind: 'assumption', why: 'tier-1 net capital of a typical bank of the type' },
  'banks.types.*.loansToCapital': {
    kind: 'public',
    why: 'Chinese banks hold loans of about 8 times their tier-1 capital (tier-1 ratio ~11% of risk-weighted assets, loans ~55-60% of assets); with the 2021 limit (joint loans <= 50% of loans) the internet book cap is 4 x tier-1 capital and follows capital. No longer a free parameter: large banks are not rationed by a cap',
  },
  'banks.types.*.nplFirewall': {
    kind: 'free',
    why: 'no public figure; the NPL ratio (on the balance the bank bears, lagged) above which a bank pulls in; the seed article: "banks that cut hardest had high NPL ratios". Moves F1, F2',
  },
  'banks.types.internet.nplFirewall': {
    kind: 'free',
    why: 'tight for internet banks, whose books are mostly facilitated loans (Yillion: NPL 2.77% in 2024, above it): moves F1 and F2 (the internet bank cuts its worst-losing partners first)',
  },
  'banks.types.*.perPartnerCapShare': { kind: 'rule', why: 'a bank\'s loans with one partner <= 25% of tier-1 net capital (CBIRC notice 2021 No. 24)' },
  'banks.types.*.sigma': { kind: 'assumption', why: 'own risk models from best (large) to weakest (rural)' },
  'banks.types.*.maxPdAnnual': { kind: 'free', why: 'no public figure; risk appetite rising from large to internet banks decides who funds the tail and who is excluded: moves F3, F4, F7' },
  'banks.types.*.hurdleAnnual': { kind: 'assumption', why: 'a 2% cost of capital' },
  'banks.types.large.hurdleAnnual': { kind: 'free', why: 'state-owned banks\' cheaper capital: 1.5%; moves F4 (large banks stay)' },
  'banks.types.*.reviewMonths': { kind: 'assumption' },
  'banks.types.*.candidatesPerReview': { kind: 'assumption' },
  'banks.types.internet.candidatesPerReview': { kind: 'free', why: 'how many new platforms an internet bank courts at each review: moves F1, F2' },
  'banks.types.*.riskControlCostMonthly': {
    kind: 'free',
    why: 'no public figure; the scale economy of own risk control (small banks pay it over a small book): moves F3 (small banks leave), F4 (large banks stay) and F6',
  },
  'banks.types.*.listCostMultiplier': { kind: 'free', why: 'no public figure; how heavily list management weighs on the type, with listCostPerPartner: moves F1, F3' },
  'banks.types.large.initialPartners': { kind: 'public', why: 'between the lists of CMB (15) and Ping An (40); both are joint-stock banks: no large state-owned bank\'s list is cited' },
  'banks.types.jointStock.initialPartners': { kind: 'public', why: 'between the lists of Industrial (10) and Huishang (39; a city commercial bank)' },
  'banks.types.city.initialPartners': { kind: 'public', why: 'below Guangzhou\'s 17: most city banks list few platforms' },
  'banks.types.rural.initialPartners': { kind: 'public', why: 'below Jiangnan RCB\'s 15: most rural banks list few platforms' },
  'banks.types.internet.initialPartners': { kind: 'public', why: 'below Yillion\'s 53 (seed article) and Fubon Huayi\'s 52 (a foreign-owned bank, cited for want of another internet bank\'s list)' },
  'banks.types.*.policy': {
    kind: 'assumption',
    why: 'every bank optimizes: CALIBRATION.md forbids scripting the exits of the default scenario, they must come out of the economics',
  },
  'banks.named.*.name': { kind: 'setting' },
  'banks.named.*.type': { kind: 'public', why: 'the bank\'s type in the seed article' },
  'banks.named.*.enabled': { kind: 'setting' },
  'banks.named.*.fundingCostAnnual': { kind: 'assumption', why: 'near the "about 3%" of a western city bank (seed article); the comment\'s NPL ratio is for comparison, not a source of this value' },
  'banks.named.yillion.fundingCostAnnual': { kind: 'assumption', why: 'a little above the internet type' },
  'banks.named.urumqi.fundingCostAnnual': { kind: 'public' },
  'banks.named.*.capital': { kind: 'assumption' },
  'banks.named.*.sigma': { kind: 'assumption', why: 'weaker than the city type\'s model, roughly in the order of the 2024 NPL ratios beside fundingCostAnnual' },
  'banks.named.*.initialPartners': { kind: 'public' },

  // ------------------------------------------------------------------ regimes
  'regimes.*.comprehensiveCap': { kind: 'rule' },
  'regimes.*.nominalCap': { kind: 'rule' },
  'regimes.after.nominalCap': { kind: 'rule', why: 'inside the 24% comprehensive line' },
  'regimes.*.outerCap': { kind: 'rule' },
  'regimes.after.outerCap': { kind: 'rule', why: 'everything inside the 24% line' },
  'regimes.*.feesInsideCap': { kind: 'rule' },
  'regimes.*.guarantees': { kind: 'rule' },
  'regimes.*.ownRiskControl': { kind: 'rule' },
  'regimes.*.listCostPerPartner': {
    kind: 'free',
    why: 'no public figure for the cost of managing and disclosing a partner; the main lever of how many partners a bank keeps under the rule: moves F1 (the internet bank keeps a fifth) and F3',
  },
  'regimes.*.maxPartnersPerBank': { kind: 'rule' },
  'regimes.*.bureauVisibility': { kind: 'assumption', why: 'the rule changes no bureau sharing; a lever for policy experiments' },
  'regimes.*.greyAccess': { kind: 'rule', why: 'the rule itself cut no payment channel to grey lenders (the January 2026 cut is a later regime: scenarios/guidance-2026.yaml)' },
  'regimes.*.feeEvasion': { kind: 'assumption', why: 'the rule is obeyed on the listed platforms (their books at a weighted 23.96%); the "24%+" membership fees of smaller apps are a lever for policy experiments' },

  // ------------------------------------------------------------------ outputs
  'outputs.*': { kind: 'setting' },
};
