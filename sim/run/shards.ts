/**
 * Shards: a run set split by task index across machines (`--shard I/N`, 0-based I), each writing one
 * file that `lendsim merge` combines into the bytes one machine would have written.
 *
 * Which tasks a shard runs depends on the task index alone: shard I of N runs the tasks with
 * `task % N === I` (runSet.ts numbers them point by point, run by run, arm by arm), so the split is
 * deterministic, balanced across sweep points, and the same on any machine.
 *
 * A shard works in DIR/shards/work-I-of-N/ (a run store per experiment, so a killed shard resumes
 * with --resume) and, once all its runs are in, writes DIR/shards/shard-I-of-N.lss atomically and
 * removes its work directory. Re-running a shard replaces that one file and touches nothing else.
 *
 * Shard file layout (`lendsim-shard/1`):
 *   line 1   the header as JSON (ShardHeader): what the runs belong to (kind, name, content hash,
 *            seed, runs, N, I, lendsim version), the command that makes a shard, and the plan (the
 *            resolved scenario, or the sweep's points) so that merge needs nothing but the files;
 *   then     one record per task in task order: a 20-byte header [u32 magic "LSH1", u32 payload
 *            bytes, u32 CRC-32 of the payload, u32 experiment (sweep point), u32 runIndex*2+arm],
 *            then the payload, the run packed by sim/model/pack.ts.
 */
import { closeSync, constants, fstatSync, fsyncSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { depthProblem } from '../scenario/depth.js';
import type { Scenario } from '../scenario/schema.js';
import type { SweepPlan } from '../sweep/plan.js';
import { isStaleTemp, tempPath } from './atomicWrite.js';
import { checkShardHeader } from './shardHeader.js';

export const SHARD_FORMAT = 'lendsim-shard/1';
const RECORD_MAGIC = 0x3148534c; // "LSH1" little-endian
const RECORD_HEADER_BYTES = 20;
export const SHARD_EXTENSION = '.lss';
/** Most shards a run set may be split into. */
export const MAX_SHARDS = 100_000;

export interface ShardSpec {
  /** 0-based. */
  index: number;
  count: number;
}

/**
 * `I/N` -> {index: I, count: N}, or a problem text. 0 <= I < N.
 * @example parseShard('2/4') // { index: 2, count: 4 }
 */
export function parseShard(text: string): ShardSpec | string {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) return `--shard: expected I/N (0-based shard I of N, e.g. 0/4), received ${JSON.stringify(text)}`;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > MAX_SHARDS) return `--shard: expected N from 1 to ${MAX_SHARDS}, received ${JSON.stringify(text)}`;
  if (index >= count) return `--shard: expected I from 0 to ${count - 1} (shards are numbered from 0), received ${JSON.stringify(text)}`;
  return { index, count };
}

/** Whether task `task` belongs to shard `spec`. */
export function inShard(spec: ShardSpec): (task: number) => boolean {
  return (task) => task % spec.count === spec.index;
}

