/**
 * The ten stylized facts of the seed (CALIBRATION.md, F1-F10), checked against an experiment's
 * summary: each gets its headline value and range, whether it holds, and the sub-checks it is made
 * of (a fact holds when every check holds). A fact that needs a named bank the scenario lacks is
 * not applicable: value null, holds false, and it says so. Values are ratios or differences of the
 * means across runs; ranges are for the mean (CALIBRATION.md: "Ranges are for the mean across runs").
 * An open side of a range is null in JSON.
 */
import type { Stat } from './stat.js';
import type { BankSummary, Fact, FactsFn, MonthlyMean, Summary } from './summary.js';

/** One condition of a fact. */
export interface FactCheck {
  what: string;
  value: number | null;
  range: [number | null, number | null];
  holds: boolean;
}

/** A fact with its checks and whether it applies to the scenario. */
export interface CheckedFact extends Fact {
  applicable: boolean;
  checks: FactCheck[];
}

type Base = Omit<Summary, 'facts' | 'modelChecks'>;

const mean = (s: Stat | undefined): number | null => (s && s.n > 0 ? s.mean : null);
const ratio = (a: number | null, b: number | null): number | null => (a === null || b === null || b === 0 ? null : a / b);
const diff = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a - b);

function check(what: string, value: number | null, lo: number | null, hi: number | null): FactCheck {
  const holds = value !== null && Number.isFinite(value) && (lo === null || value >= lo) && (hi === null || value <= hi);
  return { what, value, range: [lo, hi], holds };
}

/** A check that a value is strictly above zero (range [0, null], zero itself fails). */
function positive(what: string, value: number | null): FactCheck {
  return { what: `${what} > 0`, value, range: [0, null], holds: value !== null && Number.isFinite(value) && value > 0 };
}

/** A check that a statistic's whole 95% interval lies above zero. */
function ciAbove(what: string, s: Stat | undefined): FactCheck {
  return positive(`${what}: lower end of the 95% interval`, s && s.n > 0 && s.ci95 ? s.ci95[0] : null);
}

function fact(id: string, statement: string, headline: FactCheck, more: FactCheck[] = []): CheckedFact {
  const checks = [headline, ...more];
  return {
    id, statement, value: headline.value, range: headline.range,
    holds: checks.every((c) => c.holds), applicable: true, checks,
  };
}

/** A fact whose mechanism is not built yet: not applicable, and it says why. */
function pending(id: string, statement: string, why: string): CheckedFact {
  return { id, statement: `${statement} (not applicable: ${why})`, value: null, range: [null, null], holds: false, applicable: false, checks: [] };
}

function notApplicable(id: string, statement: string, missing: string[]): CheckedFact {
  return {
    id, statement: `${statement} (not applicable: the scenario has no ${missing.join(', ')})`,
    value: null, range: [null, null], holds: false, applicable: false, checks: [],
  };
}

const CITY_BANKS = ['urumqi', 'longjiang', 'ganzhou', 'guiyang'];

