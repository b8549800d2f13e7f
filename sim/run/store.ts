/**
 * The run store: every finished run is appended to disk the moment it arrives, so an experiment
 * killed at any point (even SIGKILL in the middle of a write) loses at most the runs in flight, and
 * `--resume` continues it.
 *
 * Layout of DIR/runs/:
 *   meta.json  what the runs belong to (format, scenario hash, seed, runs, months, metric names, bank
 *              ids, lendsim version); written atomically before the first run. A resume whose
 *              experiment differs in any of these is refused.
 *   runs.log   append-only records in completion order. Each record is a 16-byte header
 *              [u32 magic "LSR1", u32 payload bytes, u32 CRC-32 of the payload, u32 runIndex*2+arm]
 *              followed by the payload: the run packed by sim/model/pack.ts. A record is written with
 *              one positioned write and flushed (fdatasync). On open, the log is scanned and cut at the
 *              first record that is incomplete or fails its CRC: a torn last record is dropped, and that
 *              run is simply run again.
 *   lock       the pid of the process using the store; a second lendsim on the same DIR is refused
 *              while that process lives (a stale lock of a killed process is taken over).
 *
 * Only an index (run -> offset) is kept in memory; results are read back from disk in run-index
 * order when the experiment is summarized.
 */
import {
  closeSync, existsSync, fdatasyncSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, readSync,
  renameSync, rmSync, writeFileSync, writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describeIoError, InputError } from '../cli/errors.js';
import { readPackedHeader, unpack, type PackedHeader } from '../model/pack.js';
import { ARMS, type Arm, type RunResult } from '../model/result.js';
import { runSeed } from '../rng/streams.js';
import { atomicWrite, isAlive, removeStaleTemps, tempPath } from './atomicWrite.js';

export const STORE_FORMAT = 'lendsim-runs/1';
const RECORD_MAGIC = 0x3152534c; // "LSR1" little-endian
const RECORD_HEADER_BYTES = 16;

/** What a store's runs belong to. */
export interface StoreMeta {
  format: typeof STORE_FORMAT;
  /** Scenario name. */
  scenario: string;
  /** sha256 of the resolved scenario (defaults filled, --runs and --seed applied). */
  scenarioHash: string;
  seed: number;
  runs: number;
  months: number;
  metrics: readonly string[];
  banks: readonly string[];
  /** lendsim version that made the runs. */
  lendsim: string;
  /** git commit of the code that made the runs, when known (a different commit only warns). */
  gitCommit: string | null;
}

/**
 * How to open: `new` refuses a directory that already holds stored runs (no silent mixing),
 * `resume` continues them (refusing those of another experiment), `fresh` discards them.
 */
export type StoreMode = 'new' | 'resume' | 'fresh';

export interface OpenStoreOptions {
  mode: StoreMode;
  /** The directory as the user named it, for messages (default: the store's parent). */
  displayDir?: string;
  /** Flush every record to disk (default true; tests of speed may turn it off). */
  durable?: boolean;
}

interface Entry {
  offset: number;
  length: number;
}

/** The store's directory inside an output directory. */
export function storeDir(outDir: string): string {
  return join(outDir, 'runs');
}

/** The meta.json of the store in `outDir`, or null if there is none. */
export function readStoreMeta(outDir: string): StoreMeta | null {
  const file = join(storeDir(outDir), 'meta.json');
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as StoreMeta;
}

export class RunStore {
  readonly dir: string;
  readonly meta: StoreMeta;
  /** Bytes of a torn or corrupt tail cut off when the store was opened. */
  readonly droppedBytes: number;
  /** Things worth telling the user (a resume across code versions). */
  readonly warnings: readonly string[];
  private fd: number;
  private size: number;
  private readonly index = new Map<number, Entry>();
  private readonly durable: boolean;
  private readonly lockFile: string;

  private constructor(dir: string, meta: StoreMeta, fd: number, lockFile: string, durable: boolean, warnings: string[]) {
    this.dir = dir;
    this.meta = meta;
    this.fd = fd;
    this.lockFile = lockFile;
    this.durable = durable;
    this.warnings = warnings;
    this.size = 0;
    this.droppedBytes = this.scan();
  }

