/** Gate 6: named command gates, run on the staged snapshot, concurrently, with a timeout and a cache. */
import path from 'node:path';
import type { CommandGate } from '../config/types.js';
import { globMatcher } from '../diff/stats.js';
import { gateEnv, runShell } from '../proc/spawn-gate.js';
import { messages } from '../messages.js';
import { cacheKey, hasPassed, recordPass } from './cache.js';
import type { Gate, GateContext } from './gate.js';

export const DEFAULT_TIMEOUT_S = 300;

export function commandGate(name: string, spec: CommandGate): Gate {
  const matches = spec.when?.length ? globMatcher(spec.when) : null;
  return {
    id: name,
    cost: 'expensive',
    applies(ctx) {
      if (!ctx.workspace) return messages.commandGateNeedsStaged();
      if (!matches) return true;
      return ctx.change.files.some((f) => matches(f.path) || (f.oldPath !== undefined && matches(f.oldPath))) ? true : messages.commandGateNoMatch(spec.when!);
    },
    async run(ctx, signal) {
      const workspace = await ctx.workspace!();
      const env = gateEnv(ctx.env);
      const key = cacheKey({ tree: workspace.tree, name, gate: spec, cwd: '.', env });
      if (hasPassed(ctx.repo, key)) return { status: 'cached', message: messages.commandGateCached() };
      const timeout = (spec.timeout ?? DEFAULT_TIMEOUT_S) * 1000;
      const result = await runShell(spec.run, { cwd: workspace.snapshot.dir, env, timeoutMs: timeout, signal });
      if (result.aborted) throw signal.reason ?? new Error('aborted');
      if (result.code === 0 && !result.timedOut) {
        recordPass(ctx.repo, key);
        return { status: 'pass', message: '' };
      }
      const why = result.timedOut ? messages.commandGateTimedOut(spec.timeout ?? DEFAULT_TIMEOUT_S) : messages.commandGateExit(result.code, result.signal);
      return { status: 'fail', message: why, details: messages.commandGateTail(spec.run, result.tail, name, relative(ctx)) };
    },
  };
}

function relative(ctx: GateContext): string | null {
  return ctx.configFile ? path.relative(ctx.repo.root, ctx.configFile) : null;
}