/** How many of `total` tasks shard `spec` runs. */
export function shardTaskCount(total: number, spec: ShardSpec): number {
  return spec.index < total ? Math.floor((total - spec.index - 1) / spec.count) + 1 : 0;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const width = (count: number) => Math.max(4, String(count - 1).length);

export function shardsDir(outDir: string): string {
  return join(outDir, 'shards');
}

/** `shard-0002-of-0004.lss`: sorts by index, and says which split it belongs to. */
export function shardFileName(spec: ShardSpec): string {
  return `shard-${pad(spec.index, width(spec.count))}-of-${pad(spec.count, width(spec.count))}${SHARD_EXTENSION}`;
}

/** Where a shard keeps its run stores until it is complete. */
export function shardWorkDir(outDir: string, spec: ShardSpec): string {
  return join(shardsDir(outDir), `work-${pad(spec.index, width(spec.count))}-of-${pad(spec.count, width(spec.count))}`);
}

/** What the runs of a shard belong to; every shard of one run set has the same identity. */
export interface ShardIdentity {
  format: typeof SHARD_FORMAT;
  /** `run`: one experiment; `sweep`: a sweep's points. */
  kind: 'run' | 'sweep';
  /** Scenario or sweep name. */
  name: string;
  /** run: sha256 of the resolved scenario (runs and seed applied); sweep: the plan's hash. */
  hash: string;
  seed: number;
  runs: number;
  /** N, the number of shards. */
  shards: number;
  /** The lendsim version that made the runs. */
  lendsim: string;
}

export interface ShardHeader extends ShardIdentity {
  /** I, 0-based. */
  shard: number;
  /** Records in the file. */
  tasks: number;
  gitCommit: string | null;
  /** The command that makes a shard of this run set, without --shard: `lendsim sweep cap.yaml --out DIR`. */
  command: string;
  /** Where the scenario or sweep came from, for the merged manifest. */
  source: { file: string | null; fileHash: string | null; files: readonly string[] };
  /** kind run: the resolved scenario; kind sweep: the plan. */
  plan: { scenario: Scenario } | SweepPlan;
}

/** The fields of the identity that differ between two shards, worded for a message. */
export function identityDifferences(a: ShardIdentity, b: ShardIdentity): string[] {
  const out: string[] = [];
  if (a.format !== b.format) out.push(`file format ${a.format} vs ${b.format}`);
  if (a.kind !== b.kind) out.push(`a ${a.kind} vs a ${b.kind}`);
  if (a.name !== b.name) out.push(`name ${JSON.stringify(a.name)} vs ${JSON.stringify(b.name)}`);
  if (a.hash !== b.hash) out.push(`content hash ${a.hash.slice(0, 12)} vs ${b.hash.slice(0, 12)} (another scenario, sweep, --runs or --seed)`);
  if (a.seed !== b.seed) out.push(`seed ${a.seed} vs ${b.seed}`);
  if (a.runs !== b.runs) out.push(`runs ${a.runs} vs ${b.runs}`);
  if (a.shards !== b.shards) out.push(`split into ${a.shards} vs ${b.shards} shards`);
  if (a.lendsim !== b.lendsim) out.push(`lendsim ${a.lendsim} vs ${b.lendsim}`);
  return out;
}

/** One run in a shard file. */
export interface ShardRecord {
  /** The experiment (sweep point; 0 for a run). */
  member: number;
  /** runIndex * 2 + arm (the run store's key). */
  key: number;
  /** The packed run (sim/model/pack.ts). */
  payload: Uint8Array;
}

/**
 * Write a shard file atomically: header line, then `records` (exactly header.tasks of them), flushed
 * to disk, then renamed into place. Returns the file's path.
 * @throws when the records do not number header.tasks (the file is then not written).
 */
export function writeShardFile(outDir: string, header: ShardHeader, records: Iterable<ShardRecord>): string {
  const dir = shardsDir(outDir);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, shardFileName({ index: header.shard, count: header.shards }));
  // Other shards write into the same directory at the same time: clear only this shard's own
  // leftovers (`.shard-I-of-N.lss.tmp-PID` of a killed earlier attempt), never another's temp file.
  removeOwnStaleTemps(file);
  const tmp = tempPath(file);
  const fd = openSync(tmp, 'w');
  let ok = false;
  try {
    let at = 0;
    const put = (buf: Uint8Array) => {
      let done = 0;
      while (done < buf.length) done += writeSync(fd, buf, done, buf.length - done, at + done);
      at += buf.length;
    };
    put(Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'));
    let n = 0;
    for (const r of records) {
      const head = Buffer.alloc(RECORD_HEADER_BYTES);
      head.writeUInt32LE(RECORD_MAGIC, 0);
      head.writeUInt32LE(r.payload.byteLength, 4);
      head.writeUInt32LE(crc32(r.payload), 8);
      head.writeUInt32LE(r.member, 12);
      head.writeUInt32LE(r.key, 16);
      put(head);
      put(r.payload);
      n++;
    }
    if (n !== header.tasks) throw new Error(`writeShardFile: ${n} records for a shard of ${header.tasks} tasks`);
    fsyncSync(fd);
    ok = true;
  } finally {
    closeSync(fd);
    if (!ok) rmSync(tmp, { force: true });
  }
  renameSync(tmp, file);
  return file;
}

/** Remove temp files of `file` left by earlier, killed writers (not a live process's, not other files'). */
function removeOwnStaleTemps(file: string): void {
  const prefix = `.${basename(file)}.tmp-`;
  for (const name of readdirSync(dirname(file))) {
    if (name.startsWith(prefix) && isStaleTemp(name)) rmSync(join(dirname(file), name), { force: true });
  }
}

/** A shard file whose header was read; its records are read on demand by `shardRecords`. */
export interface ShardFile {
  file: string;
  header: ShardHeader;
  /** Byte offset of the first record. */
  recordsAt: number;
  size: number;
}

/**
 * Open a shard file for reading: a regular file, never waiting on a FIFO or a device (opened
 * non-blocking, checked before any read). Throws an Error naming the file.
 */
function openShard(file: string): number {
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  const stat = fstatSync(fd);
  if (!stat.isFile()) {
    closeSync(fd);
    throw new Error(`${file}: not a lendsim shard file (expected a regular file, found ${stat.isDirectory() ? 'a directory' : stat.isFIFO() ? 'a FIFO' : 'a special file'})`);
  }
  return fd;
}

/**
 * Read a shard file's header and check its shape (shardHeader.ts). Throws an Error naming the file
 * when it is not a shard file (not a regular file, no header line, not JSON, another format, a field
 * missing or out of range).
 */
export function readShardHeader(file: string): ShardFile {
  const fd = openShard(file);
  try {
    const size = fstatSync(fd).size;
    const chunks: Buffer[] = [];
    let at = 0;
    let newline = -1;
    while (newline < 0 && at < size) {
      const chunk = Buffer.alloc(Math.min(1 << 16, size - at));
      const n = readSync(fd, chunk, 0, chunk.length, at);
      if (n === 0) break;
      const i = chunk.subarray(0, n).indexOf(0x0a);
      if (i >= 0) newline = at + i;
      chunks.push(chunk.subarray(0, i >= 0 ? i : n));
      at += n;
      if (at > 256 << 20) break;
    }
    if (newline < 0) throw new Error(`${file}: not a lendsim shard file (no header line)`);
    const text = Buffer.concat(chunks).toString('utf8');
    const deep = depthProblem(text, false);
    if (deep) throw new Error(`${file}: not a lendsim shard file (its header ${deep})`);
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw new Error(`${file}: not a lendsim shard file (its header is not JSON)`);
    }
    return { file, header: checkShardHeader(file, raw), recordsAt: newline + 1, size };
  } finally {
    closeSync(fd);
  }
}

