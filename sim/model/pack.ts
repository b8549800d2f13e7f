/**
 * A RunResult as one ArrayBuffer (a Float64Array with a small header), so a worker can hand it back
 * with `Piscina.move` (no copy) and the run store can append it to disk as it is.
 *
 * Layout, all float64:
 *   header  [magic, version, arm (0 policy, 1 counterfactual), runIndex, seed, months, metricCount,
 *            bankCount, bankSeriesCount, extrasCount, totalLength, 0]
 *   series      months x metricCount
 *   bankSeries  months x bankCount x bankSeriesCount
 *   extras      per extra, in name order: nameLength, the name's UTF-16 code units, valueCount, values
 * Bank ids do not travel: both sides know them from the scenario (`namedBankIds`).
 */
import type { Scenario } from '../scenario/schema.js';
import { BANK_SERIES_COUNT, METRIC_COUNT } from './metricNames.js';
import { ARMS, type Arm, type RunResult } from './result.js';

export const PACK_MAGIC = 0x4c53504b; // "LSPK"
export const PACK_VERSION = 1;
export const PACK_HEADER_LENGTH = 12;

/** Ids of the enabled named banks, in scenario order: the order of every run's bankSeries. */
export function namedBankIds(scenario: Scenario): string[] {
  return Object.keys(scenario.banks.named).filter((id) => scenario.banks.named[id]!.enabled);
}

/** What the header of a packed run says. */
export interface PackedHeader {
  arm: Arm;
  runIndex: number;
  seed: number;
  months: number;
  metricCount: number;
  bankCount: number;
  /** Length of the packed array in float64 values. */
  totalLength: number;
}

/**
 * Pack a run. If `bankIds` is given, the run's bankIds must equal it (same ids, same order): the
 * receiving side rebuilds them from the scenario. Throws when a series has the wrong length.
 */
export function pack(result: RunResult, bankIds?: readonly string[]): ArrayBuffer {
  const { months, series, bankSeries } = result;
  const bankCount = result.bankIds.length;
  if (bankIds && (bankIds.length !== bankCount || bankIds.some((id, i) => id !== result.bankIds[i]))) {
    throw new Error(`pack: run ${result.runIndex} (${result.arm}) reports banks [${result.bankIds.join(', ')}], expected the scenario's enabled named banks in order [${bankIds.join(', ')}]`);
  }
  if (series.length !== months * METRIC_COUNT) {
    throw new Error(`pack: series has ${series.length} values, expected months (${months}) x ${METRIC_COUNT} metrics`);
  }
  if (bankSeries.length !== months * bankCount * BANK_SERIES_COUNT) {
    throw new Error(`pack: bankSeries has ${bankSeries.length} values, expected ${months} months x ${bankCount} banks x ${BANK_SERIES_COUNT}`);
  }
  const names = Object.keys(result.extras).sort();
  let length = PACK_HEADER_LENGTH + series.length + bankSeries.length;
  for (const name of names) length += 2 + name.length + result.extras[name]!.length;

  const out = new Float64Array(length);
  out.set([PACK_MAGIC, PACK_VERSION, ARMS.indexOf(result.arm), result.runIndex, result.seed, months, METRIC_COUNT,
    bankCount, BANK_SERIES_COUNT, names.length, length, 0]);
  let at = PACK_HEADER_LENGTH;
  out.set(series, at);
  at += series.length;
  out.set(bankSeries, at);
  at += bankSeries.length;
  for (const name of names) {
    const values = result.extras[name]!;
    out[at++] = name.length;
    for (let i = 0; i < name.length; i++) out[at++] = name.charCodeAt(i);
    out[at++] = values.length;
    out.set(values, at);
    at += values.length;
  }
  return out.buffer;
}

/** Read and check the header of a packed run. Throws on anything that is not one. */
export function readPackedHeader(buffer: ArrayBuffer): PackedHeader {
  if (buffer.byteLength % 8 !== 0 || buffer.byteLength < PACK_HEADER_LENGTH * 8) {
    throw new Error(`unpack: ${buffer.byteLength} bytes is not a packed run (expected a multiple of 8, at least ${PACK_HEADER_LENGTH * 8})`);
  }
  const h = new Float64Array(buffer, 0, PACK_HEADER_LENGTH);
  if (h[0] !== PACK_MAGIC) throw new Error('unpack: not a packed run (bad magic number)');
  if (h[1] !== PACK_VERSION) throw new Error(`unpack: packed run format ${h[1]}, this lendsim reads ${PACK_VERSION}`);
  const arm = ARMS[h[2]!];
  if (!arm) throw new Error(`unpack: unknown arm code ${h[2]}`);
  const header: PackedHeader = {
    arm, runIndex: h[3]!, seed: h[4]!, months: h[5]!, metricCount: h[6]!, bankCount: h[7]!, totalLength: h[10]!,
  };
  if (header.totalLength * 8 !== buffer.byteLength) {
    throw new Error(`unpack: header says ${header.totalLength} values, the buffer holds ${buffer.byteLength / 8}`);
  }
  if (header.metricCount !== METRIC_COUNT || h[8] !== BANK_SERIES_COUNT) {
    throw new Error(`unpack: run has ${header.metricCount} metrics and ${h[8]} bank series, this lendsim records ${METRIC_COUNT} and ${BANK_SERIES_COUNT} (made by another version?)`);
  }
  return header;
}

/**
 * Rebuild a RunResult from `pack`'s buffer. The series are views into `buffer` (no copy).
 * `bankIds` are the scenario's (`namedBankIds`). Throws when the buffer is not a packed run or does
 * not match the bank count.
 */
export function unpack(buffer: ArrayBuffer, bankIds: readonly string[]): RunResult {
  const h = readPackedHeader(buffer);
  if (h.bankCount !== bankIds.length) {
    throw new Error(`unpack: run ${h.runIndex} (${h.arm}) has ${h.bankCount} named banks, the scenario has ${bankIds.length}`);
  }
  const all = new Float64Array(buffer);
  let at = PACK_HEADER_LENGTH;
  const take = (n: number): Float64Array => {
    if (!(Number.isInteger(n) && n >= 0 && at + n <= all.length)) throw new Error(`unpack: run ${h.runIndex} (${h.arm}) is truncated`);
    const view = all.subarray(at, at + n);
    at += n;
    return view;
  };
  const series = take(h.months * h.metricCount);
  const bankSeries = take(h.months * h.bankCount * BANK_SERIES_COUNT);
  const extrasCount = all[9]!;
  const extras: Record<string, Float64Array> = {};
  for (let e = 0; e < extrasCount; e++) {
    const name = String.fromCharCode(...take(take(1)[0]!));
    extras[name] = take(take(1)[0]!);
  }
  if (at !== all.length) throw new Error(`unpack: run ${h.runIndex} (${h.arm}) has ${all.length - at} values after its last extra`);
  return { arm: h.arm, runIndex: h.runIndex, seed: h.seed, months: h.months, series, bankIds: [...bankIds], bankSeries, extras };
}
