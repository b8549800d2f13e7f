/**
 * Step 4 of the month: defaults, repayments, write-offs, and the split of losses between platform
 * guarantees and banks.
 *
 * Default hazard (DESIGN.md): logit(pdEff) = logit(pd) + betaDti * dti + betaLoans * (loans - 1)
 * (+ the macro shock and any liquidity shock), monthly hazard = 1 - (1 - pdEff)^(1/12), dti = debt /
 * annual income; grey loans count in debt and loans. (v2) A current borrower misses a payment with
 * that hazard x seasoning x missScale, and defaults after three months in arrears uncured (so the
 * annual default probability keeps its meaning). A borrower in arrears pays nothing (its loans'
 * terms stand still; the bank still funds them). A default is a cross-default: every loan of the
 * borrower turns non-performing at once, and the loss (lgd x balance) is booked then; the balance is
 * written off writeOffMonths later, the recovery (1 - lgd) counted as repaid. Interest and fees
 * accrue month by month on performing balances; the bank pays its funding cost on every balance it
 * carries, performing or not.
 *
 * Every flow is booked once into the month's ledger (tally.ts, L_*), and into the accounts of the
 * two parties to it: the bank's profit and loss, the platform's profit, the guarantor's capital.
 */
import { ACTIVE, ARREARS_1, ARREARS_3, drawBorrower, IN_DEFAULT } from '../agents/borrowers.js';
import { FREE, moveLoan, NON_PERFORMING } from '../agents/loans.js';
import { payFromGuarantee } from '../market/guarantees.js';
import { monthlyHazardOfLogit } from '../market/curves.js';
import { defaultGrey, payGrey } from './grey.js';
import type { Market } from './market.js';
import { L_FUNDING, L_GUARANTEE_FEE, L_INTEREST, L_LOSS, L_PAYOUT, L_SERVICE, L_SHARE, type Tally } from './tally.js';

/** Monthly decay of the pair loss ledgers the banks learn from (about a year's memory). */
export const LOSS_MEMORY = 0.92;
/** Monthly decay of the offers and acceptances a platform routes by (about a quarter's memory). */
export const OFFER_MEMORY = 0.7;

/**
 * The borrower pass of month t (DESIGN v2, "Delinquency before default"): each borrower with a
 * loan (formal or grey) who is current misses this month's payment with the missed-payment hazard
 * (the default hazard of its leverage, loans, the macro shock and any liquidity shock, times the
 * seasoning of its newest loan, times its segment's missScale); one in arrears cures with its
 * segment's cure rate or rolls to the next bucket, and from 61-90 days past due to default (a
 * cross-default: serviceLoans books every loan of it non-performing). A current borrower pays its
 * grey instalment; one whose debt service is above its segment's threshold is flagged in need for
 * next month's seeking. Borrowers whose time out of the market after a default is over are replaced
 * by new ones of the same segment (they seek credit from next month on).
 */
