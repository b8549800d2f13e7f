/** Regime and policy semantics, observed on the market month by month. */
import { describe, expect, it } from 'vitest';
import { runOne } from '../../sim/model/run.js';
import { BANK_TYPES, type Scenario } from '../../sim/scenario/schema.js';
import { newLoanAprs, smallScenario } from './helpers.js';

const bankIndex = (m: { banks: { id: string[] } }, id: string) => m.banks.id.indexOf(id);

describe('regime semantics', () => {
  it.each([
    ['the default after regime', (_x: Scenario) => {}],
    // Nominal and outer caps lifted to 36%: the comprehensive cap alone must hold the line.
    ['the comprehensive cap alone', (x: Scenario) => {
      x.regimes.after.nominalCap = 0.36;
      x.regimes.after.outerCap = 0.36;
    }],
  ])('with fees inside the cap, no new loan charges more than the cap (%s; before the rule some do)', (_label, patch) => {
    const s = smallScenario(patch);
    const cap = s.regimes.after.comprehensiveCap!;
    let newAfter = 0;
    let aboveBefore = 0;
    newLoanAprs(s, 'policy').aprs.forEach((aprs, t) => {
      for (const apr of aprs) {
        if (t >= s.ruleStartMonth) {
          newAfter++;
          // Float32 storage of the rates: 1e-6 is far below one basis point.
          expect(apr).toBeLessThanOrEqual(cap + 1e-6);
        } else if (apr > cap + 1e-6) aboveBefore++;
      }
    });
    expect(newAfter).toBeGreaterThan(100);
    expect(aboveBefore).toBeGreaterThan(100);
  });

  it('under `exit` a bank has no partner from the rule start on', () => {
    const s = smallScenario((x) => {
      x.banks.named.urumqi!.policy = { kind: 'exit' };
    });
    let before = 0;
    runOne(s, 'policy', 0, (m, t) => {
      const b = bankIndex(m, 'urumqi');
      const n = m.banks.partners[b]!.length;
      if (t >= s.ruleStartMonth) expect(n).toBe(0);
      else before = Math.max(before, n);
    });
    expect(before).toBeGreaterThan(0);
  });

  it('`static` never changes a partner list', () => {
    const s = smallScenario((x) => {
      for (const t of BANK_TYPES) x.banks.types[t].policy = { kind: 'static' };
      for (const b of Object.values(x.banks.named)) b.policy = { kind: 'static' };
    });
    let initial: string[] | undefined;
    runOne(s, 'policy', 0, (m) => {
      const lists = m.banks.partners.map((l) => [...l].sort((a, b) => a - b).join(','));
      if (!initial) initial = lists;
      else expect(lists).toEqual(initial);
    });
    expect(initial!.some((l) => l.length > 0)).toBe(true);
  });

  it('an `optimize` market does change partner lists (the static test can fail)', () => {
    const s = smallScenario();
    const seen = new Set<string>();
    runOne(s, 'policy', 0, (m) => {
      seen.add(m.banks.partners.map((l) => [...l].sort((a, b) => a - b).join(',')).join('|'));
    });
    expect(seen.size).toBeGreaterThan(1);
  });

  it('`runoff` makes no loan after the rule start while its stock still amortizes', () => {
    const s = smallScenario((x) => {
      x.banks.named.guiyang!.policy = { kind: 'runoff' };
    });
    let originatedAtStart = -1;
    let repaidAtStart = -1;
    let originatedBefore = 0;
    let last = { originated: 0, repaid: 0, outstanding: 0 };
    runOne(s, 'policy', 0, (m, t) => {
      const b = bankIndex(m, 'guiyang');
      const now = { originated: m.banks.originated[b]!, repaid: m.banks.repaid[b]!, outstanding: m.banks.outstanding[b]! };
      if (t === s.ruleStartMonth - 1) {
        originatedAtStart = now.originated;
        repaidAtStart = now.repaid;
        originatedBefore = now.originated;
      }
      if (t >= s.ruleStartMonth) expect(now.originated).toBe(originatedAtStart);
      last = now;
    });
    expect(originatedBefore).toBeGreaterThan(0);
    expect(last.repaid).toBeGreaterThan(repaidAtStart);
  });

  it('the counterfactual arm never applies the after regime', () => {
    const s = smallScenario((x) => {
      x.banks.named.urumqi!.policy = { kind: 'exit' };
    });
    let partnersAfter = 0;
    runOne(s, 'counterfactual', 0, (m, t) => {
      if (t >= s.ruleStartMonth) partnersAfter += m.banks.partners[bankIndex(m, 'urumqi')]!.length;
    });
    expect(partnersAfter).toBeGreaterThan(0);
  });
});
