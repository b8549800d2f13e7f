/**
 * Guarantees: who pays a bank's credit losses. Under `hidden` guarantees (deposits, drawer
 * agreements) any platform with guarantee capital left covers its loans, without a leverage limit;
 * under `licensed` only a platform with a licensed guarantor, within 10x leverage; under `none`,
 * nobody. The guarantee pays until its capital is gone; then the bank bears the loss.
 */
import type { Platforms } from '../agents/platforms.js';
import { GUARANTEE_HIDDEN, GUARANTEE_LICENSED, LICENSED_LEVERAGE, type RegimeView } from './regime.js';

/** Whether platform p can guarantee a new loan of `principal` under the regime. */
export function canGuarantee(r: RegimeView, pl: Platforms, p: number, principal: number): boolean {
  const cap = pl.guaranteeCapital[p]!;
  if (cap <= 0) return false;
  if (r.guarantees === GUARANTEE_HIDDEN) return true;
  if (r.guarantees === GUARANTEE_LICENSED) {
    return pl.licensedGuarantor[p] === 1 && pl.guaranteedBalance[p]! + principal <= LICENSED_LEVERAGE * cap;
  }
  return false;
}

/**
 * Split a credit loss on a guaranteed loan: the guarantee pays what its capital allows.
 * @returns the part paid by the guarantee (the bank bears loss minus this)
 */
export function payFromGuarantee(pl: Platforms, p: number, loss: number): number {
  const cap = pl.guaranteeCapital[p]!;
  if (cap <= 0) return 0;
  const paid = loss < cap ? loss : cap;
  pl.guaranteeCapital[p] = cap - paid;
  return paid;
}
