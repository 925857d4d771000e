import { describe, expect, it } from 'vitest';
import { runGates } from '../../../src/gates/runner.js';
import type { Gate, GateContext, GateOutcome } from '../../../src/gates/gate.js';
import { SparkGuardError } from '../../../src/errors.js';

const ctx = {} as GateContext;

function gate(id: string, phase: Gate['phase'], run: () => Promise<GateOutcome> | GateOutcome, applies: true | string = true): Gate {
  return { id, phase, applies: () => applies, run: async () => run() };
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
    const result = await runGates([gate('slow', 'concurrent', track('slow')), gate('a', 'serial', track('a')), gate('b', 'serial', track('b'))], ctx);
    expect(order).toEqual(['a', 'b', 'slow']);
    expect(result.gates.map((g) => g.name)).toEqual(['slow', 'a', 'b']);
    expect(result.ok).toBe(true);
  });

  it('does not start expensive gates when a cheap gate blocks, but runs every cheap gate', async () => {
    let started = false;
    const result = await runGates(
      [gate('diff', 'serial', fail), gate('files', 'serial', pass), gate('test', 'concurrent', () => ((started = true), pass()))],
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
    const result = await runGates([gate('x', 'concurrent', waiter), gate('y', 'concurrent', waiter)], ctx, { concurrency: 2 });
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
    await runGates(['a', 'b', 'c', 'd'].map((id) => gate(id, 'concurrent', work)), ctx, { concurrency: 2 });
    expect(peak).toBe(2);
  });

  it('skips gates by request and when they do not apply; --only leaves the others out', async () => {
    const result = await runGates(
      [gate('diff', 'serial', fail), gate('files', 'serial', pass, 'no files to check'), gate('banned', 'serial', pass)],
      ctx,
      { skip: new Map([['diff', 'SPARK_GUARD_SKIP']]) },
    );
    expect(result.gates.map((g) => [g.name, g.status, g.message])).toEqual([
      ['diff', 'skip', 'skipped by SPARK_GUARD_SKIP'],
      ['files', 'skip', 'no files to check'],
      ['banned', 'pass', ''],
    ]);
    expect(result.ok).toBe(true);
    const only = await runGates([gate('diff', 'serial', pass), gate('banned', 'serial', pass)], ctx, { only: new Set(['banned']) });
    expect(only.gates.map((g) => g.name)).toEqual(['banned']);
  });

  it('selects a package gate by its id or its own name and a grouped gate by its group, and keeps where each came from', async () => {
    const gates: Gate[] = [
      { ...gate('test', 'concurrent', pass) },
      { ...gate('packages/a › test', 'concurrent', pass), package: 'packages/a', packageGate: 'test' },
      { ...gate('verify:1', 'concurrent', pass), group: 'verify' },
      { ...gate('verify:2', 'concurrent', pass), group: 'verify' },
    ];
    const skipped = await runGates(gates, ctx, { skip: new Map([['test', '--skip'], ['verify', 'SPARK_GUARD_SKIP']]) });
    expect(skipped.gates.map((g) => [g.name, g.status])).toEqual([
      ['test', 'skip'],
      ['packages/a › test', 'skip'],
      ['verify:1', 'skip'],
      ['verify:2', 'skip'],
    ]);
    const only = await runGates(gates, ctx, { only: new Set(['packages/a › test', 'verify:2']) });
    expect(only.gates).toEqual([
      { name: 'packages/a › test', package: 'packages/a', status: 'pass', ms: expect.any(Number), message: '', findings: [] },
      { name: 'verify:2', group: 'verify', status: 'pass', ms: expect.any(Number), message: '', findings: [] },
    ]);
  });

  it('turns a crashing gate into a failure, but lets config errors through', async () => {
    const crashed = await runGates([gate('x', 'serial', () => { throw new Error('boom'); })], ctx);
    expect(crashed.gates[0]!.status).toBe('fail');
    expect(crashed.gates[0]!.message).toContain('internal error: boom');
    // What failed and how to report it; the stack trace only with DEBUG=spark-guard (SPEC §7/§8).
    expect(crashed.gates[0]!.details).toContain('the x gate crashed');
    expect(crashed.gates[0]!.details).toContain('npm bugs spark-guard');
    expect(crashed.gates[0]!.details).not.toMatch(/\n\s+at /);
    const debugged = await runGates([gate('x', 'serial', () => { throw new Error('boom'); })], { env: { DEBUG: 'spark-guard' } } as unknown as GateContext);
    expect(debugged.gates[0]!.details).toMatch(/Error: boom\n\s+at /);
    await expect(runGates([gate('x', 'serial', () => { throw new SparkGuardError('config', 'bad'); })], ctx)).rejects.toThrow('bad');
  });

  it('times each gate', async () => {
    const result = await runGates([gate('t', 'serial', async () => (await new Promise((r) => setTimeout(r, 20)), pass()))], ctx);
    expect(result.gates[0]!.ms).toBeGreaterThanOrEqual(15);
  });
});
