/**
 * Runs gates: cheap ones first, in order; when one blocks, the expensive ones do not start; the
 * expensive ones run concurrently (bounded). Owns timing, skips and crash handling.
 */
import os from 'node:os';
import { SparkGuardError } from '../errors.js';
import { messages } from '../messages.js';
import type { Gate, GateContext, GateResult } from './gate.js';
import { now } from '../clock.js';
import { debugIn } from '../debug.js';
import { packageVersion } from '../paths.js';

export interface RunOptions {
  /** Gate ids to skip, each with where the request came from (for the report). */
  skip?: ReadonlyMap<string, string>;
  /** When set, only these gate ids run; others are left out of the report. */
  only?: ReadonlySet<string>;
  concurrency?: number;
  signal?: AbortSignal;
  onStart?: (gate: Gate) => void;
  onFinish?: (result: GateResult) => void;
}

export interface RunResult {
  ok: boolean;
  gates: GateResult[];
  ms: number;
}

export async function runGates(gates: readonly Gate[], ctx: GateContext, options: RunOptions = {}): Promise<RunResult> {
  const started = now();
  const selected = gates.filter((g) => !options.only || options.only.has(g.id));
  const results = new Map<Gate, GateResult>();
  const record = (gate: Gate, result: GateResult) => {
    results.set(gate, result);
    options.onFinish?.(result);
  };

  const pending: Gate[] = [];
  for (const gate of selected) {
    const skipSource = options.skip?.get(gate.id) ?? options.skip?.get(gate.id.split(' › ').pop()!);
    if (skipSource) {
      record(gate, result(gate.id, 'skip', 0, `skipped by ${skipSource}`));
      continue;
    }
    const applies = gate.applies(ctx);
    if (applies !== true) {
      record(gate, result(gate.id, 'skip', 0, applies));
      continue;
    }
    pending.push(gate);
  }

  const cheap = pending.filter((g) => g.cost === 'cheap');
  const expensive = pending.filter((g) => g.cost === 'expensive');
  let blocker: string | null = null;
  for (const gate of cheap) {
    if (blocker && gate.changesFiles) {
      record(gate, result(gate.id, 'skip', 0, messages.notRunBecause(blocker)));
      continue;
    }
    const r = await runOne(gate, ctx, options);
    record(gate, r);
    if (r.status === 'fail') blocker ??= gate.id;
  }
  if (blocker) {
    for (const gate of expensive) record(gate, result(gate.id, 'skip', 0, messages.notRunBecause(blocker)));
  } else {
    const withResults = { ...ctx, results: [...results.values()] };
    const run = async (gate: Gate) => record(gate, await runOne(gate, withResults, options));
    await Promise.all([
      ...expensive.filter((g) => g.unpooled).map(run),
      runPool(expensive.filter((g) => !g.unpooled), options.concurrency ?? defaultConcurrency(), run),
    ]);
  }

  const ordered = selected.map((g) => results.get(g)!).filter(Boolean);
  return { ok: ordered.every((r) => r.status !== 'fail'), gates: ordered, ms: Math.round(now() - started) };
}

/**
 * At least 4: gates mostly wait (on a test runner's own workers, on I/O), and SPEC §9 wants three
 * 1-second gates done in under 1.5 s even on a 2-core machine. `concurrency` in the config overrides it.
 */
export function defaultConcurrency(): number {
  return Math.max(4, os.availableParallelism?.() ?? os.cpus().length);
}

async function runOne(gate: Gate, ctx: GateContext, options: RunOptions): Promise<GateResult> {
  if (options.signal?.aborted) throw options.signal.reason;
  options.onStart?.(gate);
  const started = now();
  const signal = options.signal ?? new AbortController().signal;
  try {
    const outcome = await gate.run(ctx, signal);
    return { name: gate.id, ms: elapsed(started), findings: [], ...outcome };
  } catch (error) {
    if (error instanceof SparkGuardError || signal.aborted) throw error;
    // What failed and how to report it; the stack trace only with DEBUG=spark-guard (SPEC §8).
    const text = error instanceof Error ? error.message : String(error);
    const stack = debugIn(ctx.env ?? {}) && error instanceof Error ? error.stack : undefined;
    return result(gate.id, 'fail', elapsed(started), messages.internalError(text).split('\n')[0]!, stack ?? messages.gateCrashed(gate.id, packageVersion(), process.version));
  }
}

async function runPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(workers);
}

function elapsed(started: number): number {
  return Math.round(now() - started);
}

function result(name: string, status: GateResult['status'], ms: number, message: string, details?: string): GateResult {
  return details ? { name, status, ms, message, findings: [], details } : { name, status, ms, message, findings: [] };
}
