/**
 * Step 3 of the month: borrowers seek loans; platforms score, price and route; banks accept or
 * decline; loans originate. The hot loop: indexed, no closures or allocation per borrower.
 */
import { ACTIVE } from '../agents/borrowers.js';
import { instalment, openLoan } from '../agents/loans.js';
import { canGuarantee } from '../market/guarantees.js';
import { balanceYears, copyQuote, copySplit, newQuote, newSplit, type Quote, type Split } from '../market/chain.js';
import { decide, quote } from '../market/application.js';
import type { RegimeView } from '../market/regime.js';
import { sampleSlot } from '../market/sample.js';
import { estimatePd } from '../market/scoring.js';
import { createFunderTables, loadFunderTables, nextFunder, resetOffers, type FunderTables } from '../market/waterfall.js';
import { refusedCredit } from './grey.js';
import type { Market } from './market.js';
import {
  aprBin, L_ACQUISITION, MARGIN_SUMS, REJECT_DECLINED, REJECT_NO_FUNDER, REJECT_RESERVATION, REJECT_SHOPPED, REJECT_UNPRICEABLE, type Tally,
} from './tally.js';

const q = newQuote();
const split = newSplit();
/**
 * Shopping scratch (borrowers.quotesCompared > 1): the cheapest approved quote so far, its split,
 * platform, bank, the bank's score and whether a guarantee covers it. Module-level and reused, so
 * the hot loop allocates nothing.
 */
const best = newQuote();
const bestSplit = newSplit();
/** What apply() leaves of its last approval beside q and split: the bank's score and the cover. */
const approval = { pd: 0, covered: false };
/** A new loan priced within this of the comprehensive cap counts as bunched under it (nearCapShare). */
export const NEAR_CAP = 0.01;

/**
 * Cumulative traffic over active platforms for each segment (traffic x the segment's affinity),
 * laid out [segment * P + j]; binary-searched per application.
 */
function trafficTables(m: Market): { cum: Float64Array; ids: Int32Array; n: Int32Array } {
  const pl = m.platforms;
  const P = pl.count;
  const cum = new Float64Array(3 * P);
  const ids = new Int32Array(3 * P);
  const n = new Int32Array(3);
  for (let s = 0; s < 3; s++) {
    let c = 0;
    let k = 0;
    for (let p = 0; p < P; p++) {
      const w = pl.traffic[p]! * pl.affinity[p * 3 + s]!;
      if (pl.active[p] === 0 || w <= 0) continue;
      c += w;
      cum[s * P + k] = c;
      ids[s * P + k++] = p;
    }
    for (let j = 0; j < k; j++) cum[s * P + j] = cum[s * P + j]! / c;
    n[s] = k;
  }
  return { cum, ids, n };
}

function pickPlatform(cum: Float64Array, ids: Int32Array, offset: number, n: number, u: number): number {
  let lo = offset;
  let hi = offset + n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid]! > u) hi = mid;
    else lo = mid + 1;
  }
  return ids[lo]!;
}

let funders: FunderTables | undefined;
let traffic: { cum: Float64Array; ids: Int32Array; n: Int32Array };
/** The month being stepped (stamps new loans for seasoning). */
let monthNow = 0;

/**
 * Run step 3 for month t: borrowers who seek this month by their propensity, then those the last
 * borrower pass found in need (debt service above threshold; they seek whatever their propensity,
 * and one refused turns to the grey market or takes the liquidity shock: grey.ts).
 */
export function seekLoans(m: Market, r: RegimeView, tally: Tally, t: number): void {
  const bo = m.borrowers;
  const sc = m.scenario.borrowers;
  const maxLoans = sc.maxConcurrentLoans;
  traffic = trafficTables(m);
  monthNow = t;
  const P = m.platforms.count;
  const maxOffers = m.scenario.platforms.maxOffersPerApplication;
  if (!funders || funders.count.length !== P || funders.tried.length !== maxOffers) funders = createFunderTables(P, maxOffers);
  loadFunderTables(funders, m, m.scenario.platforms.pricing.referenceFunderReturnAnnual);
  const seek = m.rng.seek;
  const N = bo.count;
  // Each borrower seeks with its own propensity p_i <= pMax. Rather than a draw per borrower, skip
  // ahead geometrically to the next borrower who would seek at pMax, then keep it with p_i / pMax
  // (thinning): the same Bernoulli(p_i) for every borrower, at a fraction of the draws.
  let pMax = 0;
  for (const p of m.segments.propensity) if (p > pMax) pMax = p;
  if (pMax > 0) {
    const logStay = pMax >= 1 ? 0 : Math.log1p(-pMax);
    for (let i = -1; ; ) {
      i += pMax >= 1 ? 1 : 1 + Math.floor(Math.log(1 - seek()) / logStay);
      if (i >= N) break;
      if (bo.status[i] !== ACTIVE || bo.loans[i]! >= maxLoans || bo.inNeed[i] === 1) continue;
      const p = bo.propensity[i]!;
      if (p < pMax && seek() * pMax >= p) continue;
      seekOne(m, r, tally, i, false);
    }
  }
  const need = m.need;
  for (let k = 0; k < need.count; k++) {
    const i = need.list[k]!;
    bo.inNeed[i] = 0;
    if (bo.status[i] !== ACTIVE) continue;
    if (bo.loans[i]! >= maxLoans) refusedCredit(m, r, tally, i, true);
    else seekOne(m, r, tally, i, true);
  }
  need.count = 0;
}

