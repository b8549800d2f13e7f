/** The funder waterfall (sim/market/waterfall.ts): who is offered an application, and in what order. */
import { describe, expect, it } from 'vitest';
import { createFunderTables, fundsNewLoans, loadFunderTables, nextFunder, resetOffers, routingWeight } from '../../sim/market/waterfall.js';
import { buildMarket } from '../../sim/model/build.js';
import { stream } from '../../sim/rng/streams.js';
import { smallScenario } from '../model/helpers.js';

function setup(maxOffers = 8) {
  const s = smallScenario();
  const m = buildMarket(s, 0);
  const f = createFunderTables(m.platforms.count, maxOffers);
  return { s, m, f };
}

describe('funder tables', () => {
  it('hold each platform\'s lending funders with spare capacity, weighted, and price off their average return', () => {
    const { m, f } = setup();
    const p = 0;
    const funders = [...m.platforms.funders[p]!];
    expect(funders.length).toBeGreaterThan(3);
    const [full, stopped, poor] = funders;
    m.pairBook[full! * m.platforms.count + p] = m.banks.perPartnerCap[full!]!; // no room left with this platform
    m.banks.lending[stopped!] = 0; // runs off
    m.banks.capital[poor!] = m.banks.capitalFloor[poor!]! * 0.99; // below its capital floor
    expect(fundsNewLoans(m, stopped!)).toBe(false);
    expect(fundsNewLoans(m, poor!)).toBe(false);
    loadFunderTables(f, m, 0.04);
    const off = f.offset[p]!;
    const ids = Array.from(f.ids.subarray(off, off + f.count[p]!));
    expect(ids.sort()).toEqual(funders.slice(3).sort());
    expect(f.cum[off + f.count[p]! - 1]).toBeCloseTo(1, 12);
    // The platform prices off its funders' average required return, weighted as routed.
    let w = 0;
    let wr = 0;
    for (const b of funders.slice(3)) {
      const spare = Math.min(1 - m.pairBook[b * m.platforms.count + p]! / m.banks.perPartnerCap[b]!, 1 - m.banks.outstanding[b]! / m.banks.bookCap[b]!);
      w += routingWeight(m, b, p) * spare;
      wr += routingWeight(m, b, p) * spare * m.funderReturn[b]!;
    }
    expect(m.platforms.funderReturn[p]).toBeCloseTo(wr / w, 12);
  });

  it('a platform with no funder prices off the reference return', () => {
    const { m, f } = setup();
    const p = 1;
    for (const b of m.platforms.funders[p]!) m.banks.lending[b] = 0;
    loadFunderTables(f, m, 0.0432);
    expect(f.count[p]).toBe(0);
    expect(m.platforms.funderReturn[p]).toBe(0.0432);
  });
});

describe('offers', () => {
  it('go to distinct funders, at most maxOffers of them, then the platform gives up', () => {
    const { m, f } = setup(3);
    loadFunderTables(f, m, 0.04);
    const p = 0;
    expect(f.count[p]).toBeGreaterThan(3);
    const u = stream(1, 0, 'routing');
    resetOffers(f);
    const seen = [nextFunder(f, p, u), nextFunder(f, p, u), nextFunder(f, p, u)];
    expect(new Set(seen).size).toBe(3);
    for (const b of seen) expect(m.platforms.funders[p]).toContain(b);
    expect(nextFunder(f, p, u)).toBe(-1);
    resetOffers(f);
    expect(nextFunder(f, p, u)).toBeGreaterThanOrEqual(0);
  });

  it('favour the funders that leave the platform more (fixed seed, 20,000 draws, 3-sigma tolerance)', () => {
    const { m, f } = setup(1);
    const p = 0;
    const [cheap, dear] = m.platforms.funders[p]!;
    for (const b of m.platforms.funders[p]!) if (b !== cheap && b !== dear) m.banks.lending[b] = 0;
    m.funderReturn[cheap!] = m.minFunderCost;
    m.funderReturn[dear!] = m.minFunderCost + 0.02;
    loadFunderTables(f, m, 0.04);
    const u = stream(2, 0, 'routing');
    let first = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      resetOffers(f);
      if (nextFunder(f, p, u) === cheap) first++;
    }
    const spare = (b: number) => Math.min(1 - m.pairBook[b * m.platforms.count + p]! / m.banks.perPartnerCap[b]!, 1 - m.banks.outstanding[b]! / m.banks.bookCap[b]!);
    const wc = routingWeight(m, cheap!, p) * spare(cheap!);
    const wd = routingWeight(m, dear!, p) * spare(dear!);
    const expected = wc / (wc + wd);
    expect(expected).toBeGreaterThan(0.5);
    expect(Math.abs(first / n - expected)).toBeLessThan(3 * Math.sqrt((expected * (1 - expected)) / n));
  });
});