/** F0-F14 for a summary (the policy arm unless a fact says otherwise). */
export function stylizedFacts(s: Base, monthly?: MonthlyMean): CheckedFact[] {
  const before = s.arms.policy.beforeRule;
  const after = s.arms.policy.afterRule;
  const end = s.arms.policy.end;
  const eff = s.effect;
  const bank = (id: string): BankSummary | undefined => s.banks.find((b) => b.id === id);
  const m = (block: Record<string, Stat>, name: string) => mean(block[name]);
  const facts: CheckedFact[] = [];

  const F1 = 'the internet bank (Yillion-like) keeps about a fifth of its partners';
  const y = bank('yillion');
  facts.push(y
    ? fact('F1', F1, check('yillion partners end / before the rule', ratio(mean(y.partnersEnd), mean(y.partnersBeforeRule)), 0.1, 0.3))
    : notApplicable('F1', F1, ['yillion bank']));

  const F2 = 'the partners that survive are head platforms';
  facts.push(y
    ? fact('F2', F2, check('yillion head share of partners at the end', mean(y.headShareEnd), 0.8, 1), [
      positive('effect on headShareOfLinks', mean(eff['headShareOfLinks'])),
      ciAbove('effect on headShareOfLinks', eff['headShareOfLinks']),
    ])
    : notApplicable('F2', F2, ['yillion bank']));

  const F3 = 'small high-cost city banks leave the business';
  const missingCity = CITY_BANKS.filter((id) => !bank(id));
  facts.push(missingCity.length === 0
    ? fact('F3', F3, check('zeroPartnerBankShare.city at the end', m(end, 'zeroPartnerBankShare.city'), 0.5, 1),
      CITY_BANKS.map((id) => check(`${id} partners at the end`, mean(bank(id)!.partnersEnd), 0, 1)))
    : notApplicable('F3', F3, missingCity.map((id) => `${id} bank`)));

  facts.push(fact('F4', 'low-cost large banks stay',
    check('partnersPerBank.large end / before the rule', ratio(m(end, 'partnersPerBank.large'), m(before, 'partnersPerBank.large')), 0.7, null)));

  facts.push(fact('F5', 'hidden fees vanish and prices converge under the cap',
    check('aprMean.tail before the rule', m(before, 'aprMean.tail'), 0.27, 0.33), [
      check('hiddenFeeGap before the rule', m(before, 'hiddenFeeGap'), 0.02, 0.09),
      check('aprP90 at the end', m(end, 'aprP90'), null, 0.24),
      check('hiddenFeeGap at the end', m(end, 'hiddenFeeGap'), null, 0.001),
      check('aprMean at the end', m(end, 'aprMean'), 0.18, 0.235),
    ]));

  const cityNet = m(after, 'margin.city.net');
  facts.push(fact('F6', '"basically no profit" for city banks in the rule\'s first months',
    check('margin.city.net in the first 3 months of the rule', cityNet, -0.03, 0.01), [
      positive('margin.large.net - margin.city.net in the first 3 months', diff(m(after, 'margin.large.net'), cityNet)),
    ]));

  facts.push(fact('F7', 'credit shrinks and the riskiest lose access first',
    check('originations end / before the rule', ratio(m(end, 'originations'), m(before, 'originations')), 0.5, 0.95), [
      positive('effect on exclusionRate.subprime', mean(eff['exclusionRate.subprime'])),
      ciAbove('effect on exclusionRate.subprime', eff['exclusionRate.subprime']),
      positive('effect on exclusionRate.subprime - effect on exclusionRate.prime',
        diff(mean(eff['exclusionRate.subprime']), mean(eff['exclusionRate.prime']))),
    ]));

  facts.push(fact('F8', 'concentration rises',
    positive('effect on platformHHI', mean(eff['platformHHI'])), [
      ciAbove('effect on platformHHI', eff['platformHHI']),
      check('headShareOfVolume at the end', m(end, 'headShareOfVolume'), 0.76, 1),
    ]));

  const multi = m(before, 'multiBorrowerShare');
  facts.push(fact('F9', 'multi-borrowers drive defaults',
    check('multiBorrowerShare before the rule', multi, 0.14, 0.49), [
      positive('multiBorrowerDefaultShare - multiBorrowerShare before the rule', diff(m(before, 'multiBorrowerDefaultShare'), multi)),
    ]));

  facts.push(fact('F10', 'tail platforms exit',
    check('activePlatforms end / before the rule', ratio(m(end, 'activePlatforms'), m(before, 'activePlatforms')), 0.2, 0.6)));

  // Version 2: the market's size, and the record after the rule.
  const cf = s.arms.counterfactual.beforeRule;
  facts.push(fact('F0', 'the market is the real market\'s size (RMB 3.5 tn outstanding, iResearch 2024)',
    check('outstanding before the rule (policy arm), RMB', m(before, 'outstanding'), 2.5e12, 4.5e12), [
      check('outstanding before the rule (counterfactual arm), RMB', m(cf, 'outstanding'), 2.5e12, 4.5e12),
    ]));
  const F11 = 'delinquency rises first (early delinquency in months 1-6 of the rule 1.3-2.5 x its level before; flat without the rule)';
  if (monthly) {
    const early = (arm: 'policy' | 'counterfactual') => {
      const a = monthly(arm, 'dpd1to30', s.ruleStartMonth + 1, s.ruleStartMonth + 7);
      const b = monthly(arm, 'dpd31to60', s.ruleStartMonth + 1, s.ruleStartMonth + 7);
      return a === null || b === null ? null : a + b;
    };
    const beforeEarly = (block: Record<string, Stat>) => {
      const a = m(block, 'dpd1to30');
      const b = m(block, 'dpd31to60');
      return a === null || b === null ? null : a + b;
    };
    facts.push(fact('F11', F11,
      check('dpd1to30 + dpd31to60, months 1-6 of the rule / before the rule', ratio(early('policy'), beforeEarly(before)), 1.3, 2.5), [
        check('the same without the rule (counterfactual arm)', ratio(early('counterfactual'), beforeEarly(cf)), 0.9, 1.1),
      ]));
  } else {
    facts.push(pending('F11', F11, 'it reads months 1-6 of the rule, which only the monthly series has'));
  }
  const rest = (block: Record<string, Stat>) => diff(m(block, 'originations'), m(block, 'originations.head'));
  facts.push(fact('F12', 'the head holds, the rest collapses',
    check('originations.head in the first 3 months of the rule / before', ratio(m(after, 'originations.head'), m(before, 'originations.head')), 0.85, null), [
      check('non-head originations in the first 3 months of the rule / before', ratio(rest(after), rest(before)), 0.15, 0.7),
    ]));
  facts.push(fact('F13', 'honest prices, bunched under the line',
    check('aprMean.head before the rule', m(before, 'aprMean.head'), 0.15, 0.23), [
      check('nearCapShare at the end', m(end, 'nearCapShare'), 0.3, 1),
    ]));
  const greyBefore = m(before, 'greyBorrowerShare');
  const greyEnd = m(end, 'greyBorrowerShare');
  facts.push(fact('F14', 'the excluded go grey (grey borrowers at least double, 2-15% of borrowers, grey APR >= 100%)',
    check('greyBorrowerShare at the end', greyEnd, 0.02, 0.15), [
      check('greyBorrowerShare end / before the rule', ratio(greyEnd, greyBefore), 2, null),
      check('greyAprMean at the end', m(end, 'greyAprMean'), 1, null),
    ]));
  return facts;
}

/** The facts hook of the summary (FactsFn). */
export const summaryFacts: FactsFn = (s, monthly) => stylizedFacts(s, monthly);

/**
 * S1, a check of the model itself: without the rule the market stays put. Counterfactual arm:
 * links, originations and partnersPerBank at the end within 10% of before the rule.
 */
export function stationarityChecks(s: Base): FactCheck[] {
  const c = s.arms.counterfactual;
  return ['links', 'originations', 'partnersPerBank'].map((name) =>
    check(`S1: counterfactual ${name} end / before the rule`, ratio(mean(c.end[name]), mean(c.beforeRule[name])), 0.9, 1.1));
}
