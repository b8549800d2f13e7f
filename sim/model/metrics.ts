/**
 * Step 6: the month's metrics (CONTRACT.md names) from the tally and the state. Money is scaled back
 * up to the real market (divided by the run's scale). A ratio with nothing to measure is NaN.
 */
import { HEAD } from '../agents/platforms.js';
import { intPow } from '../math/intPow.js';
import { BANK_TYPES, SEGMENTS } from '../scenario/schema.js';
import type { Market } from './market.js';
import { BANK_SERIES_COUNT, MARGIN_PARTS, METRIC_COUNT, METRIC_INDEX, TIER_NAMES } from './metricNames.js';
import {
  APR_BIN_WIDTH, L_ACQUISITION, L_BANK_FIXED, L_FUNDING, L_GREY_INTEREST, L_GREY_LOSS, L_GUARANTEE_FEE, L_INTEREST, L_LOSS, L_PAYOUT, L_PLATFORM_FIXED,
  L_SERVICE, L_SHARE, LEDGER_SIZE, MARGIN_SUMS, REJECT_REASONS, type Tally,
} from './tally.js';

const ix = (name: string): number => {
  const i = METRIC_INDEX[name];
  if (i === undefined) throw new Error(`metrics: unknown metric ${name}`);
  return i;
};

const ratio = (a: number, b: number): number => (b > 0 ? a / b : NaN);

/**
 * Share of a balance that is non-performing. Balances are sums of many float additions and
 * subtractions, so a book that has run off leaves rounding residue: below one currency unit
 * (simulated) there is nothing to measure.
 */
function nplShare(npl: number, outstanding: number): number {
  if (!(outstanding > 1)) return NaN;
  const r = npl / outstanding;
  return r < 0 ? 0 : r > 1 ? 1 : r;
}

/** An active link: listed, the platform originates, the bank still lends. */
export function isActiveLink(m: Market, b: number, p: number): boolean {
  return m.platforms.active[p] === 1 && m.banks.lending[b] === 1;
}

/** Write 1 for every active (bank, platform) link into `out` (banks x platforms, row-major). */
export function activeLinkMatrix(m: Market, out: Float64Array): void {
  const P = m.platforms.count;
  out.fill(0);
  m.banks.partners.forEach((list, b) => {
    for (const p of list) if (isActiveLink(m, b, p)) out[b * P + p] = 1;
  });
}

/** Active partners of bank b, and how many of them are head platforms. */
export function activePartners(m: Market, b: number): { all: number; head: number } {
  let all = 0;
  let head = 0;
  for (const p of m.banks.partners[b]!) {
    if (!isActiveLink(m, b, p)) continue;
    all++;
    if (m.platforms.tier[p] === HEAD) head++;
  }
  return { all, head };
}

/**
 * Volume-weighted quantile of a histogram: linear within the bin where the cumulative weight crosses
 * q, clamped to the lowest and highest value seen in that bin (so it is exact when the bin holds one
 * value, as it does when a cap binds).
 */
export function histogramQuantile(hist: Float64Array, binMin: Float64Array, binMax: Float64Array, q: number, width: number): number {
  let total = 0;
  for (const v of hist) total += v;
  if (total <= 0) return NaN;
  const target = q * total;
  let acc = 0;
  for (let k = 0; k < hist.length; k++) {
    const v = hist[k]!;
    if (acc + v >= target && v > 0) {
      const x = (k + (target - acc) / v) * width;
      return x < binMin[k]! ? binMin[k]! : x > binMax[k]! ? binMax[k]! : x;
    }
    acc += v;
  }
  return binMax[hist.length - 1]!;
}

