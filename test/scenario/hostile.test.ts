// Hostile scenario text: nesting deep enough to crash a parser is refused before parsing, and control
// characters in names (which make the standalone SVG malformed) are refused with the field.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readShardHeader } from '../../sim/run/shards.js';
import { MAX_DEPTH, nestingDepth } from '../../sim/scenario/depth.js';
import { loadScenario } from '../../sim/scenario/load.js';
import { lendsim, ROOT, tempDir } from '../run/helpers.js';

function problemsOf(file: string): string {
  try {
    loadScenario(file);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`${file} loaded`);
}

describe('nesting depth', () => {
  it('measures flow and block nesting, skipping strings and comments', () => {
    expect(nestingDepth('{"a": {"b": [1, "[[[{{{"]}}', false)).toBe(3);
    expect(nestingDepth('a:\n  b:\n    - c: 1\n      d: [1, {e: 2}]\n# [[[[\nname: "x [[["\nnote: China\'s [market]\n', true)).toBeLessThanOrEqual(6);
    expect(nestingDepth('a:\n  b:\n    c:\n      d: 1\n', true)).toBe(4);
    for (const f of ['china-2025.yaml', 'small.yaml', 'cap-sweep.yaml']) {
      expect(nestingDepth(readFileSync(join(ROOT, 'scenarios', f), 'utf8'), true), f).toBeLessThanOrEqual(10);
    }
  });

  it('a 1,000-deep JSON or YAML file is refused before parsing, naming the file (the CLI exits 2)', () => {
    const dir = tempDir();
    const json = join(dir, 'deep.json');
    writeFileSync(json, `{"name": "x", "description": ${'['.repeat(1000)}${']'.repeat(1000)}}`);
    expect(problemsOf(json)).toMatch(new RegExp(`deep\\.json: nests 1001 levels deep; expected at most ${MAX_DEPTH}`));
    const yaml = join(dir, 'deep.yaml');
    writeFileSync(yaml, `name: x\nbanks:\n${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')} 1\n`);
    expect(problemsOf(yaml)).toMatch(/deep\.yaml: nests \d+ levels deep/);
    const r = lendsim(['check', json], { timeoutMs: 30_000 });
    expect([r.status, r.stderr]).toEqual([2, expect.stringMatching(/deep\.json: nests 1001 levels deep/)]);
    // A shard file's header too.
    const shard = join(dir, 'shard-0000-of-0001.lss');
    writeFileSync(shard, `{"format": "lendsim-shard/1", "plan": ${'['.repeat(1000)}${']'.repeat(1000)}}\n`);
    expect(() => readShardHeader(shard)).toThrow(/shard-0000-of-0001\.lss: not a lendsim shard file \(its header nests 1001 levels deep/);
  });
});

describe('control characters in text fields', () => {
  it('refuses C0 controls and DEL in names; a description may hold tabs and line breaks', () => {
    const dir = tempDir();
    const write = (name: string, text: string) => {
      const f = join(dir, name);
      writeFileSync(f, text);
      return f;
    };
    expect(problemsOf(write('bell.yaml', 'name: "a\\u0007b"\n'))).toMatch(/bell\.yaml.*name: expected text without control characters/);
    expect(problemsOf(write('bank.yaml', 'banks:\n  named:\n    evil: { name: "Bank\\u001b[31m", type: city }\n'))).toMatch(/banks\.named\.evil\.name: expected text without control characters/);
    expect(problemsOf(write('del.json', '{"description": "x\\u007f"}'))).toMatch(/description: expected text without control characters/);
    expect(() => loadScenario(write('lines.yaml', 'name: fine\ndescription: "line one\\n\\tline two\\r\\n"\n'))).not.toThrow();
  });
});