  /**
   * Open (or create) the store in `outDir/runs` for the experiment described by `meta`. Throws an
   * InputError when the mode does not allow what is there (see StoreMode) or another process holds it.
   */
  static open(outDir: string, meta: StoreMeta, options: OpenStoreOptions): RunStore {
    const dir = storeDir(outDir);
    const shown = options.displayDir ?? outDir;
    mkdirSync(dir, { recursive: true });
    const lockFile = acquireLock(dir, shown);
    try {
      removeStaleTemps(dir);
      const metaFile = join(dir, 'meta.json');
      const logFile = join(dir, 'runs.log');
      const stored = options.mode === 'fresh' ? null : readMetaOrRefuse(metaFile, logFile, shown);
      const warnings: string[] = [];
      let fresh = stored === null || options.mode === 'fresh';
      if (stored && !fresh) {
        const problems = metaMismatches(stored, meta);
        if (options.mode === 'new') {
          const count = existsSync(logFile) ? countValidRecords(logFile) : 0;
          if (count > 0) {
            const what = problems.length === 0 ? 'this experiment' : `another experiment (scenario ${stored.scenario}, seed ${stored.seed}, ${stored.runs} runs)`;
            throw new InputError(
              `${shown} already holds ${count} of ${stored.runs * ARMS.length} runs of ${what}; pass --resume to ${problems.length === 0 ? 'continue it (a finished one is only re-summarized)' : 'continue it with its own scenario'}, --fresh to discard them and start over, or --out another directory`,
            );
          }
          fresh = true; // nothing stored worth keeping
        } else if (problems.length > 0) {
          throw new InputError([
            `cannot resume in ${shown}: its stored runs belong to another experiment (pass --fresh to discard them, or --out another directory):`,
            ...problems,
          ]);
        } else if (stored.gitCommit && meta.gitCommit && stored.gitCommit !== meta.gitCommit) {
          warnings.push(`the stored runs in ${shown} were made at git commit ${stored.gitCommit.slice(0, 12)}, this is ${meta.gitCommit.slice(0, 12)}: if the engine changed since, use --fresh`);
        }
      }
      if (fresh) {
        rmSync(logFile, { force: true });
        rmSync(metaFile, { force: true });
        atomicWrite(metaFile, `${JSON.stringify(meta, null, 2)}\n`);
        writeFileSync(logFile, '');
      } else if (!existsSync(logFile)) {
        writeFileSync(logFile, '');
      }
      const fd = openSync(logFile, 'r+');
      return new RunStore(dir, fresh ? meta : (stored as StoreMeta), fd, lockFile, options.durable ?? true, warnings);
    } catch (err) {
      releaseLock(lockFile);
      throw err;
    }
  }

  private static key(arm: Arm, runIndex: number): number {
    return runIndex * ARMS.length + ARMS.indexOf(arm);
  }

  /** Stored runs (both arms counted). */
  get count(): number {
    return this.index.size;
  }

  /** Runs of the experiment (both arms counted). */
  get total(): number {
    return this.meta.runs * ARMS.length;
  }

  has(arm: Arm, runIndex: number): boolean {
    return this.index.has(RunStore.key(arm, runIndex));
  }

  /** The (run, arm) pairs not stored yet, in run-index order. */
  missing(): { runIndex: number; arm: Arm }[] {
    const out: { runIndex: number; arm: Arm }[] = [];
    for (let runIndex = 0; runIndex < this.meta.runs; runIndex++) {
      for (const arm of ARMS) if (!this.has(arm, runIndex)) out.push({ runIndex, arm });
    }
    return out;
  }

  /**
   * Append a packed run (sim/model/pack.ts) and flush it. A run already stored is ignored (returns
   * false). Throws when the buffer is not a run of this experiment.
   */
  append(buffer: ArrayBuffer): boolean {
    const header = readPackedHeader(buffer);
    this.checkBelongs(header);
    const key = RunStore.key(header.arm, header.runIndex);
    if (this.index.has(key)) return false;
    const record = Buffer.allocUnsafe(RECORD_HEADER_BYTES + buffer.byteLength);
    const payload = new Uint8Array(buffer);
    record.writeUInt32LE(RECORD_MAGIC, 0);
    record.writeUInt32LE(buffer.byteLength, 4);
    record.writeUInt32LE(crc32(payload), 8);
    record.writeUInt32LE(key, 12);
    record.set(payload, RECORD_HEADER_BYTES);
    let written = 0;
    while (written < record.length) written += writeSync(this.fd, record, written, record.length - written, this.size + written);
    if (this.durable) fdatasyncSync(this.fd);
    this.index.set(key, { offset: this.size + RECORD_HEADER_BYTES, length: buffer.byteLength });
    this.size += record.length;
    return true;
  }