/**
 * Borrower i tries up to applicationsPerMonth platforms drawn by traffic. Without a loan, it turns to
 * the grey market (grey.ts) if it is in need or a lender refused it at least once (not one that
 * only walked away from prices above its reservation APR).
 */
function seekOne(m: Market, r: RegimeView, tally: Tally, i: number, inNeed: boolean): void {
  const seg = m.borrowers.segment[i]!;
  tally.seekers[seg]!++;
  const sc = m.scenario.borrowers;
  const offset = seg * m.platforms.count;
  const active = traffic.n[seg]!;
  const walkedBefore = tally.rejected[REJECT_RESERVATION]!;
  const appliedBefore = tally.applications;
  const got = sc.quotesCompared > 1
    ? shop(m, r, tally, funders!, i, traffic.cum, traffic.ids, offset, active, sc.applicationsPerMonth, sc.quotesCompared)
    : firstApproval(m, r, tally, funders!, i, traffic.cum, traffic.ids, offset, active, sc.applicationsPerMonth);
  if (got) return;
  tally.excluded[seg]!++;
  const lenderRefused = tally.applications - appliedBefore > tally.rejected[REJECT_RESERVATION]! - walkedBefore;
  if (inNeed || lenderRefused) refusedCredit(m, r, tally, i, inNeed);
}

/**
 * Version 1's seeker: up to `apps` platforms drawn by traffic, and the first approval is the loan.
 * @returns whether a loan was made.
 */
function firstApproval(
  m: Market, r: RegimeView, tally: Tally, f: FunderTables, i: number, cum: Float64Array, ids: Int32Array, offset: number, active: number, apps: number,
): boolean {
  for (let a = 0; a < apps && active > 0; a++) {
    const p = pickPlatform(cum, ids, offset, active, m.rng.routing());
    tally.applications++;
    const b = apply(m, r, tally, f, i, p);
    if (b >= 0) {
      originate(m, r, tally, q, split, i, b, p, approval.pd, approval.covered);
      return true;
    }
  }
  return false;
}

/**
 * A shopping seeker (DESIGN v2 "Shopping"): applies to up to `apps` platforms drawn by traffic
 * until it holds `compared` approved quotes (priced, within its reservation APR, accepted by a
 * funder), then takes the cheapest comprehensive APR (the first of equals); only that one
 * originates. A quote not taken was still offered to and accepted by its bank: it counts in the
 * pair's routing record (offered and accepted: the funder said yes) and in the ex-ante margin sums
 * (applications offered, accepted or not), but books nothing (no loan, no capacity used, no
 * platform revenue or markup learning), and its application ends as REJECT_SHOPPED.
 * @returns whether a loan was made.
 */
function shop(
  m: Market, r: RegimeView, tally: Tally, f: FunderTables, i: number, cum: Float64Array, ids: Int32Array, offset: number, active: number,
  apps: number, compared: number,
): boolean {
  let held = 0;
  let bestP = -1;
  let bestB = -1;
  let bestPd = 0;
  let bestCovered = false;
  for (let a = 0; a < apps && active > 0 && held < compared; a++) {
    const p = pickPlatform(cum, ids, offset, active, m.rng.routing());
    tally.applications++;
    const b = apply(m, r, tally, f, i, p);
    if (b < 0) continue;
    held++;
    if (bestP >= 0 && q.comprehensive >= best.comprehensive) continue;
    copyQuote(best, q);
    copySplit(bestSplit, split);
    bestP = p;
    bestB = b;
    bestPd = approval.pd;
    bestCovered = approval.covered;
  }
  if (bestP < 0) return false;
  tally.rejected[REJECT_SHOPPED] = tally.rejected[REJECT_SHOPPED]! + held - 1;
  originate(m, r, tally, best, bestSplit, i, bestB, bestP, bestPd, bestCovered);
  return true;
}

/**
 * The logit shift a scorer adds for the risk factors it can see: leverage after the new loan and
 * the applicant's other loans, each seen with chance `visibility` (capped at 1).
 */
