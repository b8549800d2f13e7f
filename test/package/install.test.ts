// The package as a user installs it: `npm pack`, `npm install -g` of the tarball into a private prefix,
// then, from an empty directory, the default experiment (one run), a scenario extending the shipped
// base by its bare name, and `lendsim init`. Needs the npm registry for the dependencies: where it
// cannot be reached the test is skipped with a loud message (with CI=true it fails).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../run/helpers.js';

const CI = process.env.CI === 'true';
let prefix = '';
let tarList: string[] = [];
let packed: { scripts?: Record<string, string>; license?: string } = {};
let skipped: string | null = null;

beforeAll(() => {
  const work = tempDir('lendsim-pack-');
  // dist is fresh (npm test builds first); prepack would build it again.
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' });
  const tarball = join(work, (JSON.parse(out) as { filename: string }[])[0]!.filename);
  tarList = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean);
  packed = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
  prefix = join(work, 'prefix');
  const install = spawnSync('npm', ['install', '-g', '--prefix', prefix, tarball, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
    encoding: 'utf8', timeout: 300_000, env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  if (install.status !== 0) {
    skipped = `npm install -g of the packed tarball failed (no registry?): ${install.stderr.trim().split('\n').slice(-3).join(' | ')}`;
    if (CI) throw new Error(skipped);
    process.stderr.write(`\n*** SKIPPED the installed-package tests: ${skipped}\n\n`);
  }
}, 360_000);

function lendsim(args: string[], cwd: string) {
  return spawnSync(join(prefix, 'bin', 'lendsim'), args, { cwd, encoding: 'utf8', timeout: 120_000 });
}

describe('the packed package', () => {
  it('ships the build, the scenarios, the docs and the LICENSE, not the tests, and runs no script on install', () => {
    for (const f of ['package/LICENSE', 'package/dist/sim/cli/main.js', 'package/dist/sim/index.d.ts', 'package/scenarios/china-2025.yaml', 'package/scenarios/scenario.schema.json', 'package/docs/contract.md']) {
      expect(tarList).toContain(f);
    }
    expect(tarList.filter((f) => f.startsWith('package/test/') || f.startsWith('package/sim/'))).toEqual([]);
    expect(packed.license).toBe('MIT');
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    for (const s of ['preinstall', 'install', 'postinstall', 'prepare']) expect(packed.scripts ?? {}).not.toHaveProperty(s);
    expect(packed.scripts?.prepack).toBe('npm run build');
  });
});

describe('the installed command, from an empty directory', () => {
  it('runs the shipped default scenario', (ctx) => {
    if (skipped) return ctx.skip();
    const dir = tempDir();
    const r = lendsim(['run', '--runs', '1', '--workers', '2', '--out', 'out', '--quiet'], dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8'));
    expect(manifest.scenario.file).toBe(join(prefix, 'lib/node_modules/lendsim/scenarios/china-2025.yaml'));
    expect(JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8')).scenario).toBe('china-2025');
  });

  it('resolves `extends: china-2025.yaml` to the shipped base when none stands beside the file', (ctx) => {
    if (skipped) return ctx.skip();
    const dir = tempDir();
    writeFileSync(join(dir, 'mine.yaml'), 'extends: china-2025.yaml\nruns: 2\nmonths: 6\nruleStartMonth: 3\nborrowers: { count: 2000 }\n');
    const r = lendsim(['run', 'mine.yaml', '--workers', '2', '--quiet'], dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'output', 'mine', 'manifest.json'), 'utf8'));
    expect(manifest.scenario.files).toEqual([join(dir, 'mine.yaml'), join(prefix, 'lib/node_modules/lendsim/scenarios/china-2025.yaml')]);
  });

  it('lendsim init copies the scenarios and sweeps with a modeline to the installed schema', (ctx) => {
    if (skipped) return ctx.skip();
    const dir = tempDir();
    const r = lendsim(['init', 'work', '--quiet'], dir);
    expect(r.status).toBe(0);
    const files = r.stdout.trim().split('\n');
    expect(files).toEqual(expect.arrayContaining([join('work', 'china-2025.yaml'), join('work', 'cap-sweep.yaml'), join('work', 'small.yaml')]));
    for (const f of files.filter((name) => !name.endsWith(`sensitivity-morris.yaml`))) {
      const schema = /^# yaml-language-server: \$schema=(\S+)\n/.exec(readFileSync(join(dir, f), 'utf8'))?.[1];
      expect(schema, f).toMatch(/^file:\/\/.*\/lib\/node_modules\/lendsim\/scenarios\/(scenario|sweep)\.schema\.json$/);
      expect(existsSync(fileURLToPath(schema!))).toBe(true);
    }
    expect(lendsim(['check', ...files], dir).status).toBe(0);
    expect(lendsim(['init', 'work'], dir).status).toBe(2); // never overwrites
  });
});
