import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../sim/cli/errors.js';
import { loadScenario, resolveScenarioObject } from '../../sim/scenario/load.js';
import { didYouMean, editDistance, formatPath } from '../../sim/scenario/problems.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bad = path.join(root, 'test/fixtures/bad');

/** The problems `loadScenario` throws for a file (fails the test if it loads). */
function problemsOf(file: string): readonly string[] {
  try {
    loadScenario(file);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as InputError).problems;
  }
  throw new Error(`${file} loaded, but it should not`);
}

/** fixture -> the problem lines it must give, in any order, and no others. */
const cases: [string, RegExp[]][] = [
  ['wrong-type.yaml', [
    /wrong-type\.yaml:3:3: borrowers\.count: expected an integer, received the string "5000" \(drop the quotes/,
    /wrong-type\.yaml:6:5: regimes\.after\.comprehensiveCap: expected a number or null, received the string "0\.24"/,
  ]],
  ['percent.yaml', [/percent\.yaml:4:5: regimes\.after\.comprehensiveCap: expected a fraction <= 1, received 24 \(rates are fractions: write 0\.24 for 24%\)/]],
  ['empty.yaml', [/empty\.yaml: is empty \(or holds only comments\).*To run the default market, run `lendsim run` with no file/]],
  ['empty-bytes.yaml', [/empty-bytes\.yaml: is empty/]],
  ['cap-above-one.yaml', [
    /cap-above-one\.yaml:4:5: regimes\.after\.comprehensiveCap: expected a fraction <= 1, received 1\.7/,
    /cap-above-one\.yaml:5:5: regimes\.after\.outerCap: expected a fraction <= 1, received 1\.01/,
  ]],
  ['negative-count.yaml', [/negative-count\.yaml:2:3: borrowers\.count: expected an integer >= 100, received -5000/]],
  ['huge-count.yaml', [/huge-count\.yaml:3:3: borrowers\.count: expected at most 20000000 borrowers per run, received 1000000000: .*not fit in memory/]],
  ['rule-after-end.yaml', [/rule-after-end\.yaml:2:1: ruleStartMonth: the rule must start within the reported months: expected 0\.\.11 \(months is 12\), received 18/]],
  ['misspelt-key.yaml', [/misspelt-key\.yaml:2:3: borrowers\.cout: unknown field; did you mean `count`\?/]],
  ['missing-extends.yaml', [/missing-extends\.yaml:1:1: extends: expected an existing scenario file, received "no-such-base\.yaml" \(there is no .*no-such-base\.yaml\)/]],
  ['cycle-a.yaml', [/cycle-b\.yaml:1:1: extends: the extends chain is a cycle: \S*cycle-a\.yaml -> \S*cycle-b\.yaml -> \S*cycle-a\.yaml/]],
  ['syntax.yaml', [/syntax\.yaml:5:1: syntax error: Flow sequence in block collection must be sufficiently indented and end with a \]/]],
  ['syntax.json', [/syntax\.json:4:1: JSON syntax error: /]],
  ['binary.yaml', [/binary\.yaml: is not a text file \(a NUL byte at offset 13\); expected YAML or JSON text/]],
  ['not-mapping.yaml', [/not-mapping\.yaml: \(top level\): expected a mapping of scenario fields .*, received a list of 2 items/]],
  ['chain-bad.yaml', [
    /chain-bad\.yaml:5:3: borrowers\.lgd: expected a fraction <= 1, received 85 \(rates are fractions: write 0\.85 for 85%\)/,
    // the rule start comes from small.yaml, the months from this file: both are named
    /chain-bad\.yaml, \S*small\.yaml: ruleStartMonth: .*expected 0\.\.3 \(months is 4\), received 6/,
  ]],
  ['many.yaml', [
    /many\.yaml:6:3: borrowers\.count: expected an integer, received the string "5000"/,
    /many\.yaml:7:3: borrowers\.cout: unknown field; did you mean `count`\?/,
    /many\.yaml:8:3: borrowers\.segments: expected segment shares that sum to 1, received 1\.05 \(prime 0\.5 \+ nearPrime 0\.35 \+ subprime 0\.2\)/,
    /many\.yaml:12:5: regimes\.after\.comprehensiveCap: expected a fraction <= 1, received 24/,
    /many\.yaml:13:5: regimes\.after\.guarantees: expected one of hidden, licensed, none, received the string "licenced"; did you mean `licensed`\?/,
    /many\.yaml:17:17: banks\.types\.city\.policy\.kind: expected one of optimize, topK, exit, runoff, static, received the string "topk"; did you mean `topK`\?/,
    /many\.yaml:4:1: ruleStartMonth: the rule must start within the reported months: expected 0\.\.5 \(months is 6\), received 9/,
  ]],
];

