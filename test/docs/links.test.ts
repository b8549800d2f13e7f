// The docs stand alone: every relative link in the project's Markdown points at a file of the project,
// and none reaches outside the checkout (a clone has no ../shared beside it).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const FILES = ['README.md', 'scenarios/README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

describe('documentation links', () => {
  it.each(FILES)('%s links only to files inside the project', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    expect(text).not.toMatch(/\.\.\/shared\//);
    const broken: string[] = [];
    for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
      if (/^[a-z]+:/.test(target!)) continue;
      const abs = resolve(dirname(join(ROOT, file)), target!);
      if (relative(ROOT, abs).startsWith('..') || !existsSync(abs)) broken.push(target!);
    }
    expect(broken).toEqual([]);
  });
});