function visibleShift(m: Market, i: number, principal: number, visibility: number): number {
  const bo = m.borrowers;
  const sc = m.scenario.borrowers;
  const vis = visibility > 1 ? 1 : visibility;
  const loans = bo.loans[i]!;
  let seen = 0;
  for (let j = 0; j < loans; j++) if (m.rng.scoresUniform() < vis) seen++;
  const debtSeen = loans > 0 ? (bo.debt[i]! * seen) / loans : 0;
  return (sc.betaDti * (debtSeen + principal)) / (12 * bo.incomeMonthly[i]!) + sc.betaLoans * seen;
}

/**
 * Borrower i applies at platform p: scored, priced into q, checked against its reservation APR and
 * routed down the funder waterfall until a bank accepts (its split in `split`, its score and the
 * cover in `approval`). Books no loan. @returns the accepting bank, or -1.
 */
function apply(m: Market, r: RegimeView, tally: Tally, f: FunderTables, i: number, p: number): number {
  const bo = m.borrowers;
  const pl = m.platforms;
  const banks = m.banks;
  const sc = m.scenario.borrowers;
  const rng = m.rng;
  // What the platform sees: a noisy score, income, and each other loan with the bureau's visibility.
  const income = bo.incomeMonthly[i]!;
  const principal = sc.loanToIncome * income;
  const shift = visibleShift(m, i, principal, pl.visibility[p]! * r.bureauVisibility);
  // Where the regime requires own risk control, banks score with their own credit-bureau view.
  const bankShift = r.ownRiskControl ? visibleShift(m, i, principal, m.scenario.banks.bureauVisibility * r.bureauVisibility) : shift;
  const seg = bo.segment[i]!;
  const logitPd = bo.logitPd[i]!;
  const mu = m.segments.logitPdMedian[seg]!;
  const ps = (p * 3 + seg) * 2;
  const pdHat = estimatePd(logitPd + pl.sigma[p]! * rng.scores(), mu, m.platformShrink[ps]!, m.platformShrink[ps + 1]!, shift);
  const covered = canGuarantee(r, pl, p, principal);
  const sample = m.samples[p]!;
  const slot = sampleSlot(sample, rng.scoresUniform);
  if (slot >= 0) {
    const s = sample.fill;
    s.principal[slot] = principal;
    s.logitPd[slot] = logitPd;
    s.segment[slot] = seg;
    s.shift[slot] = bankShift;
    s.pdHat[slot] = pdHat;
    s.reservationApr[slot] = bo.reservationApr[i]!;
  }
  if (!quote(q, m, r, p, seg, pdHat, principal, covered)) {
    tally.rejected[REJECT_UNPRICEABLE]!++;
    return -1;
  }
  if (q.comprehensive > bo.reservationApr[i]!) {
    tally.rejected[REJECT_RESERVATION]!++;
    return -1;
  }
  // The waterfall: partners in a weighted order until one accepts.
  resetOffers(f);
  const P = pl.count;
  const tech = pl.techFee[p]!;
  let offered = 0;
  for (let b = nextFunder(f, p, rng.routing); b >= 0; b = nextFunder(f, p, rng.routing)) {
    const k = b * P + p;
    // The exact caps, as the month's loans have filled them.
    if (m.pairBook[k]! + principal > banks.perPartnerCap[b]! || banks.outstanding[b]! + principal > banks.bookCap[b]!) continue;
    offered++;
    let pd = pdHat;
    if (r.ownRiskControl) {
      const bs = (b * 3 + seg) * 2;
      pd = estimatePd(logitPd + banks.sigma[b]! * rng.scores(), mu, m.bankShrink[bs]!, m.bankShrink[bs + 1]!, bankShift);
    }
    const accepted = decide(m, q, split, b, p, pd, covered);
    const ms = banks.type[b]! * MARGIN_SUMS;
    const t = tally.marginSums;
    t[ms] = t[ms]! + principal * q.nominal;
    t[ms + 1] = t[ms + 1]! + principal * banks.fundingCost[b]!;
    t[ms + 2] = t[ms + 2]! + principal * (split.revenueShare - tech);
    t[ms + 3] = t[ms + 3]! + principal * tech;
    t[ms + 4] = t[ms + 4]! + principal * split.expectedLossBorne;
    t[ms + 5] = t[ms + 5]! + principal;
    m.pairOffered[k] = m.pairOffered[k]! + 1;
    if (!accepted) continue;
    m.pairAccepted[k] = m.pairAccepted[k]! + 1;
    approval.pd = pd;
    approval.covered = covered;
    return b;
  }
  tally.rejected[offered === 0 ? REJECT_NO_FUNDER : REJECT_DECLINED]!++;
  return -1;
}

