/**
 * A private one-node Slurm cluster for the Slurm test (the recipe of a Debian Slurm install, made private):
 * its own munge key and socket, its own slurm.conf with free ports, spool, state, pid and log files,
 * all under one temporary directory, so it neither needs nor disturbs a system Slurm. The three
 * daemons run in the foreground as children of the test process (munged -F, slurmctld -D, slurmd -D)
 * so their pids are known; `stop()` shuts Slurm down (`scontrol shutdown`) and then ends whatever
 * is left by those pids, never by name.
 *
 * Needs root (slurmd runs jobs as their user), the slurm-wlm and munge packages (.ci/run installs
 * them where apt-get can), a `munge` user and setpriv (util-linux). `slurmUnavailable()` says what
 * is missing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

const BIN = {
  munged: '/usr/sbin/munged',
  slurmctld: '/usr/sbin/slurmctld',
  slurmd: '/usr/sbin/slurmd',
};
const TOOLS = ['sbatch', 'sinfo', 'scontrol', 'squeue', 'setpriv'];

function onPath(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
}

function userIds(name: string): { uid: number; gid: number } | null {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${name}:`));
  if (!line) return null;
  const f = line.split(':');
  return { uid: Number(f[2]), gid: Number(f[3]) };
}

/** Why a local Slurm cannot be started here, or null when it can be tried. */
export function slurmUnavailable(): string | null {
  if (process.platform !== 'linux') return `not Linux (${process.platform})`;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return 'not root (slurmd must run as root)';
  const missing = [...Object.values(BIN).filter((b) => !existsSync(b)), ...TOOLS.filter((t) => !onPath(t))];
  if (missing.length > 0) return `missing ${missing.join(', ')} (apt-get install slurm-wlm munge)`;
  if (!existsSync('/etc/passwd') || !userIds('munge')) return 'no `munge` user (apt-get install munge)';
  return null;
}

/** A TCP port nobody listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface LocalSlurm {
  /** The state directory (config, spool, logs). */
  dir: string;
  /** Environment for Slurm's clients (SLURM_CONF). */
  env: Record<string, string>;
  /** The daemons this process started, by name. */
  pids: Record<string, number>;
  /** Shut Slurm down and end the daemons by their pids; then remove the state directory. */
  stop(): Promise<void>;
  /** The daemons' logs, for a failure message. */
  logs(): string;
}

