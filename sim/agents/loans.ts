/**
 * The loan book as a struct of arrays with a free list: slots are reused, the arrays grow by half
 * when full. A loan is performing (amortizing at its nominal rate) or non-performing (its borrower
 * defaulted; written off after writeOffMonths).
 */

export const FREE = 0;
export const PERFORMING = 1;
export const NON_PERFORMING = 2;

export interface LoanBook {
  /** Slots in use or freed: iterate 0..highWater-1 and skip FREE. */
  highWater: number;
  live: number;
  borrower: Int32Array;
  bank: Uint16Array;
  platform: Uint16Array;
  /** Outstanding principal (RMB). */
  balance: Float64Array;
  /** Equal monthly instalment of principal and interest at the nominal rate (RMB). */
  payment: Float32Array;
  /** Nominal annual rate (the bank's interest). */
  rate: Float32Array;
  /** Fees charged on the balance on top of the nominal rate, annual (guarantee + consulting). */
  feeRate: Float32Array;
  /** Of feeRate, the guarantee fee, annual (goes to the guarantee capital). */
  guaranteeFeeRate: Float32Array;
  /** The funding bank's estimate of the annual default probability at origination. */
  pdHat: Float32Array;
  /** Months of instalments left (performing) or months to write-off (non-performing). */
  monthsLeft: Uint8Array;
  state: Uint8Array;
  /** 1 if the platform's guarantee covers this loan's losses. */
  guaranteed: Uint8Array;
  free: Int32Array;
  freeCount: number;
}

export function createLoanBook(capacity: number): LoanBook {
  const c = Math.max(16, capacity | 0);
  return {
    highWater: 0, live: 0,
    borrower: new Int32Array(c), bank: new Uint16Array(c), platform: new Uint16Array(c),
    balance: new Float64Array(c), payment: new Float32Array(c), rate: new Float32Array(c),
    feeRate: new Float32Array(c), guaranteeFeeRate: new Float32Array(c), pdHat: new Float32Array(c),
    monthsLeft: new Uint8Array(c), state: new Uint8Array(c), guaranteed: new Uint8Array(c),
    free: new Int32Array(c), freeCount: 0,
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
  book.pdHat = grown(book.pdHat, n);
  book.monthsLeft = grown(book.monthsLeft, n);
  book.state = grown(book.state, n);
  book.guaranteed = grown(book.guaranteed, n);
  book.free = grown(book.free, n);
}

/** Monthly instalment that repays `principal` over `termMonths` at `rateAnnual` (annuity). */
export function instalment(principal: number, rateAnnual: number, termMonths: number): number {
  const r = rateAnnual / 12;
  if (r <= 0) return principal / termMonths;
  return (principal * r) / (1 - Math.pow(1 + r, -termMonths));
}

/** Take a slot for a new performing loan and return its index. */
export function openLoan(book: LoanBook): number {
  let k: number;
  if (book.freeCount > 0) {
    k = book.free[--book.freeCount]!;
  } else {
    if (book.highWater === book.borrower.length) grow(book);
    k = book.highWater++;
  }
  book.live++;
  book.state[k] = PERFORMING;
  return k;
}

/** Return slot k to the free list. */
export function closeLoan(book: LoanBook, k: number): void {
  book.state[k] = FREE;
  book.balance[k] = 0;
  book.free[book.freeCount++] = k;
  book.live--;
}
