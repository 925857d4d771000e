/**
 * Runs gates: the serial ones first, in order; when one blocks, the concurrent ones do not start;
 * the concurrent ones run together (bounded). Owns timing, skips and crash handling.
 */
import { SparkGuardError } from '../errors.js';
import { messages } from '../messages.js';
import { gateNames, originOf, type Gate, type GateContext, type GateResult } from './gate.js';
import { now } from '../clock.js';
import { debugWanted } from '../debug.js';
import { packageVersion } from '../paths.js';

export interface RunOptions {
  /** Gate ids to skip, each with where the request came from (for the report). */
  skip?: ReadonlyMap<string, string>;
  /** When set, only the gates these names select (gateNames) run; others are left out of the report. */
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
  const selected = gates.filter((g) => !options.only || gateNames(g).some((n) => options.only!.has(n)));
  const results = new Map<Gate, GateResult>();
  const record = (gate: Gate, result: GateResult) => {
    results.set(gate, result);
    options.onFinish?.(result);
  };

  const pending: Gate[] = [];
  for (const gate of selected) {
    const skipSource = gateNames(gate)
      .map((n) => options.skip?.get(n))
      .find(Boolean);
    if (skipSource) {
      record(gate, result(gate, 'skip', 0, `skipped by ${skipSource}`));
      continue;
    }
    const applies = gate.applies(ctx);
    if (applies !== true) {
      record(gate, result(gate, 'skip', 0, applies));
      continue;
    }
    pending.push(gate);
  }

  const serial = pending.filter((g) => g.phase === 'serial');
  const concurrent = pending.filter((g) => g.phase === 'concurrent');
  let blocker: string | null = null;
  for (const gate of serial) {
    if (blocker && gate.changesFiles) {
      record(gate, result(gate, 'skip', 0, messages.notRunBecause(blocker)));
      continue;
    }
    const r = await runOne(gate, ctx, options);
    record(gate, r);
    if (r.status === 'fail') blocker ??= gate.id;
  }
  if (blocker) {
    for (const gate of concurrent) record(gate, result(gate, 'skip', 0, messages.notRunBecause(blocker)));
  } else {
    const withResults = { ...ctx, results: [...results.values()] };
    const run = async (gate: Gate) => record(gate, await runOne(gate, withResults, options));
    const pooled = concurrent.filter((g) => !g.unpooled);
    await Promise.all([...concurrent.filter((g) => g.unpooled).map(run), pooled.length ? runPool(pooled, options.concurrency ?? defaultConcurrency(), run) : undefined]);
  }

  const ordered = selected.map((g) => results.get(g)!).filter(Boolean);
  return { ok: ordered.every((r) => r.status !== 'fail'), gates: ordered, ms: Math.round(now() - started) };
}

/**
 * At least 4: gates mostly wait (on a test runner's own workers, on I/O), and SPEC §9 wants three
 * 1-second gates done in under 1.5 s even on a 2-core machine. `concurrency` in the config overrides it.
 */
export function defaultConcurrency(): number {
  // node:os on first use: a commit without command gates never asks.
  const os = process.getBuiltinModule('node:os');
  return Math.max(4, os.availableParallelism?.() ?? os.cpus().length);
}

async function runOne(gate: Gate, ctx: GateContext, options: RunOptions): Promise<GateResult> {
  if (options.signal?.aborted) throw options.signal.reason;
  options.onStart?.(gate);
  const started = now();
  const signal = options.signal ?? new AbortController().signal;
  try {
    const outcome = await gate.run(ctx, signal);
    return { name: gate.id, ...originOf(gate), ms: elapsed(started), findings: [], ...outcome };
  } catch (error) {
    if (error instanceof SparkGuardError || signal.aborted) throw error;
    // What failed and how to report it; the stack trace only with DEBUG=spark-guard (SPEC §8).
    const text = error instanceof Error ? error.message : String(error);
    const stack = debugWanted(ctx.env ?? {}) && error instanceof Error ? error.stack : undefined;
    return result(gate, 'fail', elapsed(started), messages.internalError(text).split('\n')[0]!, stack ?? messages.gateCrashed(gate.id, packageVersion(), process.version));
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

function result(gate: Gate, status: GateResult['status'], ms: number, message: string, details?: string): GateResult {
  const base = { name: gate.id, ...originOf(gate), status, ms, message, findings: [] };
  return details ? { ...base, details } : base;
}