/** Start munged, slurmctld and slurmd; resolve when the node is idle. Throws with the logs when it is not within `timeoutMs`. */
export async function startLocalSlurm(timeoutMs = 60_000): Promise<LocalSlurm> {
  const dir = mkdtempSync(join(tmpdir(), 'lendsim-slurm-'));
  chmodSync(dir, 0o755);
  const munge = join(dir, 'munge');
  const spool = join(dir, 'spool');
  const log = join(dir, 'log');
  for (const d of [munge, join(spool, 'ctld'), join(spool, 'd'), log]) mkdirSync(d, { recursive: true });
  const ids = userIds('munge')!;
  writeFileSync(join(munge, 'munge.key'), randomBytes(1024), { mode: 0o400 });
  chownSync(munge, ids.uid, ids.gid);
  chownSync(join(munge, 'munge.key'), ids.uid, ids.gid);
  chmodSync(munge, 0o755); // munged wants its socket's directory searchable by all
  const socket = join(munge, 'munge.socket');

  const children: Record<string, ChildProcess> = {};
  const started = (name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) => {
    const out = openSync(join(log, `${name}.out`), 'a');
    const child = spawn(cmd, args, { stdio: ['ignore', out, out], env });
    children[name] = child;
    return child;
  };
  const kill = () => {
    for (const c of Object.values(children)) if (c.pid && c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  };
  // If the test process dies first, do not leave its daemons behind.
  process.once('exit', kill);

  const logs = () =>
    ['munged.out', 'slurmctld.out', 'slurmd.out', 'slurmctld.log', 'slurmd.log']
      .filter((f) => existsSync(join(log, f)))
      .map((f) => `--- ${f}\n${readFileSync(join(log, f), 'utf8').split('\n').slice(-15).join('\n')}`)
      .join('\n');

  const conf = join(dir, 'slurm.conf');
  const env = { SLURM_CONF: conf };
  const stop = async () => {
    spawnSync('scontrol', ['shutdown'], { env: { ...process.env, ...env }, stdio: 'ignore', timeout: 15_000 });
    const deadline = Date.now() + 15_000;
    const slurm = [children.slurmctld, children.slurmd].filter((c): c is ChildProcess => c !== undefined);
    while (Date.now() < deadline && slurm.some((c) => c.exitCode === null && c.signalCode === null)) await sleep(100);
    kill(); // what did not stop (and munged), by pid
    const end = Date.now() + 10_000;
    while (Date.now() < end && Object.values(children).some((c) => c.exitCode === null && c.signalCode === null)) await sleep(100);
    for (const c of Object.values(children)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    process.off('exit', kill);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    started('munged', 'setpriv', ['--reuid', String(ids.uid), '--regid', String(ids.gid), '--init-groups', BIN.munged, '-F',
      `--socket=${socket}`, `--key-file=${join(munge, 'munge.key')}`, `--pid-file=${join(munge, 'munged.pid')}`,
      `--log-file=${join(munge, 'munged.log')}`, `--seed-file=${join(munge, 'munged.seed')}`]);
    for (let t = Date.now(); !existsSync(socket); await sleep(50)) {
      if (Date.now() - t > 10_000) throw new Error('munged did not create its socket');
    }

    const host = hostname().split('.')[0]!;
    const [ctldPort, dPort] = [await freePort(), await freePort()];
    writeFileSync(conf, [
      'ClusterName=lendsimtest',
      `SlurmctldHost=${host}(127.0.0.1)`,
      `SlurmctldPort=${ctldPort}`,
      `SlurmdPort=${dPort}`,
      'SlurmUser=root', 'SlurmdUser=root',
      'AuthType=auth/munge', `AuthInfo=socket=${socket}`, 'CredType=cred/munge',
      `StateSaveLocation=${join(spool, 'ctld')}`, `SlurmdSpoolDir=${join(spool, 'd')}`,
      `SlurmctldPidFile=${join(dir, 'slurmctld.pid')}`, `SlurmdPidFile=${join(dir, 'slurmd.pid')}`,
      'ProctrackType=proctrack/linuxproc', 'TaskPlugin=task/none', 'JobAcctGatherType=jobacct_gather/none', 'MpiDefault=none',
      'SchedulerType=sched/backfill', 'SelectType=select/cons_tres', 'SelectTypeParameters=CR_Core', 'ReturnToService=2',
      `SlurmctldLogFile=${join(log, 'slurmctld.log')}`, `SlurmdLogFile=${join(log, 'slurmd.log')}`,
      `NodeName=${host} NodeAddr=127.0.0.1 CPUs=${cpus().length} State=UNKNOWN`,
      `PartitionName=main Nodes=${host} Default=YES MaxTime=INFINITE State=UP`,
      '',
    ].join('\n'));
    const daemonEnv = { ...process.env, ...env };
    started('slurmctld', BIN.slurmctld, ['-D', '-f', conf], daemonEnv);
    started('slurmd', BIN.slurmd, ['-D', '-f', conf, '-N', host], daemonEnv);

    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const dead = Object.entries(children).find(([, c]) => c.exitCode !== null || c.signalCode !== null);
      if (dead) throw new Error(`${dead[0]} exited (${dead[1].exitCode ?? dead[1].signalCode})`);
      const state = spawnSync('sinfo', ['-h', '-o', '%T'], { env: daemonEnv, encoding: 'utf8', timeout: 10_000 }).stdout?.trim();
      if (state === 'idle') break;
      if (Date.now() > deadline) throw new Error(`the node did not become idle within ${timeoutMs / 1000} s (sinfo: ${JSON.stringify(state)})`);
      await sleep(250);
    }
  } catch (err) {
    const text = logs();
    await stop();
    throw new Error(`could not start a local Slurm: ${(err as Error).message}\n${text}`);
  }
  const pids = Object.fromEntries(Object.entries(children).map(([k, c]) => [k, c.pid!]));
  return { dir, env, pids, stop, logs };
}
