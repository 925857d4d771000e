/**
 * dist/fast.cjs: the commit-msg hook's common case without loading the CLI bundle. When the layout
 * is plain, the config is cached, nothing is skipped and the message passes, there is nothing to
 * print: the answer is exit 0. Anything else (a broken rule, a warning, a cache miss, an error)
 * returns null and bin/spark-guard.cjs runs the full CLI, which judges and reports it. The rules
 * are the same code (run/commit-msg.ts), bundled twice.
 */
import path from 'node:path';
import { readPlainLayout, stateDir } from './git/repo.js';
import { configFingerprint, readCachedConfig } from './config/cache.js';
import { judgeMessageFile } from './run/commit-msg.js';

export function commitMsgPasses(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  if (argv.length !== 3 || argv[0] !== 'run' || argv[1] !== 'commit-msg') return false;
  if (env.SPARK_GUARD === '0' || env.SPARK_GUARD_SKIP || env.SPARK_GUARD_CONFIG || env.DEBUG) return false;
  try {
    const repo = readPlainLayout(process.cwd(), env);
    if (!repo) return false;
    const loaded = readCachedConfig(path.join(stateDir(repo), 'cache'), repo.root, configFingerprint(repo.root, env));
    if (!loaded) return false;
    return judgeMessageFile(repo, path.resolve(argv[2]!), loaded.config.commitMessage).length === 0;
  } catch {
    return false;
  }
}