  /** The packed bytes of a stored run. Throws if it is not stored. */
  read(arm: Arm, runIndex: number): ArrayBuffer {
    const entry = this.index.get(RunStore.key(arm, runIndex));
    if (!entry) throw new Error(`RunStore.read: run ${runIndex} (${arm}) is not stored in ${this.dir}`);
    const bytes = new Uint8Array(entry.length);
    readFully(this.fd, bytes, entry.offset);
    return bytes.buffer;
  }

  /** Every stored run, unpacked, in run-index order (policy before counterfactual). Needs a complete store. */
  *results(): Generator<RunResult> {
    if (this.count !== this.total) throw new Error(`RunStore.results: ${this.count} of ${this.total} runs are stored`);
    for (let runIndex = 0; runIndex < this.meta.runs; runIndex++) {
      for (const arm of ARMS) yield unpack(this.read(arm, runIndex), this.meta.banks);
    }
  }

  /** Close the log and release the lock. Safe to call twice. */
  close(): void {
    if (this.fd >= 0) {
      closeSync(this.fd);
      this.fd = -1;
      releaseLock(this.lockFile);
    }
  }

  private checkBelongs(h: PackedHeader): void {
    const m = this.meta;
    if (h.months !== m.months || h.bankCount !== m.banks.length || !(h.runIndex >= 0 && h.runIndex < m.runs && Number.isInteger(h.runIndex))) {
      throw new Error(`RunStore.append: run ${h.runIndex} (${h.arm}, ${h.months} months, ${h.bankCount} banks) does not belong to this experiment (${m.runs} runs, ${m.months} months, ${m.banks.length} banks)`);
    }
    const expected = runSeed(m.seed, h.runIndex);
    if (h.seed !== expected) {
      throw new Error(`run ${h.runIndex} (${h.arm}) has run seed ${h.seed}, run ${h.runIndex} of seed ${m.seed} has ${expected}: it belongs to another run set`);
    }
  }

  /**
   * Index the log. A record that is torn or fails its check is skipped: the scan resyncs at the next
   * valid record (records start at multiples of 8 bytes), so one bad byte loses one run, not every
   * later one. Damaged stretches inside the log are cut out (the log is rewritten without them, through
   * a temp file), a torn tail is cut off. Returns the bytes cut at the end.
   */
  private scan(): number {
    const size = fstatSync(this.fd).size;
    const kept: { at: number; length: number }[] = [];
    let at = 0;
    while (at + RECORD_HEADER_BYTES <= size) {
      const length = this.recordAt(at, size);
      if (length !== null) {
        kept.push({ at, length });
        at += RECORD_HEADER_BYTES + length;
        continue;
      }
      // Damaged: find the next record that checks out.
      let next = at + 8;
      while (next + RECORD_HEADER_BYTES <= size && this.recordAt(next, size) === null) next += 8;
      if (next + RECORD_HEADER_BYTES > size) break;
      this.damage.push({ at, bytes: next - at, runs: Math.max(1, this.magicsIn(at, next)) });
      at = next;
    }
    const tail = size - at;
    if (tail > 0) this.tailRuns = Math.max(1, this.magicsIn(at, size));
    if (this.damage.length > 0) {
      this.rewrite(kept);
    } else if (tail > 0) {
      ftruncateSync(this.fd, at);
      if (this.durable) fdatasyncSync(this.fd);
    }
    if (this.damage.length === 0) for (const k of kept) this.indexRecord(k.at, k.length);
    return tail;
  }

  /** Runs lost to damage inside the log (not its tail), with where: what the user is told. */
  readonly damage: { at: number; bytes: number; runs: number }[] = [];
  /** Records (at least one) lost in a torn or damaged tail. */
  private tailRuns = 0;

  /** Lines for the user on what opening the store cut (damaged records, a torn tail); empty when nothing. */
  notes(): string[] {
    const log = join(this.dir, 'runs.log');
    const out: string[] = [];
    if (this.damage.length > 0) {
      const runs = this.damage.reduce((a, d) => a + d.runs, 0);
      const where = this.damage.map((d) => `${d.bytes} bytes at byte ${d.at}`).join(', ');
      out.push(`${log}: damaged records dropped (${where}): ${runs} run${runs === 1 ? '' : 's'} lost and will run again; the ${this.count} runs around them are kept`);
    }
    if (this.droppedBytes > 0) out.push(`dropped a torn record (${this.droppedBytes} bytes) at the end of ${log}; ${this.tailRuns === 1 ? 'that run' : `those ${this.tailRuns} runs`} will run again`);
    return out;
  }

