/** Gate 6: named command gates, run on the staged snapshot, concurrently, with a timeout and a cache. */
import path from 'node:path';
import type { CommandGate } from '../config/types.js';
import { globMatcher } from '../diff/stats.js';
import { gateEnv, runShell } from '../proc/spawn-gate.js';
import { messages } from '../messages.js';
import { cacheKey, hasPassed, recordPass } from './cache.js';
import type { Gate, GateContext } from './gate.js';

export const DEFAULT_TIMEOUT_S = 300;

/** A package's gate shows as `packages/a › test`; SPARK_GUARD_SKIP takes that or the bare name. */
export function packageGateId(dir: string, name: string): string {
  return `${dir} › ${name}`;
}

/** A command gate; `dir` is the package folder of a sub-folder config ('' for the root). */
export function commandGate(name: string, spec: CommandGate, dir = ''): Gate {
  const matches = spec.when?.length ? globMatcher(spec.when) : () => true;
  const below = (p: string | undefined): string | null => (p === undefined ? null : !dir ? p : p.startsWith(`${dir}/`) ? p.slice(dir.length + 1) : null);
  return {
    id: dir ? packageGateId(dir, name) : name,
    cost: 'expensive',
    stagedOnly: true,
    applies(ctx) {
      if (!ctx.workspace) return messages.commandGateNeedsStaged();
      if (!dir && !spec.when?.length) return true;
      const relevant = ctx.change.files.some((f) => [below(f.path), below(f.oldPath)].some((p) => p !== null && matches(p)));
      if (relevant) return true;
      return spec.when?.length ? messages.commandGateNoMatch(spec.when) : messages.commandGateNoPackageFiles(dir);
    },
    async run(ctx, signal) {
      const env = gateEnv(ctx.env);
      const key = cacheKey({ tree: await ctx.workspace!.tree(), name, gate: spec, cwd: dir || '.', env });
      if (hasPassed(ctx.repo, key)) return { status: 'cached', message: messages.commandGateCached() };
      const snapshot = await ctx.workspace!.snapshot();
      const timeout = (spec.timeout ?? DEFAULT_TIMEOUT_S) * 1000;
      const result = await runShell(spec.run, { cwd: path.join(snapshot.dir, dir), env, timeoutMs: timeout, signal });
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
