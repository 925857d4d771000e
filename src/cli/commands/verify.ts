/** `spark-guard verify [--staged] [--json]`: VERIFY.md's commands on demand, with the commit's report. */
import path from 'node:path';
import { findRepo, stateDir } from '../../git/repo.js';
import { loadConfig } from '../../config/load.js';
import { VERIFY_DEFAULTS } from '../../config/defaults.js';
import { readChange } from '../../diff/read.js';
import { diffStats } from '../../diff/stats.js';
import { readVerifyFile, verifyGates } from '../../agent/verify.js';
import { runGates } from '../../gates/runner.js';
import type { Workspace } from '../../gates/gate.js';
import { lazyWorkspace } from '../../run/pipeline.js';
import { buildReport } from '../../report/report.js';
import { createProgress } from '../../report/progress.js';
import { renderHuman } from '../../report/human.js';
import { renderJson } from '../../report/json.js';
import { makeStyle, useColor } from '../../report/style.js';
import { now } from '../../clock.js';

export interface VerifyOptions {
  staged: boolean;
  json: boolean;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
}

export async function verify(options: VerifyOptions): Promise<number> {
  const started = now();
  const repo = await findRepo(process.cwd());
  const { config, file: configFile } = await loadConfig(repo.root, options.env, path.join(stateDir(repo), 'cache'));
  const settings = config.verify || VERIFY_DEFAULTS;
  // --staged: VERIFY.md and the code as the commit holds them; else both as they are on disk.
  const [file, change] = await Promise.all([
    readVerifyFile(repo, settings, options.staged ? { kind: 'index' } : { kind: 'worktree' }),
    readChange(repo, { kind: 'staged' }),
  ]);
  const gates = verifyGates(settings, file, true);
  const staged = options.staged ? lazyWorkspace(repo) : null;
  const workspace: Workspace = staged?.workspace ?? {
    tree: async () => '',
    snapshot: async () => ({ dir: repo.root, inPlace: true, dispose() {} }),
    cacheable: false,
  };
  const progress = createProgress(() => process.stderr, !options.json && Boolean(process.stderr.isTTY) && !options.env.CI);
  try {
    const ctx = { repo, config, change, configFile, env: options.env, workspace, scopes: [{ dir: '', config, configFile }] };
    const result = await runGates(gates, ctx, { signal: options.signal, concurrency: config.concurrency, onStart: progress.onStart, onFinish: progress.onFinish });
    const report = buildReport({ diff: diffStats(change.files, config.diff.ignore), gates: result.gates, ms: Math.round(now() - started) });
    progress.stop();
    const title = options.staged ? `verify --staged (${file.file})` : `verify (${file.file}, work tree)`;
    process.stdout.write(options.json ? renderJson(report) : renderHuman(report, makeStyle(useColor(process.stdout, options.env)), title, Boolean(options.staged)));
    return report.ok ? 0 : 1;
  } finally {
    progress.stop();
    await staged?.dispose();
  }
}