  /** The payload length of a complete, checked record of this store at `at`, or null. */
  private recordAt(at: number, size: number): number | null {
    const header = Buffer.alloc(RECORD_HEADER_BYTES);
    readFully(this.fd, header, at);
    const length = header.readUInt32LE(4);
    if (header.readUInt32LE(0) !== RECORD_MAGIC || length % 8 !== 0 || at + RECORD_HEADER_BYTES + length > size) return null;
    const payload = new Uint8Array(length);
    readFully(this.fd, payload, at + RECORD_HEADER_BYTES);
    if (crc32(payload) !== header.readUInt32LE(8)) return null;
    let h: PackedHeader;
    try {
      h = readPackedHeader(payload.buffer);
    } catch {
      return null;
    }
    if (RunStore.key(h.arm, h.runIndex) !== header.readUInt32LE(12)) return null;
    try {
      this.checkBelongs(h);
    } catch (err) {
      throw new InputError(`${join(this.dir, 'runs.log')}: the record at byte ${at}: ${(err as Error).message}; pass --fresh to discard the stored runs, or --out another directory`);
    }
    return length;
  }

  /** 8-aligned record magics in [from, to): how many records a damaged stretch held. */
  private magicsIn(from: number, to: number): number {
    const bytes = Buffer.alloc(to - from);
    readFully(this.fd, bytes, from);
    let n = 0;
    for (let i = 0; i + 4 <= bytes.length; i += 8) if (bytes.readUInt32LE(i) === RECORD_MAGIC) n++;
    return n;
  }

  private indexRecord(at: number, length: number): void {
    const header = Buffer.alloc(RECORD_HEADER_BYTES);
    readFully(this.fd, header, at);
    const key = header.readUInt32LE(12);
    if (!this.index.has(key)) this.index.set(key, { offset: at + RECORD_HEADER_BYTES, length });
    this.size = at + RECORD_HEADER_BYTES + length;
  }

  /** Rewrite the log with only the `kept` records (temp file, flush, rename), and index them. */
  private rewrite(kept: readonly { at: number; length: number }[]): void {
    const file = join(this.dir, 'runs.log');
    const tmp = tempPath(file);
    const out = openSync(tmp, 'w');
    let to = 0;
    try {
      for (const k of kept) {
        const record = Buffer.alloc(RECORD_HEADER_BYTES + k.length);
        readFully(this.fd, record, k.at);
        let done = 0;
        while (done < record.length) done += writeSync(out, record, done, record.length - done, to + done);
        to += record.length;
      }
      fsyncSync(out);
    } catch (err) {
      closeSync(out);
      rmSync(tmp, { force: true });
      throw err;
    }
    closeSync(out);
    renameSync(tmp, file);
    closeSync(this.fd);
    this.fd = openSync(file, 'r+');
    let at = 0;
    for (const k of kept) {
      this.indexRecord(at, k.length);
      at += RECORD_HEADER_BYTES + k.length;
    }
  }
}

function readFully(fd: number, into: Uint8Array, position: number): void {
  let got = 0;
  while (got < into.length) {
    const n = readSync(fd, into, got, into.length - got, position + got);
    if (n === 0) throw new Error(`unexpected end of the run log at byte ${position + got}`);
    got += n;
  }
}

/**
 * Runs stored in the run stores of these output directories (each `DIR/runs/runs.log`), read without
 * opening them as stores: what a failed or interrupted command reports as kept.
 */
export function countStoredRuns(outDirs: readonly string[]): number {
  let n = 0;
  for (const dir of outDirs) {
    const file = join(storeDir(dir), 'runs.log');
    try {
      if (existsSync(file)) n += countValidRecords(file);
    } catch {
      // unreadable: none counted
    }
  }
  return n;
}

/** Valid records in a log, without opening it as a store (for the refusal message). */
function countValidRecords(logFile: string): number {
  const fd = openSync(logFile, 'r');
  try {
    const size = fstatSync(fd).size;
    const header = Buffer.alloc(RECORD_HEADER_BYTES);
    const keys = new Set<number>();
    let at = 0;
    while (at + RECORD_HEADER_BYTES <= size) {
      readFully(fd, header, at);
      const length = header.readUInt32LE(4);
      if (header.readUInt32LE(0) !== RECORD_MAGIC || at + RECORD_HEADER_BYTES + length > size) break;
      const payload = new Uint8Array(length);
      readFully(fd, payload, at + RECORD_HEADER_BYTES);
      if (crc32(payload) !== header.readUInt32LE(8)) break;
      keys.add(header.readUInt32LE(12));
      at += RECORD_HEADER_BYTES + length;
    }
    return keys.size;
  } finally {
    closeSync(fd);
  }
}

