/** `spark-guard check [--staged | --base <ref> | --range <a>..<b>] [--only] [--skip] [--json]`. */
import { SparkGuardError } from '../../errors.js';
import { messages } from '../../messages.js';
import { findRepo } from '../../git/repo.js';
import { runPipeline, type Target } from '../../run/pipeline.js';
import { parseList } from '../../run/skips.js';
import { renderHuman } from '../../report/human.js';
import { renderJson } from '../../report/json.js';
import { renderGithubAnnotations } from '../../report/github.js';
import { makeStyle, useColor } from '../../report/style.js';

export interface CheckOptions {
  staged: boolean;
  base?: string;
  range?: string;
  only?: string;
  skip?: string;
  json: boolean;
  /** The command shown in the header: `check` or `review`. */
  command?: string;
  /** Let lint-staged fix and re-stage files (a plain check never writes). */
  fix?: boolean;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
}

export async function check(options: CheckOptions): Promise<number> {
  const modes = [options.staged, options.base !== undefined, options.range !== undefined].filter(Boolean).length;
  if (modes > 1) throw new SparkGuardError('usage', messages.usage('check takes one of --staged, --base <ref> or --range <a>..<b>.'));
  const target: Target =
    options.base !== undefined ? { kind: 'base', ref: options.base } : options.range !== undefined ? { kind: 'range', range: options.range } : { kind: 'staged' };
  const repo = await findRepo(process.cwd());
  const only = options.only ? new Set(parseList(options.only)) : undefined;
  const live = !options.json && Boolean(process.stderr.isTTY) && !options.env.CI;
  const report = await runPipeline({ repo, env: options.env, target, only, skipFlag: options.skip, signal: options.signal, live, fix: !!options.fix });
  const command = options.command ?? 'check';
  const title = target.kind === 'staged' ? `${command} --staged` : target.kind === 'base' ? `${command} --base ${target.ref}` : `${command} --range ${target.range}`;
  process.stdout.write(options.json ? renderJson(report) : renderHuman(report, makeStyle(useColor(process.stdout, options.env)), title));
  // Annotations go to stdout, where the runner reads them; with --json they go to stderr so that
  // stdout stays one JSON document (the runner reads workflow commands from both).
  if (options.env.GITHUB_ACTIONS === 'true') (options.json ? process.stderr : process.stdout).write(renderGithubAnnotations(report));
  return report.ok ? 0 : 1;
}
