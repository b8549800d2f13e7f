import { defaultScenario, type Scenario } from '../../sim/scenario/schema.js';

/** A small, fast version of the default market (5,000 borrowers, 18 months, rule at month 6). */
export function smallScenario(patch: (s: Scenario) => void = () => {}): Scenario {
  const s = defaultScenario();
  s.name = 'test-small';
  s.borrowers.count = 5000;
  s.months = 18;
  s.ruleStartMonth = 6;
  s.burnInMonths = 6;
  s.runs = 2;
  patch(s);
  return s;
}