/** Fill `row` (METRIC_COUNT values) for the month just stepped. */
export function recordMetrics(m: Market, tally: Tally, row: Float64Array): void {
  const banks = m.banks;
  const pl = m.platforms;
  const up = 1 / m.scale;
  const set = (name: string, v: number) => (row[ix(name)] = v);
  row.fill(NaN, 0, METRIC_COUNT);

  // Structure.
  let links = 0;
  let headLinks = 0;
  const partnersByType = new Float64Array(5);
  const banksByType = new Float64Array(5);
  const zeroByType = new Float64Array(5);
  for (let b = 0; b < banks.count; b++) {
    const { all, head } = activePartners(m, b);
    const t = banks.type[b]!;
    links += all;
    headLinks += head;
    partnersByType[t]! += all;
    banksByType[t]!++;
    if (all === 0) zeroByType[t]!++;
  }
  set('links', links);
  set('partnersPerBank', ratio(links, banks.count));
  set('zeroPartnerBankShare', ratio(zeroByType.reduce((a, v) => a + v, 0), banks.count));
  BANK_TYPES.forEach((name, t) => {
    set(`partnersPerBank.${name}`, ratio(partnersByType[t]!, banksByType[t]!));
    set(`zeroPartnerBankShare.${name}`, ratio(zeroByType[t]!, banksByType[t]!));
  });
  set('headShareOfLinks', ratio(headLinks, links));
  set('headShareOfVolume', ratio(tally.volumeByTier[HEAD]!, tally.volume));
  let platformHHI = 0;
  let activePlatforms = 0;
  const profitByTier = new Float64Array(TIER_NAMES.length);
  const platformsByTier = new Float64Array(TIER_NAMES.length);
  for (let p = 0; p < pl.count; p++) {
    platformsByTier[pl.tier[p]!]!++;
    const s = ratio(pl.originationsMonth[p]!, tally.volume);
    if (pl.loansMonth[p]! > 0) activePlatforms++;
    if (s > 0) platformHHI += s * s;
    profitByTier[pl.tier[p]!]! += pl.profitMonth[p]!;
  }
  let bankHHI = 0;
  for (let b = 0; b < banks.count; b++) {
    const s = ratio(tally.originationsByBank[b]!, tally.volume);
    if (s > 0) bankHHI += s * s;
  }
  set('platformHHI', tally.volume > 0 ? platformHHI : NaN);
  set('bankHHI', tally.volume > 0 ? bankHHI : NaN);
  set('activePlatforms', activePlatforms);

  // Credit.
  let outstanding = 0;
  let npl = 0;
  const outByType = new Float64Array(5);
  const nplByType = new Float64Array(5);
  for (let b = 0; b < banks.count; b++) {
    const t = banks.type[b]!;
    outstanding += banks.outstanding[b]!;
    npl += banks.nonPerforming[b]!;
    outByType[t]! += banks.outstanding[b]!;
    nplByType[t]! += banks.nonPerforming[b]!;
  }
  set('originations', tally.volume * up);
  set('outstanding', outstanding * up);
  set('approvalRate', ratio(tally.loansMade, tally.applications));
  let seekers = 0;
  let excluded = 0;
  SEGMENTS.forEach((name, s) => {
    seekers += tally.seekers[s]!;
    excluded += tally.excluded[s]!;
    set(`exclusionRate.${name}`, ratio(tally.excluded[s]!, tally.seekers[s]!));
  });
  set('exclusionRate', ratio(excluded, seekers));
  set('aprMean', ratio(tally.aprSum, tally.volume));
  TIER_NAMES.forEach((name, tier) => {
    const vol = tally.volumeByTier[tier]!;
    set(`aprMean.${name}`, ratio(tally.aprSumByTier[tier]!, vol));
    // A tier the scenario gives no platforms has nothing to measure (NaN, n = 0), not 0.
    set(`originations.${name}`, platformsByTier[tier]! > 0 ? vol * up : NaN);
    set(`platformRevenueRate.${name}`, ratio(tally.revenueSumByTier[tier]!, vol));
    // The month's new loans (the platforms' own learning windows span several months).
    set(`markupMean.${name}`, ratio(tally.markupSumByTier[tier]!, vol));
    set(`funderReturn.${name}`, ratio(tally.funderReturnSumByTier[tier]!, vol));
    set(`fundingCost.${name}`, ratio(tally.fundingCostSumByTier[tier]!, vol));
  });
  set('consumerSurplus', tally.consumerSurplus * up);
  set('nearCapShare', tally.volume > 0 ? tally.nearCapVolume / tally.volume : NaN);
  set('takeRate', ratio(tally.revenueSumByTier.reduce((a, v) => a + v, 0), tally.volume));
  set('aprP90', histogramQuantile(tally.aprHist, tally.aprBinMin, tally.aprBinMax, 0.9, APR_BIN_WIDTH));
  set('nominalAprMean', ratio(tally.nominalSum, tally.volume));
  // The nominal-to-comprehensive gap that is hidden: fees the regime does not count in its cap
  // (a licensed guarantee fee inside the 24% is part of the disclosed price, not a hidden fee).
  set('hiddenFeeGap', ratio(tally.hiddenSum, tally.volume));

  // Risk.
  const monthlyDefault = ratio(tally.defaults, tally.borrowersWithLoans);
  set('defaultRate', Number.isNaN(monthlyDefault) ? NaN : 1 - intPow(1 - monthlyDefault, 12));
  set('nplRatio', nplShare(npl, outstanding));
  set('dpd90plus', nplShare(npl, outstanding));
  let yearAgo = 0;
  for (let b = 0; b < banks.count; b++) yearAgo += banks.outstandingYearAgo[b]!;
  set('nplRatioLagged', yearAgo > 1 ? npl / yearAgo : NaN);
  const capitalByType = new Float64Array(5);
  const nplLaggedByType = new Float64Array(5);
  const nplCountByType = new Float64Array(5);
  let bankProfit = 0;
  for (let b = 0; b < banks.count; b++) {
    const t = banks.type[b]!;
    capitalByType[t]! += banks.capital[b]!;
    bankProfit += banks.pnlMonth[b]!;
    const l = banks.nplLagged[b]!;
    if (!Number.isNaN(l)) {
      nplLaggedByType[t]! += l;
      nplCountByType[t]!++;
    }
  }
  BANK_TYPES.forEach((name, t) => {
    set(`bankCapital.${name}`, ratio(capitalByType[t]!, banksByType[t]!) * up);
    set(`bankNpl.${name}`, ratio(nplLaggedByType[t]!, nplCountByType[t]!));
  });
  set('bankProfit', bankProfit * up);
  set('ledgerResidual', ledgerResidual(ledgerBalances(m, tally)));
  // Borrowers as people: the share (not in default) holding a formal loan, by segment, counted by
  // the default pass (no borrower pass of its own).
  const active = tally.activeBySegment;
  const holding = tally.formalBySegment;
  const activeAll = active[0]! + active[1]! + active[2]!;
  set('formalBorrowerShare', ratio(holding[0]! + holding[1]! + holding[2]!, activeAll));
  SEGMENTS.forEach((name, s) => set(`formalBorrowerShare.${name}`, ratio(holding[s]!, active[s]!)));
  // (v2) Arrears, rollover and the grey market.
  set('dpd1to30', nplShare(tally.arrearsBalance[0]!, outstanding));
  set('dpd31to60', nplShare(tally.arrearsBalance[1]!, outstanding));
  set('dpd61to90', nplShare(tally.arrearsBalance[2]!, outstanding));
  set('firstPaymentDefault', ratio(tally.firstPaymentsMissed, tally.firstPaymentsDue));
  const grey = tally.greyBySegment;
  set('greyBorrowerShare', ratio(grey[0]! + grey[1]! + grey[2]!, activeAll));
  const refused = tally.refusedInNeed;
  set('refusedInNeedShare', ratio(refused[0]! + refused[1]! + refused[2]!, activeAll));
  SEGMENTS.forEach((name, s) => {
    set(`greyBorrowerShare.${name}`, ratio(grey[s]!, active[s]!));
    set(`greyOnlyBorrowerShare.${name}`, ratio(tally.greyOnlyBySegment[s]!, active[s]!));
    set(`refusedInNeedShare.${name}`, ratio(refused[s]!, active[s]!));
  });
  set('greyOriginations', tally.greyVolume * up);
  set('greyAprMean', ratio(tally.greyAprSum, tally.greyVolume));
  set('greyInterest', tally.ledger[L_GREY_INTEREST]! * up);
  set('greyLosses', tally.greyLosses * up);
  // The need list the month's borrower pass left for next month's seeking.
  set('inNeedShare', ratio(m.need.count, activeAll));
  set('liquidityDefaultShare', ratio(tally.defaultsAfterRefusal, tally.defaults));
  BANK_TYPES.forEach((name, t) => set(`nplRatio.${name}`, nplShare(nplByType[t]!, outByType[t]!)));
  // Borrowers with loans as the default draw saw them (after the month's originations).
  const withLoans = tally.borrowersWithLoans;
  let multi = 0;
  let loanCount = 0;
  tally.exposureByLoans.forEach((count, l) => {
    loanCount += l * count;
    if (l >= 2) multi += count;
  });
  set('meanConcurrentLoans', ratio(loanCount, withLoans));
  set('multiBorrowerShare', ratio(multi, withLoans));
  set('multiBorrowerDefaultShare', ratio(tally.defaultsMulti, tally.defaults));
  set('bankLossShare', ratio(tally.lossesBanks, tally.losses));
  set('creditLosses', tally.losses * up);
  set('lossesBorneByBanks', tally.lossesBanks * up);
  set('lossesBorneByGuarantees', tally.lossesGuarantees * up);

  // Profit: the ex-ante margin waterfall over the applications offered to each bank type. Fixed
  // costs a year are spread over the type's volume: its performing book, or the steady book the
  // month's offered principal would build if larger (a type that is being offered loans but has
  // little book yet still spreads its costs over what it is offered, and one month's thin offers
  // do not blow the ratio up).
  const term = m.scenario.borrowers.termMonths;
  const performingByType = new Float64Array(5);
  for (let t = 0; t < 5; t++) performingByType[t] = outByType[t]! - nplByType[t]!;
  const bookCapByType = new Float64Array(5);
  for (let b = 0; b < banks.count; b++) bookCapByType[banks.type[b]!]! += banks.bookCap[b]!;
  BANK_TYPES.forEach((name, t) => {
    const base = t * MARGIN_SUMS;
    const vol = tally.marginSums[base + 5]!;
    // A type with nothing offered, or whose volume is below 0.1% of its internet-book capacity, has
    // left the business: its margins are left out (NaN) rather than fixed costs over almost nothing.
    const volume = Math.max(performingByType[t]!, (vol * (term + 1)) / 2);
    if (!(vol > 0) || volume < 0.001 * bookCapByType[t]!) return;
    const parts = {
      apr: tally.marginSums[base]! / vol,
      funding: tally.marginSums[base + 1]! / vol,
      take: tally.marginSums[base + 2]! / vol,
      techFee: tally.marginSums[base + 3]! / vol,
      losses: tally.marginSums[base + 4]! / vol,
      listCost: (12 * tally.fixedCostByType[t]!) / volume,
      net: 0,
    };
    parts.net = parts.apr - parts.funding - parts.take - parts.techFee - parts.losses - parts.listCost;
    for (const part of MARGIN_PARTS) set(`margin.${name}.${part}`, parts[part]);
  });
  // A tier with no platforms has no profit to measure (NaN, n = 0), not a profit of 0.
  TIER_NAMES.forEach((name, tier) => set(`platformProfit.${name}`, platformsByTier[tier]! > 0 ? profitByTier[tier]! * up : NaN));
  set('borrowersWithLoans', withLoans * up);
  set('applications', tally.applications * up);
  set('loansMade', tally.loansMade * up);
  REJECT_REASONS.forEach((why, k) => set(`rejectedShare.${why}`, ratio(tally.rejected[k]!, tally.applications)));
}

