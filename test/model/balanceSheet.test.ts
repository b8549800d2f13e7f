/**
 * Bank balance sheets (DESIGN v2): capital moves with realized profit and loss, profits above the
 * starting capital are paid out, the book caps follow capital, a bank reads its lagged NPL against
 * its firewall, and a bank below its capital floor funds no new loans.
 */
import { describe, expect, it } from 'vitest';
import { buildMarket } from '../../sim/model/build.js';
import { settleBanks } from '../../sim/model/month.js';
import { fundsNewLoans } from '../../sim/market/waterfall.js';
import { firewallCut } from '../../sim/policies/select.js';
import { smallScenario } from './helpers.js';

describe('bank balance sheets', () => {
  it('losses eat capital and shrink the caps; profits above the start are paid out', () => {
    const s = smallScenario();
    const m = buildMarket(s, 0);
    const b = 3;
    const c0 = m.banks.capital[b]!;
    const perCapital = m.banks.bookCap[b]! / c0;
    expect(perCapital).toBeCloseTo(s.banks.jointLendingShareCap * s.banks.types.large.loansToCapital, 9);
    m.banks.pnlMonth[b] = -0.25 * c0;
    settleBanks(m, 0);
    expect(m.banks.capital[b]).toBeCloseTo(0.75 * c0, 6);
    expect(m.banks.bookCap[b]).toBeCloseTo(0.75 * c0 * perCapital, 6);
    expect(m.banks.perPartnerCap[b]).toBeCloseTo(0.75 * c0 * s.banks.types.large.perPartnerCapShare, 6);
    expect(m.banks.dividendMonth[b]).toBe(0);
    m.banks.pnlMonth[b] = 0.5 * c0;
    settleBanks(m, 1);
    expect(m.banks.capital[b]).toBe(c0);
    expect(m.banks.dividendMonth[b]).toBeCloseTo(0.25 * c0, 6);
    m.banks.pnlMonth[b] = -0.6 * c0;
    settleBanks(m, 2);
    expect(fundsNewLoans(m, b)).toBe(false); // below half its starting capital
  });

  it('reads the lagged NPL it bears against its firewall and tightens its appetite above it', () => {
    const s = smallScenario();
    const m = buildMarket(s, 0);
    const b = 0;
    const banks = m.banks;
    banks.nplFirewall[b] = 0.03;
    banks.outstanding[b] = 1000;
    for (let t = 0; t < 12; t++) {
      banks.pnlMonth[b] = 0;
      settleBanks(m, t);
    }
    banks.outstanding[b] = 500; // the book shrank by half
    banks.nonPerformingBorne[b] = 20;
    banks.pnlMonth[b] = 0;
    settleBanks(m, 12);
    expect(banks.nplLagged[b]).toBeCloseTo(20 / 1000, 12); // over the book a year ago, not today's 500
    expect(banks.aboveFirewall[b]).toBe(0);
    expect(banks.appetite[b]).toBe(banks.maxPd[b]);
    banks.nonPerformingBorne[b] = 40;
    settleBanks(m, 13);
    expect(banks.nplLagged[b]).toBeCloseTo(40 / 1000, 12);
    expect(banks.aboveFirewall[b]).toBe(1);
    expect(banks.appetite[b]).toBeCloseTo(banks.maxPd[b]! * s.banks.firewallTightening, 12);
  });

  it('a bank above its firewall cuts the partner whose losses it bore ran worst', () => {
    const s = smallScenario();
    const m = buildMarket(s, 0);
    const b = 0;
    const P = m.platforms.count;
    const keep = [{ platform: 1, value: 10 }, { platform: 2, value: 5 }, { platform: 3, value: 1 }];
    for (const p of [1, 2, 3]) m.pairBook[b * P + p] = 1e8;
    m.pairRealizedLoss[b * P + 1] = 9e6; // large losses, but a guarantee paid them
    m.pairBorneLoss[b * P + 2] = 5e6;
    m.pairBorneLoss[b * P + 3] = 1e6;
    expect(firewallCut(m, b, keep).map((v) => v.platform)).toEqual([1, 2, 3]);
    m.banks.aboveFirewall[b] = 1;
    expect(firewallCut(m, b, keep).map((v) => v.platform)).toEqual([1, 3]);
  });
});
