/**
 * Who is in a scenario's market, in the engine's order (the order of the bank and platform axes of
 * every per-bank or per-platform output, such as the link matrices in a run's extras): generic
 * banks of each type then the named banks; head platforms then tail platforms.
 */
import { createBanks } from '../agents/banks.js';
import { BANK_TYPES, TIERS, type BankType, type Scenario, type Tier } from '../scenario/schema.js';

export interface Roster {
  banks: { id: string; name: string; type: BankType; named: boolean }[];
  platforms: { id: string; tier: Tier }[];
}

export function roster(scenario: Scenario): Roster {
  const b = createBanks(scenario, 1);
  const named = new Set(b.named);
  const banks = b.id.map((id, i) => ({ id, name: b.name[i]!, type: BANK_TYPES[b.type[i]!]!, named: named.has(i) }));
  const platforms: Roster['platforms'] = [];
  for (const tier of TIERS) for (let j = 0; j < scenario.platforms[tier].count; j++) platforms.push({ id: `${tier}-${j + 1}`, tier });
  return { banks, platforms };
}