describe('problems in broken scenario files', () => {
  it.each(cases)('%s', (fixture, expected) => {
    const problems = problemsOf(path.join(bad, fixture));
    for (const re of expected) expect(problems, `no problem matches ${re}`).toEqual(expect.arrayContaining([expect.stringMatching(re)]));
    expect(problems).toHaveLength(expected.length);
  });

  it('names a missing file and a directory', () => {
    expect(problemsOf(path.join(bad, 'nope.yaml'))).toEqual([expect.stringMatching(/nope\.yaml: no such file$/)]);
    expect(problemsOf(bad)).toEqual([expect.stringMatching(/bad: is a directory; expected a scenario file \(YAML or JSON\)$/)]);
  });

  it('points an unknown field written at the wrong level to where it belongs', () => {
    expect(() => resolveScenarioObject({ comprehensiveCap: 0.2 }, { file: 'x.yaml', baseDir: bad })).toThrow(
      /x\.yaml: comprehensiveCap: unknown field; did you mean `regimes\.before\.comprehensiveCap` or `regimes\.after\.comprehensiveCap`\?/,
    );
  });

  it('names a missing required field of a new named bank, and a bad bank id', () => {
    const err = (() => {
      try {
        resolveScenarioObject({ banks: { named: { newbank: { name: 'New' }, '1bad': { name: 'x', type: 'city' } } } }, { file: 'x.yaml', baseDir: bad });
      } catch (e) {
        return e as InputError;
      }
    })();
    expect(err?.problems).toEqual([
      expect.stringMatching(/banks\.named\.newbank\.type: expected one of large, jointStock, city, rural, internet, received nothing \(the field is missing\)/),
      expect.stringMatching(/banks\.named\["1bad"\]: expected an id of letters, digits, _ or -, received the id "1bad"/),
    ]);
  });

  it('prints no stack and no zod jargon', () => {
    for (const [fixture] of cases) {
      for (const p of problemsOf(path.join(bad, fixture))) {
        expect(p).not.toMatch(/\n| {4}at |Invalid input|Too big|Too small|\u0000/);
      }
    }
  });
});

describe('did you mean', () => {
  it('editDistance counts an adjacent swap as one edit (Damerau), case-insensitively', () => {
    expect(editDistance('cout', 'count')).toBe(1);
    expect(editDistance('cuont', 'count')).toBe(1);
    expect(editDistance('Count', 'count')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3); // the textbook Levenshtein example
  });

  it('suggests the nearest sibling, a prefix, or nothing', () => {
    expect(didYouMean('cout', ['count', 'sigma', 'capital'])).toBe('count');
    expect(didYouMean('ruleStart', ['ruleStartMonth', 'months'])).toBe('ruleStartMonth');
    expect(didYouMean('borrower', ['borrowers', 'banks'])).toBe('borrowers');
    expect(didYouMean('zzzzzz', ['count', 'sigma'])).toBeUndefined();
  });

  it('formats paths the way the messages show them', () => {
    expect(formatPath(['regimes', 'after', 'comprehensiveCap'])).toBe('regimes.after.comprehensiveCap');
    expect(formatPath(['borrowers', 'macroShockLogit', 3])).toBe('borrowers.macroShockLogit[3]');
    expect(formatPath([])).toBe('(top level)');
  });
});
