/**
 * `lendsim check` and `lendsim schema` as a user runs them: the built CLI (`npm test` builds first;
 * by hand: `npx tsc -p tsconfig.json`), in a scratch copy of the scenarios and fixtures so that what
 * the command leaves on disk can be compared file by file.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../sim/scenario/load.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'dist/sim/cli/main.js');
let work: string;

/** Run the built CLI in the scratch directory. */
function lendsim(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: work, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under `dir` with its size and modification time: what a command could have changed. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    const st = fs.statSync(full);
    out[path.relative(dir, full)] = entry.isDirectory() ? 'dir' : `${st.size}:${st.mtimeMs}`;
  }
  return out;
}

beforeAll(() => {
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: build first (npm run build, or npm test which builds)`);
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'lendsim-check-'));
  fs.cpSync(path.join(root, 'scenarios'), path.join(work, 'scenarios'), { recursive: true });
  fs.cpSync(path.join(root, 'test/fixtures'), path.join(work, 'test/fixtures'), { recursive: true });
});
afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('lendsim check', () => {
  it('prints ok for valid files and exits 0', () => {
    const r = lendsim('check', 'scenarios/china-2025.yaml', 'scenarios/small.yaml');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('ok scenarios/china-2025.yaml\nok scenarios/small.yaml\n');
    expect(r.code).toBe(0);
  });

  it('on broken files: exits 2, prints every problem of every file, no stack, and changes nothing', () => {
    const before = snapshot(work);
    const r = lendsim('check', 'scenarios/small.yaml', 'test/fixtures/bad/many.yaml', 'test/fixtures/bad/cycle-a.yaml', 'test/fixtures/bad/binary.yaml');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('ok scenarios/small.yaml\n');
    expect(r.stderr).toMatch(/^lendsim: 9 problems in the input:\n/);
    for (const re of [
      /- test\/fixtures\/bad\/many\.yaml:6:3: borrowers\.count: expected an integer, received the string "5000"/,
      /- test\/fixtures\/bad\/many\.yaml:7:3: borrowers\.cout: unknown field; did you mean `count`\?/,
      /- test\/fixtures\/bad\/many\.yaml:8:3: borrowers\.segments: expected segment shares that sum to 1/,
      /- test\/fixtures\/bad\/many\.yaml:12:5: regimes\.after\.comprehensiveCap: expected a fraction <= 1, received 24 \(rates are fractions: write 0\.24 for 24%\)/,
      /- test\/fixtures\/bad\/many\.yaml:13:5: regimes\.after\.guarantees: .*did you mean `licensed`\?/,
      /- test\/fixtures\/bad\/many\.yaml:17:17: banks\.types\.city\.policy\.kind: .*did you mean `topK`\?/,
      /- test\/fixtures\/bad\/many\.yaml:4:1: ruleStartMonth: the rule must start within the reported months/,
      /- test\/fixtures\/bad\/cycle-b\.yaml:1:1: extends: the extends chain is a cycle: test\/fixtures\/bad\/cycle-a\.yaml -> test\/fixtures\/bad\/cycle-b\.yaml -> test\/fixtures\/bad\/cycle-a\.yaml/,
      /- test\/fixtures\/bad\/binary\.yaml: is not a text file/,
    ]) {
      expect(r.stderr).toMatch(re);
    }
    expect(r.stderr).not.toMatch(/ {4}at /);
    expect(snapshot(work)).toEqual(before);
  });

  it('reports a YAML syntax error with its line and column', () => {
    const r = lendsim('check', 'test/fixtures/bad/syntax.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/test\/fixtures\/bad\/syntax\.yaml:5:1: syntax error: /);
  });

  it('--print prints the resolved scenario, defaults filled, as JSON on stdout', () => {
    const r = lendsim('check', '--print', 'scenarios/small.yaml');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('ok scenarios/small.yaml\n');
    expect(JSON.parse(r.stdout)).toEqual(loadScenario(path.join(root, 'scenarios/small.yaml')).scenario);
  });

  it('--print with several files prints a JSON array in the order given', () => {
    const r = lendsim('check', 'scenarios/small.yaml', 'scenarios/china-2025.yaml', '--print');
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout) as { name: string }[];
    expect(printed.map((s) => s.name)).toEqual(['small', 'china-2025']);
  });

  it('--print prints nothing on stdout when a file has a problem', () => {
    const r = lendsim('check', '--print', 'scenarios/small.yaml', 'test/fixtures/bad/percent.yaml');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });
});

describe('lendsim schema', () => {
  it('prints scenarios/scenario.schema.json', () => {
    const r = lendsim('schema');
    expect(r.code).toBe(0);
    expect(r.stdout === fs.readFileSync(path.join(root, 'scenarios/scenario.schema.json'), 'utf8'), 'run `npx lendsim schema > scenarios/scenario.schema.json`').toBe(true);
  });
});
