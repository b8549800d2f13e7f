// The cluster path for real: a one-node Slurm cluster brought up here (localSlurm.ts), a 4-task job
// array of a small scenario submitted through the repository's script (cluster/submit.sh: the
// sbatch array plus the merge job that waits on it, sbatch --wait), and the merged files compared
// byte for byte with a one-machine run. With CI=true it must run; where Slurm cannot be started it
// is skipped with a loud message.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, distWorkerUrl, fixturePath, ROOT, tempDir } from '../run/helpers.js';
import { slurmUnavailable, startLocalSlurm, type LocalSlurm } from './localSlurm.js';

const CI = process.env.CI === 'true';
const why = slurmUnavailable();
if (why && !CI) {
  const line = '!'.repeat(100);
  console.warn(`\n${line}\n!! SKIPPED: the Slurm test (test/slurm) cannot bring up Slurm here: ${why}.\n!! It runs in CI (CI=true), where .ci/run installs slurm-wlm and munge.\n${line}\n`);
}

describe.skipIf(why !== null && !CI)('a Slurm job array of shards, merged', () => {
  let slurm: LocalSlurm | null = null;

  beforeAll(async () => {
    if (why) throw new Error(`CI=true but Slurm cannot be started here: ${why}`);
    distWorkerUrl();
    slurm = await startLocalSlurm();
  }, 120_000);

  afterAll(async () => {
    await slurm?.stop();
  }, 60_000);

  it('4 shards through cluster/submit.sh and the merge job give the bytes of one machine', () => {
    const dir = tempDir('lendsim-slurm-test-');
    const scenario = join(dir, 'slurm-small.yaml');
    // The small market (5000 borrowers, 18 months), the engine itself: 16 runs x 2 arms.
    writeFileSync(scenario, `extends: ${join(ROOT, 'scenarios/small.yaml')}\nname: slurm-small\nruns: 16\noutputs: { report: false }\n`);
    const lendsim = `${process.execPath} ${CLI}`;
    const env = { ...process.env, ...slurm!.env, LENDSIM: lendsim };

    const t0 = performance.now();
    const one = spawnSync(process.execPath, [CLI, 'run', scenario, '--out', join(dir, 'one'), '--workers', '2', '--quiet'], { encoding: 'utf8', timeout: 300_000 });
    const oneSeconds = (performance.now() - t0) / 1000;
    expect(one.status, one.stderr).toBe(0);

    const out = join(dir, 'slurm');
    const submitted = Date.now();
    const t1 = performance.now();
    const r = spawnSync(join(ROOT, 'cluster/submit.sh'), ['--wait', '--cpus', '1', scenario, '4', out], { cwd: dir, env, encoding: 'utf8', timeout: 600_000 });
    const arraySeconds = (performance.now() - t1) / 1000;
    const logs = () => {
      const d = join(out, 'slurm-logs');
      let text = '';
      try {
        for (const f of readdirSync(d)) text += `--- ${f}\n${readFileSync(join(d, f), 'utf8')}`;
      } catch {
        // no logs
      }
      return `${r.stdout}\n${r.stderr}\n${text}\n${slurm!.logs()}`;
    };
    expect(r.status, logs()).toBe(0);
    expect(r.stdout).toMatch(/submitted shards: job array \d+ \(0-3, 1 CPUs each\)/);

    expect(readdirSync(join(out, 'shards')).sort()).toEqual(['shard-0000-of-0004.lss', 'shard-0001-of-0004.lss', 'shard-0002-of-0004.lss', 'shard-0003-of-0004.lss']);
    for (let i = 0; i < 4; i++) expect(readFileSync(join(out, 'slurm-logs', `shard-${i}.out`), 'utf8')).toMatch(new RegExp(`shard ${i}/4: 8 runs in`));
    for (const f of ['summary.json', 'runs.csv', 'timeseries.csv', 'distributions.json']) {
      expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(join(dir, 'one', f), 'utf8'));
    }
    expect(readFileSync(join(out, 'slurm-logs', 'merge.out'), 'utf8')).toMatch(/merged 4 shards of run "slurm-small"/);

    // Wall times: the array and its merge as Slurm ran them (submission to the merged summary.json
    // on disk) and as `sbatch --wait` saw them (it polls, adding up to ~10 s), vs one machine.
    const merged = (statSync(join(out, 'summary.json')).mtimeMs - submitted) / 1000;
    const timing = { oneMachineSeconds: oneSeconds, slurmArrayAndMergeSeconds: merged, sbatchWaitSeconds: arraySeconds, shards: 4, cpusPerShard: 1, oneMachineWorkers: 2, runs: 32 };
    writeFileSync(join(dir, 'timing.json'), `${JSON.stringify(timing, null, 2)}\n`);
    console.log(`Slurm: 4-shard array + merge ${merged.toFixed(1)} s from submission to merged summary.json (sbatch --wait returned after ${arraySeconds.toFixed(1)} s); one machine (2 workers): ${oneSeconds.toFixed(1)} s; daemons ${JSON.stringify(slurm!.pids)}`);
    expect(merged).toBeGreaterThan(0);
  }, 600_000);

  it('a shard that fails makes submit.sh --wait fail, naming it; the merge job never runs', () => {
    const dir = tempDir('lendsim-slurm-test-');
    const scenario = join(dir, 'fails.yaml');
    writeFileSync(scenario, 'name: fails\nruns: 4\nmonths: 8\nruleStartMonth: 4\noutputs: { report: false }\n');
    const out = join(dir, 'out');
    // Run 3 of the policy arm throws (task 3 x 2 + 0 = 6, so shard 0 of 2); shard 1 succeeds.
    const r = spawnSync(join(ROOT, 'cluster/submit.sh'), ['--wait', scenario, '2', out, '--runner', fixturePath('throws.mjs')], {
      cwd: dir, env: { ...process.env, ...slurm!.env, LENDSIM: `${process.execPath} ${CLI}` }, encoding: 'utf8', timeout: 300_000,
    });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(1);
    expect(r.stderr).toMatch(/the merge job \d+ ended CANCELLED; shards that did not complete: 0; see .*slurm-logs/);
    expect(readFileSync(join(out, 'slurm-logs', 'shard-0.out'), 'utf8')).toMatch(/run 3 of arm policy .* failed: it threw: synthetic failure in run 3/);
    expect(readdirSync(join(out, 'shards'))).toContain('shard-0001-of-0002.lss');
    expect(readdirSync(out)).not.toContain('summary.json');
  }, 600_000);
});
