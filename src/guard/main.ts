/**
 * dist/guard.cjs: `spark-guard guard` without the CLI bundle, so an agent's every tool call costs
 * one bare Node start and a few milliseconds. It answers from the cached config (the one the
 * commit hooks and the CLI write); without one it returns null and bin/spark-guard.cjs runs the
 * CLI's `guard`, which loads the config, caches it, and gives the same answer.
 */
import { configFingerprint, readCachedConfig } from '../config/cache.js';
import type { BannedRule } from '../config/types.js';
import { compileRules, judgeCommand } from '../rules/judge.js';
import { walk } from '../shell/commands.js';
import { answer, cacheDirOf, malformed, MalformedCall, readCall, repoAbove } from './run.js';
import type { Call } from './call.js';

const stderr = (text: string) => process.stderr.write(text);

/** The exit code, or null when the full CLI must load the config (the call is kept for it). */
export function guardFast(args: readonly string[], env: NodeJS.ProcessEnv): number | null {
  if (env.SPARK_GUARD === '0') return 0; // every hook a no-op, the guard too (the harness's environment, not the command's)
  let call: Call;
  try {
    call = readCall(args, process.cwd());
  } catch (error) {
    if (error instanceof MalformedCall) return malformed(error.message, stderr);
    throw error;
  }
  if (call.kind === 'other') return 0;
  (globalThis as { __sparkGuardCall?: Call }).__sparkGuardCall = call;
  if (env.SPARK_GUARD_CONFIG || env.DEBUG) return null;
  const repo = repoAbove(call.cwd, env);
  if (!repo) return null;
  const loaded = readCachedConfig(cacheDirOf(repo), repo.root, configFingerprint(repo.root, env));
  if (!loaded) return null;
  return answer(call, loaded.config, repo.root, stderr);
}

/** For scripts/measure-guard.mjs: the ids of the rules a command line breaks. */
export function judgeForMeasure(command: string, banned: Record<string, BannedRule>): string[] {
  return judgeCommand(command, compileRules(banned, 'commands'), walk).map((h) => h.rule);
}