/**
 * The records of a shard file, in file order, each checked (magic, length, CRC). Throws an Error
 * naming the file and the record when the file is truncated or damaged, or holds another number of
 * records than its header says.
 */
export function* shardRecords(shard: ShardFile): Generator<ShardRecord> {
  const fd = openShard(shard.file);
  try {
    const head = Buffer.alloc(RECORD_HEADER_BYTES);
    let at = shard.recordsAt;
    let n = 0;
    const read = (into: Uint8Array, position: number) => {
      let got = 0;
      while (got < into.length) {
        const k = readSync(fd, into, got, into.length - got, position + got);
        if (k === 0) return false;
        got += k;
      }
      return true;
    };
    while (at < shard.size) {
      if (!read(head, at) || head.readUInt32LE(0) !== RECORD_MAGIC) throw new Error(`${shard.file}: damaged at record ${n} (byte ${at})`);
      const length = head.readUInt32LE(4);
      if (length % 8 !== 0 || at + RECORD_HEADER_BYTES + length > shard.size) throw new Error(`${shard.file}: truncated at record ${n} (byte ${at})`);
      const payload = new Uint8Array(length);
      if (!read(payload, at + RECORD_HEADER_BYTES)) throw new Error(`${shard.file}: truncated at record ${n} (byte ${at})`);
      if (crc32(payload) !== head.readUInt32LE(8)) throw new Error(`${shard.file}: record ${n} fails its checksum (byte ${at})`);
      yield { member: head.readUInt32LE(12), key: head.readUInt32LE(16), payload };
      at += RECORD_HEADER_BYTES + length;
      n++;
    }
    if (n !== shard.header.tasks) throw new Error(`${shard.file}: holds ${n} records, its header says ${shard.header.tasks}`);
  } finally {
    closeSync(fd);
  }
}