/** Book the loan of quote q (split `split`) from bank b through platform p to borrower i. */
function originate(
  m: Market, r: RegimeView, tally: Tally, q: Quote, split: Split, i: number, b: number, p: number, pdBank: number, covered: boolean,
): void {
  const principal = m.scenario.borrowers.loanToIncome * m.borrowers.incomeMonthly[i]!;
  const surplus = split.surplus;
  const book = m.loans;
  const term = m.termMonths;
  const k = openLoan(book);
  book.borrower[k] = i;
  book.bank[k] = b;
  book.platform[k] = p;
  book.balance[k] = principal;
  book.rate[k] = q.nominal;
  book.payment[k] = instalment(principal, q.nominal, term);
  book.feeRate[k] = q.serviceFee;
  book.guaranteeFeeRate[k] = q.guaranteeFee;
  book.shareRate[k] = split.revenueShare;
  book.pdHat[k] = pdBank;
  book.monthsLeft[k] = term;
  book.guaranteed[k] = covered ? 1 : 0;
  const bo = m.borrowers;
  bo.loans[i] = bo.loans[i]! + 1;
  bo.debt[i] = bo.debt[i]! + principal;
  bo.service[i] = bo.service[i]! + book.payment[k]!;
  bo.newestLoanMonth[i] = monthNow;
  const banks = m.banks;
  banks.outstanding[b] = banks.outstanding[b]! + principal;
  banks.originated[b] = banks.originated[b]! + principal;
  const pk = b * m.platforms.count + p;
  m.pairBook[pk] = m.pairBook[pk]! + principal;
  const pl = m.platforms;
  if (covered) pl.guaranteedBalance[p] = pl.guaranteedBalance[p]! + principal;
  pl.originationsMonth[p] = pl.originationsMonth[p]! + principal;
  pl.loansMonth[p] = pl.loansMonth[p]! + 1;
  const acquisition = pl.acquisitionCost[p]!;
  pl.profitMonth[p] = pl.profitMonth[p]! - acquisition;
  tally.ledger[L_ACQUISITION] = tally.ledger[L_ACQUISITION]! + acquisition;
  // What the platform learns its markup from: its expected profit on the loan, the principal, and
  // the markup it realized under the caps.
  const seg = bo.segment[i]!;
  const ms = p * 3 + seg;
  pl.markupProfit[ms] = pl.markupProfit[ms]! + pl.bargainingPower[p]! * surplus * principal * balanceYears(term);
  pl.markupVolume[ms] = pl.markupVolume[ms]! + principal;
  pl.markupRealized[ms] = pl.markupRealized[ms]! + principal * (q.comprehensive - q.floor);
  if (q.comprehensive - q.floor > pl.markupRealizedMax[ms]!) pl.markupRealizedMax[ms] = q.comprehensive - q.floor;
  tally.loansMade++;
  tally.volume += principal;
  tally.originationsByBank[b] = tally.originationsByBank[b]! + principal;
  tally.aprSum += principal * q.comprehensive;
  tally.nominalSum += principal * q.nominal;
  tally.hiddenSum += principal * q.hiddenFees;
  const tier = pl.tier[p]!;
  tally.volumeByTier[tier] = tally.volumeByTier[tier]! + principal;
  tally.aprSumByTier[tier] = tally.aprSumByTier[tier]! + principal * q.comprehensive;
  tally.revenueSumByTier[tier] = tally.revenueSumByTier[tier]! + principal * split.platformRevenue;
  tally.markupSumByTier[tier] = tally.markupSumByTier[tier]! + principal * (q.comprehensive - q.floor);
  tally.funderReturnSumByTier[tier] = tally.funderReturnSumByTier[tier]! + principal * m.funderReturn[b]!;
  tally.fundingCostSumByTier[tier] = tally.fundingCostSumByTier[tier]! + principal * (split.bankKeep - split.expectedLossBorne);
  tally.consumerSurplus += principal * (bo.reservationApr[i]! - q.comprehensive);
  // Bunched under the line: within NEAR_CAP of the cap on the comprehensive price in force (the
  // comprehensive cap, or the outer line where that is lower; none before the rule).
  if (r.comprehensiveCap < Infinity) {
    const line = r.comprehensiveCap < r.outerCap ? r.comprehensiveCap : r.outerCap;
    if (q.comprehensive > line - NEAR_CAP) tally.nearCapVolume += principal;
  }
  const bin = aprBin(q.comprehensive);
  tally.aprHist[bin] = tally.aprHist[bin]! + principal;
  if (q.comprehensive < tally.aprBinMin[bin]!) tally.aprBinMin[bin] = q.comprehensive;
  if (q.comprehensive > tally.aprBinMax[bin]!) tally.aprBinMax[bin] = q.comprehensive;
  tally.nominalHist[aprBin(q.nominal)] = tally.nominalHist[aprBin(q.nominal)]! + principal;
}
