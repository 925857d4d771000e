/**
 * dist/guard.cjs: `spark-guard guard` without the CLI bundle, so an agent's every tool call costs
 * one bare Node start and a few milliseconds. It answers from the cached config (the one the
 * commit hooks and the CLI write); without one it returns null and bin/spark-guard.cjs runs the
 * CLI's `guard`, which loads the config, caches it, and gives the same answer.
 *
 * It holds no parser, globs or secret rules: a command that no rule could match (rules/compile.ts
 * `mayBreak`) is answered at once. `load` brings in what a call needs, only then: the shell parser
 * (dist/guard/shell.cjs), the judge of Write/Edit calls (dist/guard/writes.cjs: picomatch) and that
 * of patches (dist/guard/judge.cjs: the secret rules too, whose tables cost ~8 ms to build).
 */
import { configFingerprint, readCachedGuardConfig } from '../config/cache.js';
import type { BannedRule } from '../config/types.js';
import { compileRules, judgeCommand, judgeExecuted, mayBreak, type Walk } from '../rules/compile.js';
import type * as Shell from '../shell/commands.js';
import type * as Judge from './judge.js';
import type * as Writes from './writes.js';
import { cacheDirOf, commandBlocks, malformed, MalformedCall, readCall, repoAbove, reply } from './run.js';
import { writeFd } from '../proc/fd.js';
import type { Call } from './call.js';

/** The bundles dist/guard.cjs loads when a call needs them (bin/spark-guard.cjs: with their code caches). */
export interface Bundles {
  'guard/shell': typeof Shell;
  'guard/writes': typeof Writes;
  'guard/judge': typeof Judge;
}
/**
 * `hot`: this call runs the bundle's code long enough for V8 to tier it up (a long script, a large patch),
 * so its code cache must not be written from this run: a cache made after that makes every later run
 * slower (the parser's walk 2-7x, measured on Node 20). A later, smaller call writes it.
 */
export type Load = <K extends keyof Bundles>(bundle: K, hot?: boolean) => Bundles[K];

/** Characters of shell, or of a patch, past which a run counts as hot (one 1,300-character script: walk 2x slower). */
const HOT = 500;

/** Written with fs.writeSync (proc/fd.ts): process.stderr costs ~5–10 ms to create for one short message. */
function stderr(text: string): void {
  writeFd(2, text);
}

/** The exit code, or null when the full CLI must load the config (the call is kept for it). */
export function guardFast(args: readonly string[], env: NodeJS.ProcessEnv, load: Load): number | null {
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
  const config = readCachedGuardConfig(cacheDirOf(repo), repo.root, configFingerprint(repo.root, env));
  if (!config) return null;
  let parsed = 0;
  const walk: Walk = (line) => load('guard/shell', (parsed += line.length) > HOT).walk(line);
  if (call.kind === 'command') return reply(commandBlocks(judgeCommand(call.command, compileRules(config.banned, 'commands'), walk)), stderr);
  if (call.kind === 'write') return reply(load('guard/writes').writeBlocks(call, repo.root, config.files), stderr);
  return load('guard/judge', call.patch.length > HOT).answer(call, config, repo.root, stderr, walk);
}

/**
 * For scripts/measure-guard.mjs (`walk`: dist/guard/shell.cjs's): the ids of the rules the guard
 * says a command line breaks, the ids the parser alone finds, and whether the parser was needed.
 */
export function judgeForMeasure(command: string, banned: Record<string, BannedRule>, walk: Walk): { rules: string[]; parsed: string[]; parser: boolean } {
  const rules = compileRules(banned, 'commands');
  return {
    rules: judgeCommand(command, rules, walk).map((h) => h.rule),
    parsed: judgeExecuted(walk(command).commands, rules).map((h) => h.rule),
    parser: mayBreak(command, rules),
  };
}
