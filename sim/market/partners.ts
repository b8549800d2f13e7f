/**
 * Partnerships are two-sided: a bank proposes, and a platform accepts a new funder only while it has
 * fewer than maxFunders, or when the newcomer is cheaper (funding cost plus hurdle, which sets the
 * platform's share of each loan's surplus) than its dearest funder by at least
 * `platforms.funderSwitchMarginAnnual`, and then drops that one. Head platforms, with many banks
 * knocking, end up with the cheapest. The margin is the friction of switching funders (integration,
 * due diligence): without it a tenth of a point of funding cost would sweep one bank type off every
 * full list.
 */
import type { Market } from '../model/market.js';

/** A funder's cost as a platform ranks it: funding cost plus hurdle, annual. */
export function funderCost(m: Market, b: number): number {
  return m.banks.fundingCost[b]! + m.banks.hurdle[b]!;
}

function removeFrom(list: number[], x: number): void {
  const i = list.indexOf(x);
  if (i >= 0) {
    list[i] = list[list.length - 1]!;
    list.pop();
  }
}

/** Take platform p off bank b's list (both sides). */
export function dropPartner(m: Market, b: number, p: number): void {
  const k = b * m.platforms.count + p;
  if (m.link[k] === 0) return;
  m.link[k] = 0;
  removeFrom(m.banks.partners[b]!, p);
  removeFrom(m.platforms.funders[p]!, b);
}

/** Drop every partner of bank b. */
export function dropAllPartners(m: Market, b: number): void {
  const list = m.banks.partners[b]!;
  while (list.length > 0) dropPartner(m, b, list[list.length - 1]!);
}

/**
 * Bank b proposes to platform p. @returns whether p accepted (it may have dropped its dearest
 * funder to make room).
 */
export function proposePartner(m: Market, b: number, p: number): boolean {
  const P = m.platforms.count;
  if (m.link[b * P + p] === 1) return true;
  if (m.platforms.active[p] === 0) return false;
  const funders = m.platforms.funders[p]!;
  if (funders.length >= m.platforms.maxFunders[p]!) {
    let dearest = -1;
    let dearestCost = -Infinity;
    for (const f of funders) {
      const c = funderCost(m, f);
      if (c > dearestCost) {
        dearestCost = c;
        dearest = f;
      }
    }
    if (dearest < 0 || funderCost(m, b) > dearestCost - m.scenario.platforms.funderSwitchMarginAnnual) return false;
    dropPartner(m, dearest, p);
  }
  m.link[b * P + p] = 1;
  m.banks.partners[b]!.push(p);
  funders.push(b);
  return true;
}
