import { describe, expect, it } from 'vitest';
import { runGates } from '../../../src/gates/runner.js';
import type { Gate, GateContext, GateOutcome } from '../../../src/gates/gate.js';
import { SparkGuardError } from '../../../src/errors.js';

const ctx = {} as GateContext;

function gate(id: string, cost: Gate['cost'], run: () => Promise<GateOutcome> | GateOutcome, applies: true | string = true): Gate {
  return { id, cost, applies: () => applies, run: async () => run() };
}
const pass = (): GateOutcome => ({ status: 'pass', message: '' });
const fail = (): GateOutcome => ({ status: 'fail', message: 'no', findings: [{ file: 'a', line: 1, rule: 'r', message: 'm' }] });

describe('runGates', () => {
  it('runs cheap gates first, in order, then the expensive ones, and reports in gate order', async () => {
    const order: string[] = [];
    const track = (id: string) => () => {
      order.push(id);
      return pass();
    };
    const result = await runGates([gate('slow', 'expensive', track('slow')), gate('a', 'cheap', track('a')), gate('b', 'cheap', track('b'))], ctx);
    expect(order).toEqual(['a', 'b', 'slow']);
    expect(result.gates.map((g) => g.name)).toEqual(['slow', 'a', 'b']);
    expect(result.ok).toBe(true);
  });

  it('does not start expensive gates when a cheap gate blocks, but runs every cheap gate', async () => {
    let started = false;
    const result = await runGates(
      [gate('diff', 'cheap', fail), gate('files', 'cheap', pass), gate('test', 'expensive', () => ((started = true), pass()))],
      ctx,
    );
    expect(started).toBe(false);
    expect(result.ok).toBe(false);
    expect(result.gates.map((g) => [g.name, g.status])).toEqual([
      ['diff', 'fail'],
      ['files', 'pass'],
      ['test', 'skip'],
    ]);
    expect(result.gates[2]!.message).toBe('not run: diff blocked first');
    expect(result.gates[0]!.findings).toHaveLength(1);
  });

  it('runs expensive gates concurrently: each waits for the other to start', async () => {
    let release!: () => void;
    const bothStarted = new Promise<void>((r) => (release = r));
    let count = 0;
    const waiter = async (): Promise<GateOutcome> => {
      if (++count === 2) release();
      await bothStarted;
      return pass();
    };
    const result = await runGates([gate('x', 'expensive', waiter), gate('y', 'expensive', waiter)], ctx, { concurrency: 2 });
    expect(result.gates.map((g) => g.status)).toEqual(['pass', 'pass']);
  });

  it('bounds concurrency', async () => {
    let running = 0;
    let peak = 0;
    const work = async (): Promise<GateOutcome> => {
      peak = Math.max(peak, ++running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return pass();
    };
    await runGates(['a', 'b', 'c', 'd'].map((id) => gate(id, 'expensive', work)), ctx, { concurrency: 2 });
    expect(peak).toBe(2);
  });

  it('skips gates by request and when they do not apply; --only leaves the others out', async () => {
    const result = await runGates(
      [gate('diff', 'cheap', fail), gate('files', 'cheap', pass, 'no files to check'), gate('banned', 'cheap', pass)],
      ctx,
      { skip: new Map([['diff', 'SPARK_GUARD_SKIP']]) },
    );
    expect(result.gates.map((g) => [g.name, g.status, g.message])).toEqual([
      ['diff', 'skip', 'skipped by SPARK_GUARD_SKIP'],
      ['files', 'skip', 'no files to check'],
      ['banned', 'pass', ''],
    ]);
    expect(result.ok).toBe(true);
    const only = await runGates([gate('diff', 'cheap', pass), gate('banned', 'cheap', pass)], ctx, { only: new Set(['banned']) });
    expect(only.gates.map((g) => g.name)).toEqual(['banned']);
  });

  it('turns a crashing gate into a failure, but lets config errors through', async () => {
    const crashed = await runGates([gate('x', 'cheap', () => { throw new Error('boom'); })], ctx);
    expect(crashed.gates[0]!.status).toBe('fail');
    expect(crashed.gates[0]!.message).toContain('internal error: boom');
    // What failed and how to report it; the stack trace only with DEBUG=spark-guard (SPEC §7/§8).
    expect(crashed.gates[0]!.details).toContain('the x gate crashed');
    expect(crashed.gates[0]!.details).toContain('npm bugs spark-guard');
    expect(crashed.gates[0]!.details).not.toMatch(/\n\s+at /);
    const debugged = await runGates([gate('x', 'cheap', () => { throw new Error('boom'); })], { env: { DEBUG: 'spark-guard' } } as unknown as GateContext);
    expect(debugged.gates[0]!.details).toMatch(/Error: boom\n\s+at /);
    await expect(runGates([gate('x', 'cheap', () => { throw new SparkGuardError('config', 'bad'); })], ctx)).rejects.toThrow('bad');
  });

  it('times each gate', async () => {
    const result = await runGates([gate('t', 'cheap', async () => (await new Promise((r) => setTimeout(r, 20)), pass()))], ctx);
    expect(result.gates[0]!.ms).toBeGreaterThanOrEqual(15);
  });
});