export function drawDefaults(m: Market, t: number, macroShift: number, tally: Tally): void {
  const bo = m.borrowers;
  const sc = m.scenario.borrowers;
  const seg3 = m.segments;
  const u = m.rng.defaults;
  const betaDti = sc.betaDti;
  const betaLoans = sc.betaLoans;
  const reentry = sc.reentryMonths;
  const seasoning = m.seasoning;
  const lastAge = seasoning.length - 1;
  const shockPerMonth = sc.liquidityShock / sc.liquidityMonths;
  const greyRate = sc.grey.aprAnnual / 12;
  const lgd = sc.lgd;
  const need = m.need;
  const needList = need.list;
  let needCount = 0;
  // The borrower arrays and the per-segment tables, hoisted; the month's counts kept in locals
  // (whole numbers: the order of counting cannot change them).
  const status = bo.status;
  const segment = bo.segment;
  const shockLeft = bo.shockLeft;
  const loansOf = bo.loans;
  const greyLeft = bo.greyLeft;
  const incomeMonthly = bo.incomeMonthly;
  const debt = bo.debt;
  const greyBalance = bo.greyBalance;
  const logitPd = bo.logitPd;
  const newestLoanMonth = bo.newestLoanMonth;
  const service = bo.service;
  const inNeed = bo.inNeed;
  const missScale = seg3.missScale;
  const cureRate = seg3.cureRate;
  const rolloverThreshold = seg3.rolloverThreshold;
  const activeBySegment = tally.activeBySegment;
  const greyBySegment = tally.greyBySegment;
  const greyOnlyBySegment = tally.greyOnlyBySegment;
  const formalBySegment = tally.formalBySegment;
  const exposureByLoans = tally.exposureByLoans;
  let withLoans = 0;
  let firstDue = 0;
  let firstMissed = 0;
  const N = bo.count;
  for (let i = 0; i < N; i++) {
    const st = status[i]!;
    if (st === IN_DEFAULT) {
      if (bo.reentryMonth[i]! <= t) drawBorrower(bo, i, segment[i]!, seg3, m.rng.populationNormal);
      continue;
    }
    const seg = segment[i]!;
    activeBySegment[seg]!++;
    const shock = shockLeft[i]!;
    if (shock > 0) shockLeft[i] = shock - 1;
    const loans = loansOf[i]!;
    const grey = greyLeft[i]! > 0 ? 1 : 0;
    if (loans + grey === 0) continue;
    if (grey === 1) {
      greyBySegment[seg]!++;
      if (loans === 0) greyOnlyBySegment[seg]!++;
    }
    if (loans > 0) {
      formalBySegment[seg]!++;
      withLoans++;
      exposureByLoans[loans]!++;
    }
    const draw = u();
    if (st === ACTIVE) {
      const income = incomeMonthly[i]!;
      const dti = (debt[i]! + greyBalance[i]!) / (12 * income);
      const x = logitPd[i]! + betaDti * dti + betaLoans * (loans + grey - 1) + macroShift + shockPerMonth * shock;
      let age = loans > 0 ? t - newestLoanMonth[i]! : 1;
      if (age > lastAge) age = lastAge;
      const fresh = loans > 0 && age === 0;
      if (fresh) firstDue++;
      if (draw < monthlyHazardOfLogit(x) * seasoning[age]! * missScale[seg]!) {
        status[i] = ARREARS_1;
        if (fresh) firstMissed++;
        continue;
      }
      if (grey === 1) payGrey(bo, i, greyRate, tally);
      if (service[i]! > rolloverThreshold[seg]! * income) {
        inNeed[i] = 1;
        needList[needCount++] = i;
      }
      continue;
    }
    // In arrears: cure (pay up, current again) or roll; three months uncured is default.
    if (draw < cureRate[seg]!) {
      status[i] = ACTIVE;
      if (grey === 1) payGrey(bo, i, greyRate, tally);
      continue;
    }
    if (st !== ARREARS_3) {
      status[i] = st + 1;
      continue;
    }
    status[i] = IN_DEFAULT;
    bo.reentryMonth[i] = t + reentry;
    inNeed[i] = 0;
    if (grey === 1) defaultGrey(bo, i, lgd, tally);
    if (loans === 0) continue;
    tally.defaults++;
    if (shock > 0) tally.defaultsAfterRefusal++;
    if (loans >= 2) tally.defaultsMulti++;
    tally.defaultsByLoans[loans] = tally.defaultsByLoans[loans]! + 1;
  }
  need.count = needCount;
  tally.borrowersWithLoans += withLoans;
  tally.firstPaymentsDue += firstDue;
  tally.firstPaymentsMissed += firstMissed;
}

/**
 * Service every loan: default conversions, instalments, write-offs. One pass over the book with the
 * arrays hoisted and the month's ledger sums kept in locals (added in the same order as booking each
 * flow straight into the ledger, so the sums are the same to the bit); the rare events (a
 * cross-default, a write-off) are out of line.
 */
