// The command's small manners: -h and -V, an unknown command named as such, a closed pipe ending
// quietly, an empty scenario refused with the way to the default, and a start-up that loads no vega
// (neither `lendsim --version` nor `import 'lendsim'` pulls in the report).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI, lendsim, ROOT, tempDir } from '../run/helpers.js';

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** Every module URL a node process resolves (a resolve hook logs them to a file). */
function modulesLoaded(nodeArgs: string[]): string[] {
  const dir = tempDir();
  const log = join(dir, 'modules.log');
  writeFileSync(join(dir, 'hook.mjs'), `import { appendFileSync } from 'node:fs';
export async function resolve(spec, ctx, next) { const r = await next(spec, ctx); appendFileSync(${JSON.stringify(log)}, r.url + '\\n'); return r; }\n`);
  writeFileSync(join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hook.mjs')).href)});\n`);
  writeFileSync(log, '');
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(join(dir, 'register.mjs')).href, ...nodeArgs], { cwd: ROOT, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

describe('lendsim, the program', () => {
  it('-V and --version print the version; -h and --help the usage', () => {
    for (const flag of ['-V', '--version']) expect(lendsim([flag]).stdout).toBe(`${VERSION}\n`);
    for (const flag of ['-h', '--help']) {
      const r = lendsim([flag]);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^lendsim <command> \[options\]/);
    }
    expect(lendsim(['run', '-h']).stdout).toMatch(/^lendsim run \[scenario\]/);
  });

  it('names an unknown command as one, with the nearest real command', () => {
    const r = lendsim(['rn', 'x.yaml']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^lendsim: unknown command "rn"; the commands are run, sweep, decompose, sensitivity, calibrate, merge, report, check, schema, init; did you mean `run`\?/);
    expect(lendsim(['frobnicate']).stderr).toMatch(/^lendsim: unknown command "frobnicate"; the commands are run, /);
  });

  it('ends quietly when the reader closes the pipe (lendsim schema | head -c 1)', async () => {
    const child = spawn(process.execPath, [CLI, 'schema'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((res) => child.on('close', (c) => res(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('refuses an empty or comments-only scenario (exit 2) and says how to run the default', () => {
    const dir = tempDir();
    for (const [name, text] of [['empty.yaml', ''], ['comments.yaml', '# nothing yet\n']] as const) {
      writeFileSync(join(dir, name), text);
      const r = lendsim(['run', join(dir, name), '--out', join(dir, 'out')]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`${name}: is empty (or holds only comments)`);
      expect(r.stderr).toContain('To run the default market, run `lendsim run` with no file');
    }
  });

  it('starts without the report: --version and importing the library load no vega', () => {
    const vega = (urls: string[]) => urls.filter((u) => /node_modules\/vega/.test(u));
    expect(vega(modulesLoaded([CLI, '--version']))).toEqual([]);
    expect(vega(modulesLoaded([CLI, 'check', 'scenarios/small.yaml']))).toEqual([]);
    const index = pathToFileURL(join(ROOT, 'dist/sim/index.js')).href;
    const lib = modulesLoaded(['--input-type=module', '-e', `await import(${JSON.stringify(index)});`]);
    expect(lib.some((u) => u.endsWith('/dist/sim/run/experiment.js'))).toBe(true);
    expect(vega(lib)).toEqual([]);
  });
});
