/**
 * Conservation laws of the engine, checked after every month of a full run (burn-in included):
 * principal originated = repaid (incl. recoveries) + written off + outstanding, per bank and in total;
 * credit losses borne by banks plus by guarantees = all credit losses; no NaN, no negative stock.
 * Tolerance: 1e-9 relative to the money originated (float sums over ~10^5 loans).
 */
import { describe, expect, it } from 'vitest';
import { runOne } from '../../sim/model/run.js';
import { METRIC_COUNT, METRIC_INDEX } from '../../sim/model/metricNames.js';
import { FREE, NON_PERFORMING, PERFORMING } from '../../sim/agents/loans.js';
import { smallScenario } from './helpers.js';

describe('accounting', () => {
  for (const arm of ['policy', 'counterfactual'] as const) {
    it(`conserves principal and losses every month (${arm} arm)`, () => {
      const s = smallScenario();
      let months = 0;
      let lastOriginated = 0;
      const r = runOne(s, arm, 0, (m) => {
        months++;
        const b = m.banks;
        let originated = 0;
        for (let k = 0; k < b.count; k++) {
          const o = b.originated[k]!;
          originated += o;
          const tol = 1e-9 * Math.max(1, o);
          expect(Math.abs(o - (b.repaid[k]! + b.writtenOff[k]! + b.outstanding[k]!))).toBeLessThan(tol);
          for (const stock of [b.outstanding[k]!, b.repaid[k]!, b.writtenOff[k]!, b.lossesBorne[k]!]) {
            expect(Number.isFinite(stock)).toBe(true);
            expect(stock).toBeGreaterThan(-1e-6 * Math.max(1, o));
          }
          expect(b.nonPerforming[k]!).toBeGreaterThan(-1e-6 * Math.max(1, o));
          expect(b.nonPerforming[k]!).toBeLessThanOrEqual(b.outstanding[k]! + 1e-6 * Math.max(1, o));
        }
        // The loan book agrees with the banks' ledgers.
        let performing = 0;
        let npl = 0;
        for (let k = 0; k < m.loans.count; k++) {
          const st = m.loans.state[k]!;
          if (st === FREE) continue;
          const bal = m.loans.balance[k]!;
          expect(bal).toBeGreaterThan(0);
          if (st === PERFORMING) performing += bal;
          else if (st === NON_PERFORMING) npl += bal;
        }
        let outstanding = 0;
        let bankNpl = 0;
        for (let k = 0; k < b.count; k++) {
          outstanding += b.outstanding[k]!;
          bankNpl += b.nonPerforming[k]!;
        }
        expect(Math.abs(performing + npl - outstanding)).toBeLessThan(1e-9 * originated);
        expect(Math.abs(npl - bankNpl)).toBeLessThan(1e-9 * originated);
        // Borrowers' debt equals their performing loans.
        let debt = 0;
        let loans = 0;
        for (let i = 0; i < m.borrowers.count; i++) {
          debt += m.borrowers.debt[i]!;
          loans += m.borrowers.loans[i]!;
        }
        let performingCount = 0;
        for (let k = 0; k < m.loans.count; k++) if (m.loans.state[k] === PERFORMING) performingCount++;
        expect(loans).toBe(performingCount);
        expect(Math.abs(debt - performing)).toBeLessThan(1e-6 * originated);
        expect(originated).toBeGreaterThanOrEqual(lastOriginated);
        lastOriginated = originated;
      });
      expect(months).toBe(s.months + s.burnInMonths);
      expect(lastOriginated).toBeGreaterThan(0);
      // Losses: banks + guarantees = all, every reported month.
      const L = METRIC_INDEX['creditLosses']!;
      const LB = METRIC_INDEX['lossesBorneByBanks']!;
      const LG = METRIC_INDEX['lossesBorneByGuarantees']!;
      let total = 0;
      for (let t = 0; t < s.months; t++) {
        const row = r.series.subarray(t * METRIC_COUNT, (t + 1) * METRIC_COUNT);
        expect(Math.abs(row[LB]! + row[LG]! - row[L]!)).toBeLessThanOrEqual(1e-9 * Math.max(1, row[L]!));
        total += row[L]!;
      }
      expect(total).toBeGreaterThan(0);
    });
  }

  it('reports every contract metric as a number or NaN, with stocks never NaN', () => {
    const s = smallScenario();
    const r = runOne(s, 'policy', 1);
    expect(r.series.length).toBe(s.months * METRIC_COUNT);
    for (const name of ['links', 'originations', 'outstanding', 'activePlatforms', 'partnersPerBank']) {
      for (let t = 0; t < s.months; t++) {
        const v = r.series[t * METRIC_COUNT + METRIC_INDEX[name]!]!;
        expect(Number.isNaN(v), `${name} month ${t}`).toBe(false);
        expect(v).toBeGreaterThanOrEqual(0);
      }
    }
  });
});
