/**
 * Regimes by name and the timeline in scenario files (sim/scenario/regimes.ts, schema.ts): `extends`
 * between regimes, ruleStartMonth taken from a timeline, and the problems a wrong file gets.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../sim/cli/errors.js';
import { loadScenario, resolveScenarioObject } from '../../sim/scenario/load.js';
import { defaultScenario, timelineOf } from '../../sim/scenario/schema.js';
import { checkFieldPath, isPathProblem } from '../../sim/sweep/fieldPaths.js';
import { loadSweep, overridesTree, quickPoint } from '../../sim/sweep/load.js';
import { effectiveComponents } from '../../sim/run/decompose.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const scenarios = path.join(root, 'scenarios');

/** Write `files` (name -> text) into a fresh directory; returns its path. */
function dirWith(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lendsim-timeline-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/** The problems loading `file` in `dir` throws (fails the test when it loads). */
function problems(dir: string, file = 'x.yaml'): string[] {
  try {
    loadScenario(path.join(dir, file));
  } catch (err) {
    if (err instanceof InputError) return err.problems;
    throw err;
  }
  throw new Error(`${file} loaded`);
}

describe('regimes that extend another', () => {
  it('guidance-2026.yaml: the rule, then the channel cut, then the 20% guidance, each from its month', () => {
    const { scenario: s } = loadScenario(path.join(scenarios, 'guidance-2026.yaml'));
    const after = defaultScenario().regimes.after;
    expect(s.ruleStartMonth).toBe(12);
    expect(timelineOf(s)).toEqual([
      { month: 0, regime: 'before' }, { month: 12, regime: 'after' }, { month: 15, regime: 'channelCut' }, { month: 16, regime: 'guidance20' },
    ]);
    expect(s.regimes.channelCut).toEqual({ ...after, greyAccess: 0.5 });
    expect(s.regimes.guidance20).toEqual({ ...after, greyAccess: 0.5, comprehensiveCap: 0.2 });
    expect(s.regimes.before).toEqual(defaultScenario().regimes.before);
  });

  it('resolves a chain after every file is merged: a change to a parent in a later file reaches its children', () => {
    const dir = dirWith({
      'base.yaml': 'extends: china-2025.yaml\nregimes:\n  a: { extends: after, greyAccess: 0.4 }\n  b: { extends: a, comprehensiveCap: 0.2 }\n  c: { extends: b, feeEvasion: 0.3 }\n',
      'x.yaml': 'extends: base.yaml\nregimes:\n  after: { listCostPerPartner: 9000000 }\n  a: { greyAccess: 0.6 }\n',
    });
    const { scenario: s } = loadScenario(path.join(dir, 'x.yaml'));
    const after = { ...defaultScenario().regimes.after, listCostPerPartner: 9e6 };
    expect(s.regimes.after).toEqual(after);
    expect(s.regimes.a).toEqual({ ...after, greyAccess: 0.6 });
    expect(s.regimes.b).toEqual({ ...after, greyAccess: 0.6, comprehensiveCap: 0.2 });
    expect(s.regimes.c).toEqual({ ...after, greyAccess: 0.6, comprehensiveCap: 0.2, feeEvasion: 0.3 });
    for (const r of Object.values(s.regimes)) expect(r).not.toHaveProperty('extends');
    // No timeline: the default one, whatever regimes are defined.
    expect(s.timeline).toBeUndefined();
    expect(timelineOf(s)).toEqual([{ month: 0, regime: 'before' }, { month: 12, regime: 'after' }]);
  });

  it('refuses a cycle, naming the path and the cycle', () => {
    const dir = dirWith({ 'x.yaml': 'extends: china-2025.yaml\nregimes:\n  a: { extends: b }\n  b: { extends: a }\n' });
    const p = problems(dir);
    expect(p).toContainEqual(expect.stringMatching(/x\.yaml:4:\d+: regimes\.b\.extends: the regimes extend each other in a cycle: a -> b -> a/));
    // No guesses about the fields a broken regime lacks.
    expect(p.join('\n')).not.toMatch(/nominalCap/);
  });

  it('refuses an unknown parent, with the closest name', () => {
    const p = problems(dirWith({ 'x.yaml': 'extends: china-2025.yaml\nregimes:\n  g: { extends: aftr, comprehensiveCap: 0.2 }\n' }));
    expect(p).toEqual([expect.stringMatching(/x\.yaml:3:\d+: regimes\.g\.extends: expected the name of another regime \(before, after\), received the string "aftr"; did you mean `after`\?$/)]);
  });

  it('refuses a further regime that neither extends another nor names every field, and before/after extending', () => {
    const p = problems(dirWith({ 'x.yaml': 'extends: china-2025.yaml\nregimes:\n  afer: { comprehensiveCap: 0.2 }\n  after: { extends: before }\n' }));
    expect(p).toContainEqual(expect.stringMatching(/regimes\.afer: a further regime names every regime field or `extends` another regime .*missing nominalCap, outerCap.*did you mean `after`\?/));
    expect(p).toContainEqual(expect.stringMatching(/regimes\.after\.extends: after takes its values from the defaults/));
  });

  it('checks a resolved regime like any other, and its name', () => {
    const p = problems(dirWith({ 'x.yaml': 'extends: china-2025.yaml\nregimes:\n  g: { extends: after, comprehensiveCap: 20 }\n  "2g": { extends: after }\n' }));
    expect(p).toContainEqual(expect.stringMatching(/regimes\.g\.comprehensiveCap: expected a fraction <= 1, received 20 \(rates are fractions: write 0\.2 for 20%\)/));
    expect(p).toContainEqual(expect.stringMatching(/regimes\["2g"\]: expected a regime name of letters, digits, _ or -, starting with a letter/));
  });
});

describe('the timeline', () => {
  const timeline = (entries: string) => `extends: china-2025.yaml\nregimes:\n  g: { extends: after, comprehensiveCap: 0.2 }\ntimeline: ${entries}\n`;

  it('sets ruleStartMonth from its first change when the file does not set ruleStartMonth itself', () => {
    const dir = dirWith({ 'x.yaml': timeline('[{month: 0, regime: before}, {month: 14, regime: after}, {month: 20, regime: g}]') });
    expect(loadScenario(path.join(dir, 'x.yaml')).scenario.ruleStartMonth).toBe(14);
  });

  it('refuses a ruleStartMonth that the same file (or a later one) sets to another month', () => {
    const dir = dirWith({
      'x.yaml': `ruleStartMonth: 12\n${timeline('[{month: 0, regime: before}, {month: 14, regime: after}]')}`,
      'child.yaml': 'extends: guidance-2026.yaml\nruleStartMonth: 13\n',
      'guidance-2026.yaml': fs.readFileSync(path.join(scenarios, 'guidance-2026.yaml'), 'utf8'),
    });
    expect(problems(dir)).toEqual([expect.stringMatching(/ruleStartMonth: expected the month of the timeline's first change \(timeline\[1\]\.month = 14: the rule\), received 12/)]);
    expect(problems(dir, 'child.yaml')).toEqual([expect.stringMatching(/child\.yaml.*ruleStartMonth: expected the month of the timeline's first change \(timeline\[1\]\.month = 12: the rule\), received 13/)]);
  });

  it('refuses months out of order or range, a first entry after month 0, an unknown regime, and a timeline without a change', () => {
    const p = problems(dirWith({ 'x.yaml': timeline('[{month: 2, regime: before}, {month: 12, regime: after}, {month: 12, regime: g}, {month: 40, regime: guidance}]') }));
    expect(p).toContainEqual(expect.stringMatching(/timeline\[0\]\.month: expected month 0 for the first entry .* received 2$/));
    expect(p).toContainEqual(expect.stringMatching(/timeline\[2\]\.month: expected a month after the previous change \(month 12\).* received 12$/));
    expect(p).toContainEqual(expect.stringMatching(/timeline\[3\]\.month: expected a month within the reported months 0\.\.35 \(months is 36\), received 40$/));
    expect(p).toContainEqual(expect.stringMatching(/timeline\[3\]\.regime: expected the name of a regime under regimes \(before, after, g\), received "guidance"$/));
    expect(p).toHaveLength(4);
    expect(problems(dirWith({ 'x.yaml': timeline('[{month: 0, regime: before}]') }))).toEqual([
      expect.stringMatching(/timeline: expected at least two entries: the regime both arms start under \(month 0\) and the rule/),
    ]);
  });

  it('may start the rule at month 0, as ruleStartMonth: 0 does (after a burn-in under the first regime)', () => {
    const dir = dirWith({ 'x.yaml': timeline('[{month: 0, regime: before}, {month: 0, regime: g}]') });
    const { scenario: s } = loadScenario(path.join(dir, 'x.yaml'));
    expect(s.ruleStartMonth).toBe(0);
    expect(timelineOf(s)[1]).toEqual({ month: 0, regime: 'g' });
  });
});

describe('sweep paths into a further regime', () => {
  it('accept a regime the base defines (or any regime name) and refuse an unknown field in it', () => {
    expect(checkFieldPath('regimes.guidance20.comprehensiveCap')).toEqual({ steps: ['regimes', 'guidance20', 'comprehensiveCap'], kind: 'number', nullable: true });
    expect(checkFieldPath('regimes.channelCut.greyAccess')).toMatchObject({ kind: 'number', nullable: false });
    const bad = checkFieldPath('regimes.guidance20.comprehensiveCapp');
    expect(isPathProblem(bad) && bad.message).toMatch(/unknown scenario field \(no `comprehensiveCapp` in regimes\.guidance20\); did you mean `regimes\.\w+\.comprehensiveCap`\?/);
  });
});

describe('a sweep over a later regime', () => {
  it('varies the guidance cap, and a change to a parent regime reaches the regimes that extend it', () => {
    const dir = dirWith({
      'g.yaml': [
        'sweep: guidance-cap', 'base: guidance-2026.yaml', 'runs: 2',
        'vary:', '  regimes.guidance20.comprehensiveCap: [0.18, 0.22]', '  regimes.after.outerCap: [0.24, 0.3]',
      ].join('\n'),
      'guidance-2026.yaml': fs.readFileSync(path.join(scenarios, 'guidance-2026.yaml'), 'utf8'),
    });
    const plan = loadSweep(path.join(dir, 'g.yaml'));
    expect(plan.points).toHaveLength(4);
    for (const p of plan.points) {
      const cap = p.values['regimes.guidance20.comprehensiveCap'];
      const outer = p.values['regimes.after.outerCap'];
      const r = p.scenario.regimes;
      expect(r.guidance20).toMatchObject({ comprehensiveCap: cap, outerCap: outer, greyAccess: 0.5 });
      expect(r.channelCut).toMatchObject({ comprehensiveCap: 0.24, outerCap: outer, greyAccess: 0.5 });
      expect(r.after!.outerCap).toBe(outer);
      expect(p.scenario.timeline?.map((e) => e.regime)).toEqual(['before', 'after', 'channelCut', 'guidance20']);
    }
  });
});

describe('decompose under a timeline', () => {
  it('refuses a timeline with regimes other than before, then after (there is no one rule to split)', () => {
    const { scenario } = loadScenario(path.join(scenarios, 'guidance-2026.yaml'));
    expect(() => effectiveComponents(scenario, {})).toThrow(/decompose splits the rule from before to after, received a timeline of before \(month 0\), after \(month 12\), channelCut \(month 15\), guidance20 \(month 16\)/);
    expect(Object.keys(effectiveComponents(defaultScenario(), {}))).toEqual(['other']);
  });
});

describe('quick sweep points over regimes that extend others', () => {
  it('equal the points resolved from the files', () => {
    const dir = dirWith({
      'base.yaml': 'extends: guidance-2026.yaml\nregimes:\n  channelCut: { outerCap: 0.3 }\n  extra: { extends: guidance20, nominalCap: 0.2 }\n',
      'guidance-2026.yaml': fs.readFileSync(path.join(scenarios, 'guidance-2026.yaml'), 'utf8'),
    });
    const base = path.join(dir, 'base.yaml');
    const fixed = loadScenario(base).scenario;
    const cases: Record<string, unknown>[] = [
      { 'regimes.after.outerCap': 0.26 }, // reaches nothing below channelCut, which names its own
      { 'regimes.after.greyAccess': 0.9 }, // channelCut names greyAccess: stops there
      { 'regimes.after.nominalCap': 0.22, 'regimes.channelCut.comprehensiveCap': 0.23 }, // extra names nominalCap
      { 'regimes.before.feeEvasion': 0.1, 'regimes.guidance20.feeEvasion': 0.2 }, // same field twice: the files decide
      { 'regimes.after.feeEvasion': 0.3 },
    ];
    let quickOnes = 0;
    for (const values of cases) {
      const slow = resolveScenarioObject({ extends: base, name: fixed.name, ...overridesTree(Object.entries(values)), runs: 2, seed: 7 }, { file: path.join(dir, 'p.yaml'), baseDir: dir }).scenario;
      const quick = quickPoint(fixed, values, 2, 7);
      expect(quick ?? slow, JSON.stringify(values)).toEqual(slow);
      if (quick) quickOnes++;
    }
    expect(quickOnes).toBe(cases.length - 1); // all but the one naming a field twice
    expect(quickPoint(fixed, { 'regimes.after.feeEvasion': 0.3 }, 2, 7)?.regimes.extra?.feeEvasion).toBe(0.3);
    // A scenario the loader did not resolve (a copy) has no lineage: the files decide.
    expect(quickPoint(structuredClone(fixed), { 'regimes.after.feeEvasion': 0.3 }, 2, 7)).toBeNull();
  });
});
