/** How the report names the model's categories. */
import { BANK_TYPES, SEGMENTS, type BankType, type Segment } from '../../sim/scenario/schema.js';

export { BANK_TYPES, SEGMENTS };

export const BANK_TYPE_LABEL: Record<BankType, string> = {
  large: 'large', jointStock: 'joint-stock', city: 'city', rural: 'rural', internet: 'internet',
};
export const SEGMENT_LABEL: Record<Segment, string> = { prime: 'prime', nearPrime: 'near-prime', subprime: 'subprime' };

export const MARGIN_PART_LABEL = {
  apr: 'APR', funding: 'funding', take: 'platform take', techFee: 'tech fee', losses: 'credit losses', listCost: 'list cost', net: 'net',
} as const;
