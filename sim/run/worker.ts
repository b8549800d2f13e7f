/**
 * The piscina worker: runs one (arm, run index) and returns the packed result, moved, not copied.
 * Loaded by URL from the compiled JS (dist/sim/run/worker.js). The buffer is transferred only
 * because `move(...)` is the returned value itself: wrapping it in an object would silently copy.
 */
import { move, workerData } from 'piscina';
import { namedBankIds, pack } from '../model/pack.js';
import { runOne as engineRunOne } from '../model/run.js';
import type { RunTask, WorkerConfig } from './task.js';

type RunOne = typeof engineRunOne;

let runner: Promise<RunOne> | undefined;

function loadRunner(): Promise<RunOne> {
  const url = (workerData as WorkerConfig | undefined)?.runner;
  if (!url) return Promise.resolve(engineRunOne);
  return import(url).then((m: { runOne?: unknown }) => {
    if (typeof m.runOne !== 'function') throw new Error(`runner ${url} exports no runOne function`);
    return m.runOne as RunOne;
  });
}

export default async function runTask(task: RunTask): Promise<ArrayBuffer> {
  const runOne = await (runner ??= loadRunner());
  const result = runOne(task.scenario, task.arm, task.runIndex);
  if (result.arm !== task.arm || result.runIndex !== task.runIndex) {
    throw new Error(`runOne was asked for run ${task.runIndex} (${task.arm}) and returned run ${result.runIndex} (${result.arm})`);
  }
  return move(pack(result, namedBankIds(task.scenario))) as ArrayBuffer;
}
