// The cluster recipes without a cluster: the sbatch scripts run as Slurm would run them (the array
// index in SLURM_ARRAY_TASK_ID), and the Kubernetes manifest's command run as each pod of the
// Indexed Job would (JOB_COMPLETION_INDEX); both merge to one machine's bytes. The real Slurm run
// is test/slurm.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, distWorkerUrl, fixturePath, ROOT, tempDir } from '../run/helpers.js';

beforeAll(() => {
  distWorkerUrl();
});

const synthetic = ['--runner', fixturePath('synthetic.mjs')];
const read = (...p: string[]) => readFileSync(join(...p), 'utf8');

function sweepFiles(dir: string): string {
  writeFileSync(join(dir, 'base.yaml'), 'name: base\nruns: 3\nmonths: 8\nruleStartMonth: 4\noutputs: { report: false }\n');
  const file = join(dir, 'caps.yaml');
  writeFileSync(file, 'sweep: caps\nbase: base.yaml\nvary:\n  regimes.after.comprehensiveCap: [0.2, 0.24, 0.3]\n');
  return file;
}

function oneMachine(file: string, out: string): void {
  const r = spawnSync(process.execPath, [CLI, 'sweep', file, '--out', out, '--quiet', ...synthetic], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
}

describe('cluster/lendsim-shard.sbatch and lendsim-merge.sbatch', () => {
  it('run shard SLURM_ARRAY_TASK_ID of N, then merge, to the bytes of one machine', () => {
    const dir = tempDir();
    const file = sweepFiles(dir);
    oneMachine(file, join(dir, 'one'));
    const out = join(dir, 'array');
    const env = { ...process.env, LENDSIM: `${process.execPath} ${CLI}`, SLURM_CPUS_PER_TASK: '1' };
    for (let i = 0; i < 3; i++) {
      const r = spawnSync('bash', [join(ROOT, 'cluster/lendsim-shard.sbatch'), file, '3', out, ...synthetic], { env: { ...env, SLURM_ARRAY_TASK_ID: String(i) }, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`lendsim shard ${i}/3 of .*caps\\.yaml`));
    }
    const m = spawnSync('bash', [join(ROOT, 'cluster/lendsim-merge.sbatch'), out], { env, encoding: 'utf8' });
    expect(m.status, m.stderr).toBe(0);
    expect(read(out, 'sweep.json')).toBe(read(dir, 'one', 'sweep.json'));
  });

  it('refuse to run outside an array task, and submit.sh says its usage', () => {
    const r = spawnSync('bash', [join(ROOT, 'cluster/lendsim-shard.sbatch'), 'x.yaml', '3', '/tmp/x'], { env: { ...process.env, SLURM_ARRAY_TASK_ID: '' }, encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/not a Slurm array task: submit with sbatch --array=0-2/);
    const s = spawnSync(join(ROOT, 'cluster/submit.sh'), ['only-a-file.yaml'], { encoding: 'utf8' });
    expect(s.status).toBe(2);
    expect(s.stderr).toMatch(/usage: .*submit\.sh \[--wait\] \[--cpus C\] \[--sbatch "FLAGS"\] FILE N OUTDIR \[lendsim flags\.\.\.\]/);
  });
});

describe('cluster/k8s/shards-job.yaml', () => {
  const job = parse(read(ROOT, 'cluster/k8s/shards-job.yaml')) as any;
  const container = job.spec.template.spec.containers[0];
  const env = Object.fromEntries(container.env.map((e: { name: string; value: string }) => [e.name, e.value]));

  it('is an Indexed Job whose N is the same everywhere', () => {
    expect(job.kind).toBe('Job');
    expect(job.spec.completionMode).toBe('Indexed');
    expect(String(job.spec.completions)).toBe(env.SHARDS);
    expect(container.args[0]).toContain('--shard "$JOB_COMPLETION_INDEX/$SHARDS"');
    const merge = parse(read(ROOT, 'cluster/k8s/merge-job.yaml')) as any;
    expect(merge.spec.template.spec.containers[0].command).toEqual(['lendsim', 'merge', env.OUT]);
  });

  it('its pod command, run for every JOB_COMPLETION_INDEX, shards a sweep that merges to one machine\'s bytes', () => {
    const dir = tempDir();
    const file = sweepFiles(dir);
    oneMachine(file, join(dir, 'one'));
    // `lendsim` on PATH as in the image; the runner flag rides along for speed.
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'lendsim'), `#!/bin/sh\ncase "$1" in run|sweep) exec "${process.execPath}" "${CLI}" "$@" ${synthetic.join(' ')} ;; esac\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    chmodSync(join(bin, 'lendsim'), 0o755);
    const out = join(dir, 'k8s');
    const shards = 2;
    for (let i = 0; i < shards; i++) {
      const r = spawnSync(container.command[0], [...container.command.slice(1), container.args[0]], {
        env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, JOB_COMPLETION_INDEX: String(i), SHARDS: String(shards), FILE: file, OUT: out, WORKERS: '1' },
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(0);
    }
    const m = spawnSync(join(bin, 'lendsim'), ['merge', out, '--quiet'], { encoding: 'utf8' });
    expect(m.status, m.stderr).toBe(0);
    expect(read(out, 'sweep.json')).toBe(read(dir, 'one', 'sweep.json'));
  });
});
