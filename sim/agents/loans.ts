/**
 * The loan book as a struct of arrays. New loans are appended; a loan that is repaid or written off
 * is marked FREE, and once a quarter of the slots are free the service pass compacts the book in
 * place (the live loans slide down), so loans stay ordered by origination month and, within a month,
 * by borrower: the service pass then walks the borrower arrays in a few increasing runs instead of
 * at random, and only pays for moving loans now and then.
 * The arrays grow by half when full. A loan is performing (amortizing at its nominal rate) or
 * non-performing (its borrower defaulted; written off after writeOffMonths).
 */
import { intPow } from '../math/intPow.js';

export const FREE = 0;
export const PERFORMING = 1;
export const NON_PERFORMING = 2;

export interface LoanBook {
  /** Slots in use: 0..count-1, of which `free` are FREE (skip them). */
  count: number;
  free: number;
  borrower: Int32Array;
  bank: Uint16Array;
  platform: Uint16Array;
  /** Outstanding principal (RMB). */
  balance: Float64Array;
  /** Equal monthly instalment of principal and interest at the nominal rate (RMB). */
  payment: Float32Array;
  /** Nominal annual rate (the bank's interest). */
  rate: Float32Array;
  /** Service (consulting) fee the platform keeps, annual on the balance. */
  feeRate: Float32Array;
  /** Guarantee fee, annual on the balance (goes to the guarantor's capital). */
  guaranteeFeeRate: Float32Array;
  /** Revenue share the bank pays the platform out of the interest, annual on the balance (the
   * split's outcome; negative where the platform pays the bank). */
  shareRate: Float32Array;
  /** The funding bank's estimate of the annual default probability at origination. */
  pdHat: Float32Array;
  /** Once non-performing: the share of its loss the bank bore (the rest a guarantee paid). */
  borneShare: Float32Array;
  /** Months of instalments left (performing) or months to write-off (non-performing). */
  monthsLeft: Uint8Array;
  state: Uint8Array;
  /** 1 if the platform's guarantee covers this loan's losses. */
  guaranteed: Uint8Array;
}

export function createLoanBook(capacity: number): LoanBook {
  const c = Math.max(16, capacity | 0);
  return {
    count: 0, free: 0,
    borrower: new Int32Array(c), bank: new Uint16Array(c), platform: new Uint16Array(c),
    balance: new Float64Array(c), payment: new Float32Array(c), rate: new Float32Array(c),
    feeRate: new Float32Array(c), guaranteeFeeRate: new Float32Array(c), shareRate: new Float32Array(c), borneShare: new Float32Array(c), pdHat: new Float32Array(c),
    monthsLeft: new Uint8Array(c), state: new Uint8Array(c), guaranteed: new Uint8Array(c),
  };
}

function grown<T extends Int32Array | Uint16Array | Float64Array | Float32Array | Uint8Array>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

function grow(book: LoanBook): void {
  const n = Math.ceil(book.borrower.length * 1.5);
  book.borrower = grown(book.borrower, n);
  book.bank = grown(book.bank, n);
  book.platform = grown(book.platform, n);
  book.balance = grown(book.balance, n);
  book.payment = grown(book.payment, n);
  book.rate = grown(book.rate, n);
  book.feeRate = grown(book.feeRate, n);
  book.guaranteeFeeRate = grown(book.guaranteeFeeRate, n);
  book.shareRate = grown(book.shareRate, n);
  book.borneShare = grown(book.borneShare, n);
  book.pdHat = grown(book.pdHat, n);
  book.monthsLeft = grown(book.monthsLeft, n);
  book.state = grown(book.state, n);
  book.guaranteed = grown(book.guaranteed, n);
}

/** Monthly instalment that repays `principal` over `termMonths` at `rateAnnual` (annuity). */
export function instalment(principal: number, rateAnnual: number, termMonths: number): number {
  const r = rateAnnual / 12;
  if (r <= 0) return principal / termMonths;
  // intPow, not Math.pow: the same double on every Node version (sim/math/intPow.ts).
  return (principal * r) / (1 - intPow(1 + r, -termMonths));
}

/** Append a new performing loan and return its slot. */
export function openLoan(book: LoanBook): number {
  if (book.count === book.borrower.length) grow(book);
  const k = book.count++;
  book.state[k] = PERFORMING;
  return k;
}

/** Move the loan in slot `from` down to slot `to` (compaction; to < from). */
export function moveLoan(book: LoanBook, from: number, to: number): void {
  book.borrower[to] = book.borrower[from]!;
  book.bank[to] = book.bank[from]!;
  book.platform[to] = book.platform[from]!;
  book.balance[to] = book.balance[from]!;
  book.payment[to] = book.payment[from]!;
  book.rate[to] = book.rate[from]!;
  book.feeRate[to] = book.feeRate[from]!;
  book.guaranteeFeeRate[to] = book.guaranteeFeeRate[from]!;
  book.shareRate[to] = book.shareRate[from]!;
  book.borneShare[to] = book.borneShare[from]!;
  book.pdHat[to] = book.pdHat[from]!;
  book.monthsLeft[to] = book.monthsLeft[from]!;
  book.state[to] = book.state[from]!;
  book.guaranteed[to] = book.guaranteed[from]!;
}
