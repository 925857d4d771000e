/**
 * `spark-guard lint-staged-inline` (internal; started by run.ts, never by users): an inline
 * lint-staged config that holds task functions cannot be handed to lint-staged's CLI, so this
 * child loads the spark-guard config again and calls lint-staged's Node API. Being a child in its
 * own process group is what gives that path a timeout and Ctrl-C (SPEC §8).
 */
import { loadConfig } from '../config/load.js';
import { findRepo } from '../git/repo.js';

export async function runInlineLintStaged(env: NodeJS.ProcessEnv, signal: AbortSignal): Promise<number> {
  // Stopped (the parent's timeout or Ctrl-C: the whole group gets SIGTERM): go at once; the parent recovers.
  signal.addEventListener('abort', () => process.exit(130), { once: true });
  const repo = await findRepo(process.cwd());
  const { config } = await loadConfig(repo.root, env);
  if (typeof config.lintStaged !== 'object') return 2;
  const { default: lintStaged } = await import('lint-staged');
  const print = (...args: unknown[]) => process.stdout.write(`${args.map(String).join(' ')}\n`);
  const passed = await lintStaged(
    { cwd: repo.root, config: config.lintStaged as never, stash: false, color: false, quiet: false },
    { log: print, warn: print, error: print, debug: () => undefined },
  );
  return passed ? 0 : 1;
}
