/** Scenario -> the market at the start of burn-in, with its random streams. */
import { createBanks } from '../agents/banks.js';
import { createBorrowers, segmentTable } from '../agents/borrowers.js';
import { createLoanBook } from '../agents/loans.js';
import { createPlatforms } from '../agents/platforms.js';
import { proposePartner } from '../market/partners.js';
import { createSample } from '../market/sample.js';
import { shrinkage } from '../market/scoring.js';
import { normalSampler, stream } from '../rng/streams.js';
import { SEGMENTS, type Scenario } from '../scenario/schema.js';
import type { Market, Rng } from './market.js';

function streams(seed: number, runIndex: number): Rng {
  const population = stream(seed, runIndex, 'population');
  const scoresUniform = stream(seed, runIndex, 'scores');
  const review = stream(seed, runIndex, 'review');
  return {
    population,
    populationNormal: normalSampler(population),
    seek: stream(seed, runIndex, 'seek'),
    scores: normalSampler(scoresUniform),
    scoresUniform,
    routing: stream(seed, runIndex, 'routing'),
    defaults: stream(seed, runIndex, 'defaults'),
    review,
    reviewNormal: normalSampler(review),
    pricing: stream(seed, runIndex, 'pricing'),
    grey: stream(seed, runIndex, 'grey'),
  };
}

/** Build run `runIndex`'s market: agents drawn, initial partner lists proposed by traffic. */
export function buildMarket(scenario: Scenario, runIndex: number): Market {
  const scale = scenario.borrowers.count / scenario.market.realBorrowers;
  const rng = streams(scenario.seed, runIndex);
  const structure = stream(scenario.seed, runIndex, 'structure');
  const segments = segmentTable(scenario);
  const borrowers = createBorrowers(scenario.borrowers.count, segments, rng.population, rng.populationNormal);
  const platforms = createPlatforms(scenario, scale, structure, normalSampler(structure));
  const banks = createBanks(scenario, scale);
  const B = banks.count;
  const P = platforms.count;
  const costs = Float64Array.from({ length: B }, (_, b) => banks.fundingCost[b]! + banks.hurdle[b]!);
  const minFunderCost = Math.min(...costs);
  const shrinkTable = (n: number, sigma: Float64Array) => {
    const out = new Float64Array(n * SEGMENTS.length * 2);
    for (let a = 0; a < n; a++) {
      SEGMENTS.forEach((s, j) => {
        const sh = shrinkage(sigma[a]!, scenario.borrowers.segments[s].pdLogitSd);
        out[(a * 3 + j) * 2] = sh.weight;
        out[(a * 3 + j) * 2 + 1] = sh.probitScale;
      });
    }
    return out;
  };
  const m: Market = {
    scenario, scale, segments, borrowers, platforms, banks,
    loans: createLoanBook(Math.ceil(scenario.borrowers.count * 0.8)),
    rng,
    link: new Uint8Array(B * P), pairBook: new Float64Array(B * P),
    pairExpectedLoss: new Float64Array(B * P), pairRealizedLoss: new Float64Array(B * P), pairBorneLoss: new Float64Array(B * P),
    samples: Array.from({ length: P }, () => createSample(scenario.platforms.sampleSize)),
    pairOffered: new Float64Array(B * P), pairAccepted: new Float64Array(B * P),
    lgd: scenario.borrowers.lgd,
    guaranteeLoad: scenario.platforms.pricing.guaranteeLoad,
    termMonths: scenario.borrowers.termMonths,
    lossPrior: 3 * scenario.borrowers.lgd * scenario.borrowers.loanToIncome *
      SEGMENTS.reduce((a, s) => a + scenario.borrowers.segments[s].share * scenario.borrowers.segments[s].incomeMedianMonthly, 0),
    minFunderCost,
    funderReturn: costs,
    routingTemperature: scenario.platforms.routingTemperature,
    bankShrink: shrinkTable(B, banks.sigma),
    platformShrink: shrinkTable(P, platforms.sigma),
    seasoning: seasoningCurve(scenario.borrowers.termMonths, scenario.borrowers.seasoning.peakMonth, scenario.borrowers.seasoning.amplitude),
    need: { list: new Int32Array(scenario.borrowers.count), count: 0 },
    liquidityMonths: scenario.borrowers.liquidityMonths,
  };
  seedPartners(m, structure);
  return m;
}

/**
 * The seasoning curve by loan age 0..term-1: 1 + amplitude x a triangle that rises from age 0 to its
 * peak at `peakMonth` and falls back by age 2 x peakMonth, divided by its mean over the term, so a
 * loan's lifetime hazard is unchanged and only its timing moves (a vintage curve).
 */
export function seasoningCurve(term: number, peakMonth: number, amplitude: number): Float64Array {
  const c = new Float64Array(term);
  let sum = 0;
  for (let a = 0; a < term; a++) {
    const tri = 1 - Math.abs(a - peakMonth) / peakMonth;
    c[a] = 1 + amplitude * (tri > 0 ? tri : 0);
    sum += c[a]!;
  }
  for (let a = 0; a < term; a++) c[a] = (c[a]! * term) / sum;
  return c;
}

/** Initial lists: banks in a random order each propose to platforms drawn by traffic. */
function seedPartners(m: Market, u: () => number): void {
  const order = Array.from({ length: m.banks.count }, (_, b) => b);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(u() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const P = m.platforms.count;
  for (const b of order) {
    const want = Math.min(m.banks.initialPartners[b]!, P);
    const weights = Float64Array.from(m.platforms.traffic);
    for (let tries = 0; tries < want * 4 && m.banks.partners[b]!.length < want; tries++) {
      let total = 0;
      for (const w of weights) total += w;
      if (total <= 0) break;
      let x = u() * total;
      let p = 0;
      for (; p < P - 1; p++) {
        x -= weights[p]!;
        if (x < 0) break;
      }
      weights[p] = 0;
      proposePartner(m, b, p);
    }
  }
}