export function serviceLoans(m: Market, tally: Tally): void {
  const book = m.loans;
  const P = m.platforms.count;
  const lgd = m.scenario.borrowers.lgd;
  const writeOff = m.scenario.borrowers.writeOffMonths;
  const pairExpectedLoss = m.pairExpectedLoss;
  const pairRealizedLoss = m.pairRealizedLoss;
  const pairBorneLoss = m.pairBorneLoss;
  const pairOffered = m.pairOffered;
  const pairAccepted = m.pairAccepted;
  for (let k = 0; k < pairExpectedLoss.length; k++) {
    pairExpectedLoss[k] = pairExpectedLoss[k]! * LOSS_MEMORY;
    pairRealizedLoss[k] = pairRealizedLoss[k]! * LOSS_MEMORY;
    pairBorneLoss[k] = pairBorneLoss[k]! * LOSS_MEMORY;
    pairOffered[k] = pairOffered[k]! * OFFER_MEMORY;
    pairAccepted[k] = pairAccepted[k]! * OFFER_MEMORY;
  }
  const n = book.count;
  // Under a quarter free: service in place and mark the loans that leave as FREE. Else compact
  // while servicing (the loans that stay slide down to slot w).
  const compact = book.free * 4 >= n;
  const bo = m.borrowers;
  const banks = m.banks;
  const pl = m.platforms;
  const ledger = tally.ledger;
  const arrearsBalance = tally.arrearsBalance;
  const state = book.state;
  const bankOf = book.bank;
  const platformOf = book.platform;
  const balance = book.balance;
  const borrowerOf = book.borrower;
  const rateOf = book.rate;
  const shareRate = book.shareRate;
  const guaranteeFeeRate = book.guaranteeFeeRate;
  const feeRate = book.feeRate;
  const pdHat = book.pdHat;
  const monthsLeft = book.monthsLeft;
  const payment = book.payment;
  const guaranteed = book.guaranteed;
  const status = bo.status;
  const bLoans = bo.loans;
  const debt = bo.debt;
  const service = bo.service;
  const greyPayment = bo.greyPayment;
  const fundingCost = banks.fundingCost;
  const pnlMonth = banks.pnlMonth;
  const repaid = banks.repaid;
  const outstanding = banks.outstanding;
  const profitMonth = pl.profitMonth;
  const guaranteeCapital = pl.guaranteeCapital;
  const guaranteedBalance = pl.guaranteedBalance;
  const pairBook = m.pairBook;
  let lInterest = ledger[L_INTEREST]!;
  let lShare = ledger[L_SHARE]!;
  let lFunding = ledger[L_FUNDING]!;
  let lGuaranteeFee = ledger[L_GUARANTEE_FEE]!;
  let lService = ledger[L_SERVICE]!;
  let w = 0;
  let freed = 0;
  for (let k = 0; k < n; k++) {
    const st = state[k]!;
    if (st === FREE) continue;
    let stays = true;
    const b = bankOf[k]!;
    const bal = balance[k]!;
    if (st === NON_PERFORMING) {
      // A non-performing balance still has to be funded until it is written off.
      const funding = (bal * fundingCost[b]!) / 12;
      pnlMonth[b] = pnlMonth[b]! - funding;
      lFunding += funding;
      const left = monthsLeft[k]! - 1;
      monthsLeft[k] = left;
      if (left <= 0) {
        writeOffLoan(m, b, bal, lgd, book.borneShare[k]!);
        stays = false;
      }
    } else {
      const i = borrowerOf[k]!;
      const bs = status[i]!;
      if (bs === IN_DEFAULT) {
        stays = crossDefault(m, tally, k, lgd, writeOff, P);
      } else if (bs !== ACTIVE) {
        // In arrears: the borrower pays nothing this month (no interest, no fees, the term stands
        // still); the bank still funds the balance. The balance counts in its days-past-due bucket.
        const funding = (bal * fundingCost[b]!) / 12;
        pnlMonth[b] = pnlMonth[b]! - funding;
        lFunding += funding;
        const bucket = bs - ARREARS_1;
        arrearsBalance[bucket] = arrearsBalance[bucket]! + bal;
      } else {
        // A performing loan pays its instalment; interest and fees accrue on the balance. The bank
        // receives the interest, pays the platform its revenue share and its depositors the
        // funding; the platform keeps the service fee; the guarantee fee goes to the guarantor's
        // capital (and nowhere else: it pays the guarantor's losses, not the platform's profit).
        const p = platformOf[k]!;
        const pk = b * P + p;
        const interest = (bal * rateOf[k]!) / 12;
        const share = (bal * shareRate[k]!) / 12;
        const funding = (bal * fundingCost[b]!) / 12;
        const guaranteeFee = (bal * guaranteeFeeRate[k]!) / 12;
        const serviceFee = (bal * feeRate[k]!) / 12;
        pnlMonth[b] = pnlMonth[b]! + interest - share - funding;
        profitMonth[p] = profitMonth[p]! + share + serviceFee;
        guaranteeCapital[p] = guaranteeCapital[p]! + guaranteeFee;
        lInterest += interest;
        lShare += share;
        lFunding += funding;
        lGuaranteeFee += guaranteeFee;
        lService += serviceFee;
        pairExpectedLoss[pk] = pairExpectedLoss[pk]! + (bal * pdHat[k]! * lgd) / 12;
        const left = monthsLeft[k]!;
        const pay = payment[k]!;
        let principalPart = left <= 1 ? bal : pay - interest;
        if (principalPart > bal) principalPart = bal;
        if (principalPart < 0) principalPart = 0;
        const newBal = bal - principalPart;
        repaid[b] = repaid[b]! + principalPart;
        outstanding[b] = outstanding[b]! - principalPart;
        pairBook[pk] = pairBook[pk]! - principalPart;
        if (guaranteed[k] === 1) guaranteedBalance[p] = guaranteedBalance[p]! - principalPart;
        if (newBal <= 0 || left <= 1) {
          const loans = bLoans[i]! - 1;
          bLoans[i] = loans;
          debt[i] = loans === 0 ? 0 : debt[i]! - bal;
          const s = service[i]! - pay;
          service[i] = loans === 0 ? greyPayment[i]! : s < 0 ? 0 : s;
          stays = false;
        } else {
          monthsLeft[k] = left - 1;
          debt[i] = debt[i]! - principalPart;
          balance[k] = newBal;
        }
      }
    }
    if (compact) {
      if (stays) {
        if (w !== k) moveLoan(book, k, w);
        w++;
      }
    } else if (!stays) {
      state[k] = FREE;
      freed++;
    }
  }
  ledger[L_INTEREST] = lInterest;
  ledger[L_SHARE] = lShare;
  ledger[L_FUNDING] = lFunding;
  ledger[L_GUARANTEE_FEE] = lGuaranteeFee;
  ledger[L_SERVICE] = lService;
  if (compact) {
    book.count = w;
    book.free = 0;
  } else {
    book.free += freed;
  }
}

