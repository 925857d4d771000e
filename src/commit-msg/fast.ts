/**
 * dist/fast.cjs: the commit-msg hook's common case without loading the CLI bundle. When the layout
 * is plain, the config is cached and the decision (decide.ts) is a silent pass, there is nothing to
 * print: the answer is exit 0. Anything else (a broken rule, a skip to report, a cache miss, an
 * error) returns false and bin/spark-guard.cjs runs the full CLI (hook.ts), which takes the same
 * decision and reports it.
 */
import path from 'node:path';
import { readPlainLayout, stateDir } from '../git/repo.js';
import { configFingerprint, readCachedConfig } from '../config/cache.js';
import { judgeMessageFile } from './hook.js';

export function commitMsgPasses(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  if (argv.length !== 3 || argv[0] !== 'run' || argv[1] !== 'commit-msg') return false;
  // SPARK_GUARD_CONFIG names a config file: the full CLI resolves it.
  if (env.SPARK_GUARD_CONFIG) return false;
  try {
    const repo = readPlainLayout(process.cwd(), env);
    if (!repo) return false;
    const loaded = readCachedConfig(path.join(stateDir(repo), 'cache'), repo.root, configFingerprint(repo.root, env));
    if (!loaded) return false;
    return judgeMessageFile(repo, path.resolve(argv[2]!), loaded.config.commitMessage, env).silent;
  } catch {
    return false;
  }
}