/** Per named bank: active partners, head share of them, NPL ratio. */
export function recordBanks(m: Market, out: Float64Array, offset: number): void {
  m.banks.named.forEach((b, j) => {
    const { all, head } = activePartners(m, b);
    const o = offset + j * BANK_SERIES_COUNT;
    out[o] = all;
    out[o + 1] = ratio(head, all);
    out[o + 2] = nplShare(m.banks.nonPerforming[b]!, m.banks.outstanding[b]!);
  });
}

/**
 * The month's money identity, agent class by agent class: each class's own account (banks' capital
 * change plus dividends, guarantors' capital change, platforms' profit) against what the ledger's
 * flows (tally.ts, L_*) say it should be, and the borrowers' and the outside world's net positions
 * from the ledger. Every flow has a payer and a payee, so the five `own` figures sum to zero when
 * every flow is booked once into each party's account.
 */
export interface LedgerBalances {
  /** What each class's own account says: banks, guarantors, platforms, borrowers, outside. */
  readonly own: [number, number, number, number, number];
  /** What the ledger says each class's account should be, in the same order. */
  readonly expected: [number, number, number, number, number];
  /** Sum of the absolute flows of the month. */
  readonly gross: number;
}

export function ledgerBalances(m: Market, tally: Tally): LedgerBalances {
  const L = tally.ledger;
  const banks = m.banks;
  const pl = m.platforms;
  let bankCapital = 0;
  let dividends = 0;
  for (let b = 0; b < banks.count; b++) {
    bankCapital += banks.capital[b]!;
    dividends += banks.dividendMonth[b]!;
  }
  let guaranteeCapital = 0;
  let platformProfit = 0;
  for (let p = 0; p < pl.count; p++) {
    guaranteeCapital += pl.guaranteeCapital[p]!;
    platformProfit += pl.profitMonth[p]!;
  }
  const borrowers = L[L_LOSS]! + L[L_GREY_LOSS]! - L[L_INTEREST]! - L[L_SERVICE]! - L[L_GUARANTEE_FEE]! - L[L_GREY_INTEREST]!;
  // The outside world: depositors, suppliers of the fixed costs, and the grey lenders.
  const outside = L[L_FUNDING]! + L[L_BANK_FIXED]! + L[L_ACQUISITION]! + L[L_PLATFORM_FIXED]! + L[L_GREY_INTEREST]! - L[L_GREY_LOSS]!;
  let gross = 0;
  for (let k = 0; k < LEDGER_SIZE; k++) gross += Math.abs(L[k]!);
  return {
    own: [bankCapital - tally.bankCapitalStart + dividends, guaranteeCapital - tally.guaranteeCapitalStart, platformProfit, borrowers, outside],
    expected: [
      L[L_INTEREST]! - L[L_SHARE]! - L[L_FUNDING]! - L[L_LOSS]! + L[L_PAYOUT]! - L[L_BANK_FIXED]!,
      L[L_GUARANTEE_FEE]! - L[L_PAYOUT]!,
      L[L_SHARE]! + L[L_SERVICE]! - L[L_ACQUISITION]! - L[L_PLATFORM_FIXED]!,
      borrowers,
      outside,
    ],
    gross,
  };
}

/** |sum of every class's own account| over the month's gross flows (0 when the money adds up). */
export function ledgerResidual(l: LedgerBalances): number {
  if (!(l.gross > 0)) return NaN;
  let sum = 0;
  for (const v of l.own) sum += v;
  return Math.abs(sum) / l.gross;
}
