/** `spark-guard check [--staged | --base <ref> | --range <a>..<b>] [--only] [--skip] [--json]`. */
import { SparkGuardError } from '../../errors.js';
import { messages } from '../../messages.js';
import { findRepo } from '../../git/repo.js';
import { runStagedPipeline } from '../../run/pipeline.js';
import { parseList } from '../../run/skips.js';
import { renderHuman } from '../../report/human.js';
import { renderJson } from '../../report/json.js';
import { makeStyle, useColor } from '../../report/style.js';

export interface CheckOptions {
  staged: boolean;
  base?: string;
  range?: string;
  only?: string;
  skip?: string;
  json: boolean;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
}

export async function check(options: CheckOptions): Promise<number> {
  const modes = [options.staged, options.base !== undefined, options.range !== undefined].filter(Boolean).length;
  if (modes > 1) throw new SparkGuardError('usage', messages.usage('check takes one of --staged, --base <ref> or --range <a>..<b>.'));
  if (options.base !== undefined || options.range !== undefined) {
    throw new SparkGuardError('usage', messages.notYetAvailable(options.base !== undefined ? 'check --base' : 'check --range'));
  }
  const repo = await findRepo(process.cwd());
  const only = options.only ? new Set(parseList(options.only)) : undefined;
  const report = await runStagedPipeline({
    repo,
    env: options.env,
    only,
    skipFlag: options.skip,
    signal: options.signal,
    live: !options.json && Boolean(process.stderr.isTTY),
  });
  process.stdout.write(options.json ? renderJson(report) : renderHuman(report, makeStyle(useColor(process.stdout, options.env)), 'check --staged'));
  return report.ok ? 0 : 1;
}