/**
 * A store's meta.json, or null when there is none and no run is stored. A meta.json that is missing,
 * unreadable or not a store's while runs.log holds runs is refused: nothing says which experiment
 * those runs belong to, so they are neither resumed nor silently discarded (--fresh discards them).
 */
function readMetaOrRefuse(metaFile: string, logFile: string, shown: string): StoreMeta | null {
  let problem: string;
  if (!existsSync(metaFile)) {
    problem = 'is missing';
  } else {
    try {
      const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as unknown;
      if (meta !== null && typeof meta === 'object' && (meta as StoreMeta).format === STORE_FORMAT) return meta as StoreMeta;
      problem = `is not a ${STORE_FORMAT} meta.json`;
    } catch (err) {
      problem = err instanceof SyntaxError ? 'is not JSON (torn or edited)' : `cannot be read: ${describeIoError(err)}`;
    }
  }
  const count = existsSync(logFile) ? countValidRecords(logFile) : 0;
  if (count === 0) return null;
  throw new InputError(`${metaFile} ${problem}, and ${logFile} holds ${count} stored runs: which experiment they belong to is unknown; pass --fresh to discard them and start over in ${shown}, or --out another directory`);
}

/** One line per field in which the stored experiment differs from this one. */
export function metaMismatches(stored: StoreMeta, now: StoreMeta): string[] {
  const out: string[] = [];
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  if (stored.format !== now.format) out.push(`store format: stored ${stored.format}, this lendsim writes ${now.format}`);
  if (stored.scenarioHash !== now.scenarioHash) out.push(`scenario: stored ${stored.scenario} (hash ${String(stored.scenarioHash).slice(0, 12)}), now ${now.scenario} (hash ${now.scenarioHash.slice(0, 12)}): the resolved scenario differs`);
  if (stored.seed !== now.seed) out.push(`seed: stored ${stored.seed}, now ${now.seed}`);
  if (stored.runs !== now.runs) out.push(`runs: stored ${stored.runs}, now ${now.runs}`);
  if (stored.months !== now.months) out.push(`months: stored ${stored.months}, now ${now.months}`);
  if (!same(stored.metrics ?? [], now.metrics)) out.push('metrics: the stored runs record another list of metrics (made by another lendsim version)');
  if (!same(stored.banks ?? [], now.banks)) out.push(`named banks: stored [${(stored.banks ?? []).join(', ')}], now [${now.banks.join(', ')}]`);
  if (stored.lendsim !== now.lendsim) out.push(`lendsim version: stored runs made by ${stored.lendsim}, this is ${now.lendsim}`);
  return out;
}

/**
 * Lock a whole output directory (DIR/lock) for one lendsim, as a run store locks its runs/: what a
 * sweep holds before it touches points/ (--fresh removes them). Returns the release.
 * @throws InputError while another live lendsim holds it
 */
export function lockOutDir(dir: string, shown = dir): () => void {
  const file = acquireLock(dir, shown);
  return () => releaseLock(file);
}

function acquireLock(dir: string, shown: string): string {
  const file = join(dir, 'lock');
  const me = JSON.stringify({ pid: process.pid, host: hostname() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, me, { flag: 'wx' });
      return file;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let holder: { pid?: number; host?: string } = {};
    try {
      holder = JSON.parse(readFileSync(file, 'utf8')) as typeof holder;
    } catch {
      // unreadable: a lock torn by a kill; take it over
    }
    if (typeof holder.pid === 'number' && holder.pid !== process.pid && holder.host === hostname() && isAlive(holder.pid)) {
      throw new InputError(`${shown} is in use by another lendsim (process ${holder.pid}); wait for it to finish, or choose another --out`);
    }
    if (typeof holder.pid === 'number' && holder.host && holder.host !== hostname()) {
      throw new InputError(`${shown} is locked by a lendsim on host ${holder.host} (process ${holder.pid}); if that run is gone, delete ${file}`);
    }
    rmSync(file, { force: true }); // stale: its process is gone
  }
  throw new InputError(`could not lock ${shown} (${file})`);
}

function releaseLock(file: string): void {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as { pid?: number };
    if (holder.pid === process.pid) rmSync(file, { force: true });
  } catch {
    // already gone
  }
}
