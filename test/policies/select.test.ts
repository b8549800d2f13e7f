/** The shared steps of the reviewing policies (sim/policies/select.ts, optimize.ts, topK.ts). */
import { describe, expect, it } from 'vitest';
import { buildMarket } from '../../sim/model/build.js';
import { regimeView } from '../../sim/market/regime.js';
import { dropAllPartners } from '../../sim/market/partners.js';
import { applySelection, sampleCandidates, valueOptions } from '../../sim/policies/select.js';
import { policyFor } from '../../sim/policies/index.js';
import { smallScenario } from '../model/helpers.js';

function market() {
  const s = smallScenario();
  const m = buildMarket(s, 3);
  return { s, m, before: regimeView('before', s.regimes.before, m.scale) };
}

describe('candidates', () => {
  it('are distinct active platforms not on the list, as many as asked while there are enough', () => {
    const { m } = market();
    const b = 0;
    const P = m.platforms.count;
    m.platforms.active[P - 1] = 0;
    const listed = new Set(m.banks.partners[b]);
    const picked = sampleCandidates(m, b, 5);
    expect(picked.length).toBe(5);
    expect(new Set(picked).size).toBe(5);
    for (const p of picked) {
      expect(listed.has(p)).toBe(false);
      expect(p).not.toBe(P - 1);
    }
    const unlisted = Array.from({ length: P }, (_, p) => p).filter((p) => !listed.has(p) && m.platforms.active[p] === 1);
    expect(sampleCandidates(m, b, P + 10).sort((x, y) => x - y)).toEqual(unlisted);
  });

  it('are valued and ranked best first, listed and sampled apart', () => {
    const { m, before } = market();
    const b = m.banks.named[0]!;
    const { listed, candidates } = valueOptions(m, before, b);
    expect(listed.map((v) => v.platform).sort()).toEqual([...m.banks.partners[b]!].sort());
    for (const xs of [listed, candidates]) for (let i = 1; i < xs.length; i++) expect(xs[i - 1]!.value).toBeGreaterThanOrEqual(xs[i]!.value);
  });
});

describe('selection', () => {
  it('adds newcomers in order up to the limit', () => {
    const { m } = market();
    const b = 0;
    dropAllPartners(m, b);
    const add = [7, 8, 9, 10].map((p) => ({ platform: p, value: 1 }));
    applySelection(m, b, [], add, 2);
    expect(m.banks.partners[b]).toEqual([7, 8]);
  });

  it('a regime limit on partners keeps the most valuable (optimize and topK)', () => {
    const { m, before } = market();
    const b = m.banks.named[0]!;
    const limited = { ...before, maxPartnersPerBank: 2 };
    expect(m.banks.partners[b]!.length).toBeGreaterThan(2);
    policyFor({ kind: 'optimize' }).review({ market: m, regime: limited, month: 0 }, b);
    expect(m.banks.partners[b]!.length).toBeLessThanOrEqual(2);
    const { m: m2 } = market();
    policyFor({ kind: 'topK', k: 5 }).review({ market: m2, regime: limited, month: 0 }, b);
    expect(m2.banks.partners[b]!.length).toBeLessThanOrEqual(2);
  });

  it('a bank out of the business re-enters only when newcomers pay its fixed cost', () => {
    const { s, m } = market();
    const after = regimeView('after', s.regimes.after, m.scale);
    const b = 0;
    dropAllPartners(m, b);
    const costly = { ...after, listCostPerPartner: 0 };
    m.banks.riskControlCost[b] = 1e15; // no flow pays this
    policyFor({ kind: 'optimize' }).review({ market: m, regime: costly, month: 0 }, b);
    expect(m.banks.partners[b]).toEqual([]);
  });
});
