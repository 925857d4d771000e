/** `spark-guard guard`: the CLI's path, taken when dist/guard.cjs found no cached config (see src/guard/main.ts). */
import { loadConfig } from '../../config/load.js';
import { answer } from '../../guard/judge.js';
import { cacheDirOf, malformed, MalformedCall, readCall, repoAbove } from '../../guard/run.js';
import { walk } from '../../shell/commands.js';
import type { Call } from '../../guard/call.js';

export async function guard(options: { args: string[]; env: NodeJS.ProcessEnv }): Promise<number> {
  const stderr = (text: string) => process.stderr.write(text);
  let call = (globalThis as { __sparkGuardCall?: Call }).__sparkGuardCall;
  if (!call) {
    try {
      call = readCall(options.args, process.cwd());
    } catch (error) {
      if (error instanceof MalformedCall) return malformed(error.message, stderr);
      throw error;
    }
  }
  if (call.kind === 'other') return 0;
  const repo = repoAbove(call.cwd, options.env);
  const root = repo?.root ?? call.cwd;
  const loaded = await loadConfig(root, options.env, repo ? cacheDirOf(repo) : undefined);
  return answer(call, loaded.config, root, stderr, walk);
}
