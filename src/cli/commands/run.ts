/** `spark-guard run <hook> [args]`: what the husky hook lines call. */
import { SparkGuardError } from '../../errors.js';
import { messages } from '../../messages.js';
import { findRepo } from '../../git/repo.js';
import { runStagedPipeline } from '../../run/pipeline.js';
import { renderHuman } from '../../report/human.js';
import { makeStyle, useColor } from '../../report/style.js';

const HOOKS = ['pre-commit', 'commit-msg', 'post-commit'];

export interface RunOptions {
  hook: string | undefined;
  args: string[];
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
}

export async function runHook(options: RunOptions): Promise<number> {
  const { hook } = options;
  if (!hook || !HOOKS.includes(hook)) throw new SparkGuardError('usage', messages.unknownHook(hook ?? ''));
  if (options.env.SPARK_GUARD === '0') {
    process.stdout.write(`${messages.disabled(hook)}\n`);
    return 0;
  }
  const repo = await findRepo(process.cwd());
  if (hook !== 'pre-commit') return 0;
  const report = await runStagedPipeline({ repo, env: options.env, signal: options.signal, live: Boolean(process.stderr.isTTY) });
  process.stdout.write(renderHuman(report, makeStyle(useColor(process.stdout, options.env)), 'pre-commit'));
  return report.ok ? 0 : 1;
}
