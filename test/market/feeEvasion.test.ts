/**
 * Fee evasion (regime field `feeEvasion`, sim/market/chain.ts priceLoan step 4), with hand-computed
 * prices: where fees count inside the cap, a share of what the caps squeeze out of the platform's
 * price survives as a fee outside them, paid by the borrower, kept by the platform, and hidden.
 */
import { describe, expect, it } from 'vitest';
import { newQuote, priceLoan, type Quote } from '../../sim/market/chain.js';
import { GUARANTEE_HIDDEN, GUARANTEE_LICENSED, type RegimeView } from '../../sim/market/regime.js';

const common = { ownRiskControl: false, listCostPerPartner: 0, maxPartnersPerBank: Infinity, bureauVisibility: 1, greyAccess: 1 };
const after = (feeEvasion: number): RegimeView => ({
  ...common, name: 'after', comprehensiveCap: 0.24, nominalCap: 0.24, outerCap: 0.24, feesInsideCap: true, guarantees: GUARANTEE_LICENSED, feeEvasion,
});
const before = (feeEvasion: number): RegimeView => ({
  ...common, name: 'before', comprehensiveCap: Infinity, nominalCap: 0.24, outerCap: 0.36, feesInsideCap: false, guarantees: GUARANTEE_HIDDEN, feeEvasion,
});
const close = (x: number, y: number) => expect(x).toBeCloseTo(y, 12);

/** Funder return 4%, platform cost 5%, consulting fee 1%, no guarantee load. */
function price(r: RegimeView, el: number, covered: boolean, markup: number): { ok: boolean; q: Quote } {
  const q = newQuote();
  return { ok: priceLoan(q, r, 0.04, el, covered, 0, 0.05, markup, 0.01), q };
}

describe('feeEvasion', () => {
  it('not guaranteed: half of what the 24% cap squeezes out survives as a hidden fee', () => {
    // floor = 0.04 + 0.10 + 0.05 = 0.19; the platform's price 0.19 + 0.10 = 0.29; the cap holds the
    // nominal at 0.24, squeezing out 0.05, of which 0.5 x 0.05 = 0.025 is charged outside the cap.
    const { ok, q } = price(after(0.5), 0.1, false, 0.1);
    expect(ok).toBe(true);
    close(q.floor, 0.19);
    close(q.nominal, 0.24);
    close(q.serviceFee, 0.025);
    close(q.comprehensive, 0.265);
    close(q.hiddenFees, 0.025);
  });

  it('guaranteed (licensed, fee inside the cap): the squeeze is measured on everything the borrower pays', () => {
    // guarantee fee 0.10; floor = 0.04 + 0.10 + 0.05 = 0.19; price 0.29; the cap leaves the nominal
    // 0.24 - 0.10 = 0.14, squeezing out 0.05; evasion 0.8 keeps 0.04 of it.
    const { ok, q } = price(after(0.8), 0.1, true, 0.1);
    expect(ok).toBe(true);
    close(q.guaranteeFee, 0.1);
    close(q.nominal, 0.14);
    close(q.serviceFee, 0.04);
    close(q.comprehensive, 0.28);
    close(q.hiddenFees, 0.04);
  });

  it('keeps a loan the cap would ration: the evaded fee lifts the price back above the floor', () => {
    // floor = 0.04 + 0.17 + 0.05 = 0.26 > 0.24: rejected without evasion; with 0.5 the borrower pays
    // 0.24 + 0.5 x (0.30 - 0.24) = 0.27 >= 0.26.
    expect(price(after(0), 0.17, false, 0.04).ok).toBe(false);
    const { ok, q } = price(after(0.5), 0.17, false, 0.04);
    expect(ok).toBe(true);
    close(q.comprehensive, 0.27);
    close(q.hiddenFees, 0.03);
  });

  it('changes nothing where no cap binds, or where fees already sit outside the cap', () => {
    // price 0.04 + 0.02 + 0.05 + 0.05 = 0.16 < 0.24: nothing squeezed.
    const free = price(after(0.9), 0.02, false, 0.05).q;
    const obeyed = price(after(0), 0.02, false, 0.05).q;
    expect(free).toEqual(obeyed);
    expect(free.hiddenFees).toBe(0);
    // Before the rule fees are outside the cap anyway: feeEvasion is not read.
    expect(price(before(0.9), 0.1, false, 0.3).q).toEqual(price(before(0), 0.1, false, 0.3).q);
  });

  it('at 0 leaves the rule obeyed: the cap holds everything the borrower pays, nothing is hidden', () => {
    const plain = price(after(0), 0.1, false, 0.1).q; // the first case above, without evasion
    close(plain.nominal, 0.24);
    expect(plain.serviceFee).toBe(0);
    close(plain.comprehensive, 0.24);
    expect(plain.hiddenFees).toBe(0);
    const covered = price(after(0), 0.1, true, 0.1).q; // the second
    close(covered.nominal, 0.14);
    close(covered.comprehensive, 0.24);
    expect(covered.hiddenFees).toBe(0);
  });
});