/**
 * The performing loan in slot k whose borrower defaulted this month (cross-default): the loan turns
 * non-performing, the loss is booked now; the guarantee, where one covers the loan, pays the bank
 * what its capital allows. @returns whether it stays in the book (until its write-off).
 */
function crossDefault(m: Market, tally: Tally, k: number, lgd: number, writeOff: number, P: number): boolean {
  const book = m.loans;
  const bo = m.borrowers;
  const banks = m.banks;
  const pl = m.platforms;
  const b = book.bank[k]!;
  const p = book.platform[k]!;
  const bal = book.balance[k]!;
  const pk = b * P + p;
  const ledger = tally.ledger;
  const i = book.borrower[k]!;
  const loss = lgd * bal;
  const paid = book.guaranteed[k] === 1 ? payFromGuarantee(pl, p, loss) : 0;
  tally.losses += loss;
  tally.lossesGuarantees += paid;
  tally.lossesBanks += loss - paid;
  ledger[L_LOSS] = ledger[L_LOSS]! + loss;
  ledger[L_PAYOUT] = ledger[L_PAYOUT]! + paid;
  banks.lossesBorne[b] = banks.lossesBorne[b]! + loss - paid;
  banks.pnlMonth[b] = banks.pnlMonth[b]! - loss + paid;
  m.pairRealizedLoss[pk] = m.pairRealizedLoss[pk]! + loss;
  m.pairBorneLoss[pk] = m.pairBorneLoss[pk]! + loss - paid;
  m.pairBook[pk] = m.pairBook[pk]! - bal;
  banks.nonPerforming[b] = banks.nonPerforming[b]! + bal;
  const borne = loss > 0 ? (loss - paid) / loss : 1;
  book.borneShare[k] = borne;
  banks.nonPerformingBorne[b] = banks.nonPerformingBorne[b]! + borne * bal;
  if (book.guaranteed[k] === 1) pl.guaranteedBalance[p] = pl.guaranteedBalance[p]! - bal;
  bo.loans[i] = bo.loans[i]! - 1;
  bo.debt[i] = bo.loans[i] === 0 ? 0 : bo.debt[i]! - bal;
  book.state[k] = NON_PERFORMING;
  book.monthsLeft[k] = writeOff;
  if (writeOff > 0) return true;
  writeOffLoan(m, b, bal, lgd, borne);
  return false;
}

/** Write a non-performing balance off: the recovery (1 - lgd) counts as repaid. */
function writeOffLoan(m: Market, b: number, bal: number, lgd: number, borneShare: number): void {
  const banks = m.banks;
  const recovered = (1 - lgd) * bal;
  banks.repaid[b] = banks.repaid[b]! + recovered;
  banks.writtenOff[b] = banks.writtenOff[b]! + (bal - recovered);
  banks.outstanding[b] = banks.outstanding[b]! - bal;
  banks.nonPerforming[b] = banks.nonPerforming[b]! - bal;
  banks.nonPerformingBorne[b] = banks.nonPerformingBorne[b]! - borneShare * bal;
}

