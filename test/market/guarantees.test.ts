/** Guarantees (sim/market/guarantees.ts) and the regime view (regime.ts), with hand-computed values. */
import { describe, expect, it } from 'vitest';
import { canGuarantee, payFromGuarantee } from '../../sim/market/guarantees.js';
import { GUARANTEE_HIDDEN, GUARANTEE_LICENSED, GUARANTEE_NONE, LICENSED_LEVERAGE, regimeView } from '../../sim/market/regime.js';
import { buildMarket } from '../../sim/model/build.js';
import { smallScenario } from '../model/helpers.js';

function platforms() {
  const s = smallScenario();
  const m = buildMarket(s, 0);
  return { s, m, pl: m.platforms };
}

describe('who can guarantee a loan', () => {
  it('hidden: any platform with guarantee capital left, without a leverage limit', () => {
    const { s, m, pl } = platforms();
    const r = regimeView('before', s.regimes.before, m.scale);
    expect(r.guarantees).toBe(GUARANTEE_HIDDEN);
    const p = pl.count - 1; // a tail platform: no licensed guarantor
    pl.guaranteeCapital[p] = 100;
    pl.guaranteedBalance[p] = 1e9;
    expect(canGuarantee(r, pl, p, 1e6)).toBe(true);
    pl.guaranteeCapital[p] = 0;
    expect(canGuarantee(r, pl, p, 1)).toBe(false);
  });

  it('licensed: only a licensed guarantor, within 10x leverage of its capital', () => {
    const { s, m, pl } = platforms();
    const r = regimeView('after', s.regimes.after, m.scale);
    expect(r.guarantees).toBe(GUARANTEE_LICENSED);
    const head = 0;
    const tail = pl.count - 1;
    expect(pl.licensedGuarantor[head]).toBe(1);
    expect(pl.licensedGuarantor[tail]).toBe(0);
    pl.guaranteeCapital[head] = 100;
    pl.guaranteedBalance[head] = 900;
    expect(LICENSED_LEVERAGE).toBe(10);
    expect(canGuarantee(r, pl, head, 100)).toBe(true); // 900 + 100 = 10 x 100
    expect(canGuarantee(r, pl, head, 100.01)).toBe(false);
    pl.guaranteeCapital[tail] = 1e9;
    expect(canGuarantee(r, pl, tail, 1)).toBe(false);
  });

  it('none: nobody', () => {
    const { s, m, pl } = platforms();
    const r = regimeView('after', { ...s.regimes.after, guarantees: 'none' }, m.scale);
    expect(r.guarantees).toBe(GUARANTEE_NONE);
    expect(canGuarantee(r, pl, 0, 1)).toBe(false);
  });

  it('a guarantee pays what its capital allows, and its capital falls by what it paid', () => {
    const { pl } = platforms();
    pl.guaranteeCapital[0] = 100;
    expect(payFromGuarantee(pl, 0, 30)).toBe(30);
    expect(pl.guaranteeCapital[0]).toBe(70);
    expect(payFromGuarantee(pl, 0, 100)).toBe(70);
    expect(pl.guaranteeCapital[0]).toBe(0);
    expect(payFromGuarantee(pl, 0, 10)).toBe(0);
  });
});

describe('the regime view', () => {
  it('turns the scenario\'s regime into the numbers the month reads', () => {
    const { s, m } = platforms();
    const before = regimeView('before', s.regimes.before, m.scale);
    expect(before.comprehensiveCap).toBe(Infinity); // null: none
    expect(before.maxPartnersPerBank).toBe(Infinity);
    expect(before.listCostPerPartner).toBeCloseTo(s.regimes.before.listCostPerPartner * m.scale, 12);
    expect(before.feesInsideCap).toBe(false);
    expect(before.ownRiskControl).toBe(false);
    const after = regimeView('after', { ...s.regimes.after, maxPartnersPerBank: 7, bureauVisibility: 0.5 }, m.scale);
    expect(after.comprehensiveCap).toBe(0.24);
    expect(after.nominalCap).toBe(0.24);
    expect(after.outerCap).toBe(0.24);
    expect(after.maxPartnersPerBank).toBe(7);
    expect(after.bureauVisibility).toBe(0.5);
    expect(after.feesInsideCap).toBe(true);
    expect(after.ownRiskControl).toBe(true);
    expect(after.name).toBe('after');
  });
});
