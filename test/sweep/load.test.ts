// Sweep files as a user writes them: shape, field paths against the scenario schema, values the
// scenario would refuse, all reported at once before any run, in the scenario files' format.
import { describe, expect, it } from 'vitest';
import { checkFieldPath, closestPath, isPathProblem } from '../../sim/sweep/fieldPaths.js';
import { loadSweep } from '../../sim/sweep/load.js';
import { problems, tempDir, tinyBase, writeFile } from './helpers.js';

describe('field paths', () => {
  it('accepts the scenario fields a sweep varies, and says what they hold', () => {
    for (const p of ['regimes.after.comprehensiveCap', 'banks.types.city.fundingCostAnnual', 'regimes.after.listCostPerPartner', 'platforms.tail.visibility', 'regimes.after.bureauVisibility']) {
      const r = checkFieldPath(p);
      expect(isPathProblem(r), p).toBe(false);
    }
    expect(checkFieldPath('regimes.after.comprehensiveCap')).toMatchObject({ kind: 'number', nullable: true });
    expect(checkFieldPath('borrowers.applicationsPerMonth')).toMatchObject({ kind: 'integer' });
    expect(checkFieldPath('regimes.after.guarantees')).toMatchObject({ kind: 'enum' });
    expect(checkFieldPath('banks.types.city.policy')).toMatchObject({ kind: 'mapping' });
    expect(checkFieldPath('banks.types.city.policy.k')).toMatchObject({ kind: 'integer' });
    expect(checkFieldPath('banks.named.yillion.initialPartners', ['yillion'])).toMatchObject({ kind: 'integer' });
  });

  it('refuses an unknown path naming the closest real one', () => {
    const cases: [string, string][] = [
      ['regimes.after.comprehensivCap', 'regimes.after.comprehensiveCap'],
      ['regimes.comprehensiveCap', 'regimes.after.comprehensiveCap'],
      ['banks.types.cty.fundingCostAnnual', 'banks.types.city.fundingCostAnnual'],
      ['banks.types.city.fundingCost', 'banks.types.city.fundingCostAnnual'],
      ['platform.tail.visibility', 'platforms.tail.visibility'],
      ['regimes.after.listCostPerParter', 'regimes.after.listCostPerPartner'],
      ['comprehensiveCap', 'regimes.after.comprehensiveCap'],
    ];
    for (const [given, meant] of cases) {
      const r = checkFieldPath(given, ['yillion']);
      expect(isPathProblem(r) && r.closest, given).toBe(meant);
      expect(isPathProblem(r) && r.message, given).toMatch(new RegExp(`did you mean \`${meant.replace(/\./g, '\\.')}\`\\?$`));
    }
    expect(closestPath('zzzzzzzz.qqqq')).toBeUndefined();
  });

  it('refuses paths into a list or a single value, and the sweep\'s own fields', () => {
    expect(checkFieldPath('borrowers.macroShockLogit.3')).toMatchObject({ message: expect.stringMatching(/is a list: a path stops there/) });
    expect(checkFieldPath('borrowers.count.x')).toMatchObject({ message: expect.stringMatching(/single value/) });
    expect(checkFieldPath('seed')).toMatchObject({ message: expect.stringMatching(/common random numbers/) });
    expect(checkFieldPath('runs')).toMatchObject({ message: expect.stringMatching(/sweep's own `runs:`/) });
    expect(checkFieldPath('regimes..after')).toMatchObject({ message: expect.stringMatching(/expected a field path/) });
  });
});

describe('loadSweep', () => {
  it('resolves every point: the base, set, the values, the sweep\'s runs and seed, the base\'s name', () => {
    const dir = tempDir();
    tinyBase(dir);
    const file = writeFile(dir, 's.yaml', [
      'sweep: two fields', 'base: tiny.yaml', 'set:', '  borrowers.count: 1000', '  regimes.after.outerCap: 0.36',
      'vary:', '  regimes.after.comprehensiveCap: { from: 0.2, to: 0.3, step: 0.05 }', '  regimes.after.guarantees: [licensed, none]',
      'runs: 3', 'seed: 99', '',
    ].join('\n'));
    const plan = loadSweep(file);
    expect(plan.fields).toEqual(['regimes.after.comprehensiveCap', 'regimes.after.guarantees']);
    expect(plan.points.map((p) => p.values)).toEqual([
      { 'regimes.after.comprehensiveCap': 0.2, 'regimes.after.guarantees': 'licensed' },
      { 'regimes.after.comprehensiveCap': 0.2, 'regimes.after.guarantees': 'none' },
      { 'regimes.after.comprehensiveCap': 0.25, 'regimes.after.guarantees': 'licensed' },
      { 'regimes.after.comprehensiveCap': 0.25, 'regimes.after.guarantees': 'none' },
      { 'regimes.after.comprehensiveCap': 0.3, 'regimes.after.guarantees': 'licensed' },
      { 'regimes.after.comprehensiveCap': 0.3, 'regimes.after.guarantees': 'none' },
    ]);
    for (const p of plan.points) {
      expect(p.scenario).toMatchObject({ name: 'tiny', runs: 3, seed: 99, months: 8, borrowers: { count: 1000 } });
      expect(p.scenario.regimes.after.comprehensiveCap).toBe(p.values['regimes.after.comprehensiveCap']);
      expect(p.scenario.regimes.after.guarantees).toBe(p.values['regimes.after.guarantees']);
      expect(p.scenario.regimes.after.outerCap).toBe(0.36);
      expect(p.scenario.regimes.before).toEqual(plan.points[0]!.scenario.regimes.before);
    }
    expect(plan).toMatchObject({ name: 'two fields', design: 'grid', runs: 3, seed: 99, samples: null });
    expect(plan.fieldKinds).toEqual({ 'regimes.after.comprehensiveCap': 'number', 'regimes.after.guarantees': 'enum' });
  });

  it('takes runs and seed from the base unless the sweep or the command line sets them; the plan hash follows', () => {
    const dir = tempDir();
    tinyBase(dir);
    const file = writeFile(dir, 's.yaml', 'sweep: s\nbase: tiny.yaml\nvary:\n  regimes.after.comprehensiveCap: [0.2, 0.3]\n');
    const a = loadSweep(file);
    expect([a.runs, a.seed]).toEqual([2, 20251001]);
    const b = loadSweep(file, { runs: 5, seed: 1 });
    expect([b.runs, b.seed, b.points[1]!.scenario.runs, b.points[1]!.scenario.seed]).toEqual([5, 1, 5, 1]);
    expect(b.hash).not.toBe(a.hash);
    expect(loadSweep(file).hash).toBe(a.hash);
  });

  it('samples an lhs design with one point per stratum, seeded by the sweep seed', () => {
    const dir = tempDir();
    tinyBase(dir);
    const file = writeFile(dir, 'l.yaml', 'sweep: l\nbase: tiny.yaml\ndesign: lhs\nsamples: 8\nvary:\n  regimes.after.comprehensiveCap: { min: 0.16, max: 0.32 }\n  borrowers.applicationsPerMonth: { min: 1, max: 4 }\n');
    const plan = loadSweep(file);
    expect(plan.points).toHaveLength(8);
    const strata = plan.points.map((p) => Math.floor(((p.values['regimes.after.comprehensiveCap'] as number) - 0.16) / 0.02)).sort();
    expect(strata).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (const p of plan.points) expect(Number.isInteger(p.scenario.borrowers.applicationsPerMonth)).toBe(true);
    expect(loadSweep(file, { seed: 5 }).points).not.toEqual(plan.points);
  });

  it('reports every problem of the file at once, each with its line and the fix', () => {
    const dir = tempDir();
    tinyBase(dir);
    const file = writeFile(dir, 'bad.yaml', [
      'sweep: bad', // 1
      'base: tiny.yaml', // 2
      'set:', // 3
      '  borrowers.cout: 100', // 4
      'vary:', // 5
      '  regimes.after.comprehensivCap: [0.1, 0.2]', // 6
      '  platforms.tail.visibility: 0.3', // 7
      '  regimes.after.listCostPerPartner: { from: 1, to: 2 }', // 8
      'samples: 3', // 9
      'desing: grid', // 10
      '',
    ].join('\n'));
    const p = problems(file);
    const shown = file.replace(/[.]/g, '\\.');
    const expectLine = (re: RegExp) => expect(p.some((l) => re.test(l)), `${re}\n${p.join('\n')}`).toBe(true);
    expectLine(new RegExp(`${shown}:4:3: set\\["borrowers.cout"\\]: unknown scenario field \\(no \`cout\` in borrowers\\); did you mean \`borrowers.count\`\\?`));
    expectLine(new RegExp(`${shown}:6:3: vary\\["regimes.after.comprehensivCap"\\]: .*did you mean \`regimes.after.comprehensiveCap\`\\?`));
    expectLine(new RegExp(`${shown}:7:3: vary\\["platforms.tail.visibility"\\]: expected a list of values, \\{from, to, step\\} \\(grid\\) or \\{min, max\\} \\(lhs\\), received 0.3; a value that stays fixed goes under \`set:\``));
    expectLine(new RegExp(`${shown}:8:3: vary\\["regimes.after.listCostPerPartner"\\]: expected \\{from, to, step\\} with numbers, received \\{from, to\\} \\(missing step\\)`));
    expectLine(new RegExp(`${shown}:9:1: samples: expected no samples with design: grid`));
    expectLine(new RegExp(`${shown}:10:1: desing: unknown field; did you mean \`design\`\\?`));
    expect(p).toHaveLength(6);
  });

  it('refuses a value the field would refuse before any run, in the scenario problem format at the vary line', () => {
    const dir = tempDir();
    tinyBase(dir);
    const file = writeFile(dir, 'v.yaml', 'sweep: v\nbase: tiny.yaml\nvary:\n  banks.types.city.fundingCostAnnual: [0.02, 3, 0.6]\n  regimes.after.guarantees: [licensed, hiden]\n');
    const p = problems(file);
    expect(p).toContain(`${file}:4:3: banks.types.city.fundingCostAnnual: expected a fraction <= 0.5, received 3 (rates are fractions: write 0.03 for 3%)`);
    expect(p).toContain(`${file}:4:3: banks.types.city.fundingCostAnnual: expected a fraction <= 0.5, received 0.6`);
    expect(p).toContain(`${file}:5:3: regimes.after.guarantees: expected one of hidden, licensed, none, received the string "hiden"; did you mean \`hidden\`?`);
    expect(p).toHaveLength(3); // each refused value once, not once per grid point
  });

  it('names the base file for a cross-field rule the swept value breaks there', () => {
    const dir = tempDir();
    tinyBase(dir);
    const file = writeFile(dir, 'r.yaml', 'sweep: r\nbase: tiny.yaml\nvary:\n  ruleStartMonth: [2, 12]\n');
    expect(problems(file)).toEqual([expect.stringMatching(/tiny\.yaml, .*r\.yaml: ruleStartMonth: the rule must start within the reported months: expected 0\.\.7 \(months is 8\), received 12$/)]);
  });

  it('checks the design: lhs needs samples and {min, max} on numeric fields; grid refuses {min, max}', () => {
    const dir = tempDir();
    tinyBase(dir);
    const lhsNoSamples = writeFile(dir, 'a.yaml', 'sweep: a\nbase: tiny.yaml\ndesign: lhs\nvary:\n  regimes.after.comprehensiveCap: [0.2, 0.3]\n');
    expect(problems(lhsNoSamples)).toEqual([
      expect.stringMatching(/a\.yaml: samples: expected the number of points \(samples: K\) with design: lhs/),
      expect.stringMatching(/a\.yaml:5:3: vary\["regimes.after.comprehensiveCap"\]: expected \{min, max\} with design: lhs/),
    ]);
    const gridBounds = writeFile(dir, 'b.yaml', 'sweep: b\nbase: tiny.yaml\nvary:\n  regimes.after.comprehensiveCap: { min: 0.2, max: 0.3 }\n');
    expect(problems(gridBounds)).toEqual([expect.stringMatching(/b\.yaml:4:3: .*expected a list of values or \{from, to, step\} with design: grid, received \{min, max\}; write design: lhs and samples: K/)]);
    const lhsEnum = writeFile(dir, 'c.yaml', 'sweep: c\nbase: tiny.yaml\ndesign: lhs\nsamples: 4\nvary:\n  regimes.after.feesInsideCap: { min: 0, max: 1 }\n');
    expect(problems(lhsEnum)).toEqual([expect.stringMatching(/c\.yaml:6:3: vary\["regimes.after.feesInsideCap"\]: expected a numeric field for design: lhs/)]);
    const empty = writeFile(dir, 'd.yaml', 'sweep: d\nbase: tiny.yaml\nvary: {}\n');
    expect(problems(empty)).toEqual([expect.stringMatching(/d\.yaml:3:1: vary: expected at least one field to vary, received none/)]);
  });

  it('refuses a missing base at its line, and a field both set and varied', () => {
    const dir = tempDir();
    tinyBase(dir);
    const file = writeFile(dir, 'm.yaml', 'sweep: m\nbase: nowhere.yaml\nvary:\n  regimes.after.comprehensiveCap: [0.2]\n');
    expect(problems(file)).toEqual([expect.stringMatching(/m\.yaml:2:1: base: expected an existing scenario file, relative to this file, received "nowhere.yaml" \(there is no .*nowhere\.yaml\)/)]);
    const both = writeFile(dir, 'n.yaml', 'sweep: n\nbase: tiny.yaml\nset:\n  regimes.after.comprehensiveCap: 0.2\nvary:\n  regimes.after.comprehensiveCap: [0.2]\n');
    expect(problems(both)).toEqual([expect.stringMatching(/n\.yaml:4:3: set\["regimes.after.comprehensiveCap"\]: is also under vary/)]);
  });
});
