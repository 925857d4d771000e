/** The pre-commit / `check --staged` pipeline: config → staged change → gates → report. */
import { loadConfig, type LoadedConfig } from '../config/load.js';
import { readStagedChange } from '../diff/read.js';
import { diffStats } from '../diff/stats.js';
import { buildGates, knownGateIds } from '../gates/index.js';
import { runGates } from '../gates/runner.js';
import type { Repo } from '../git/repo.js';
import { buildReport, type Report } from '../report/report.js';
import { createProgress } from '../report/progress.js';
import { resolveSkips } from './skips.js';

export interface PipelineOptions {
  repo: Repo;
  env: NodeJS.ProcessEnv;
  only?: Set<string>;
  skipFlag?: string;
  signal?: AbortSignal;
  /** Show live elapsed time of running gates (TTY only). */
  live: boolean;
  loaded?: LoadedConfig;
}

export async function runStagedPipeline(options: PipelineOptions): Promise<Report> {
  const started = performance.now();
  const loaded = options.loaded ?? (await loadConfig(options.repo.root, options.env));
  const { config } = loaded;
  const change = await readStagedChange(options.repo);
  const gates = buildGates(config);
  const { skip, warnings } = resolveSkips(knownGateIds(config), options.env, options.skipFlag);
  const progress = createProgress(process.stderr, options.live);
  try {
    const result = await runGates(gates, { repo: options.repo, config, change }, {
      skip,
      only: options.only,
      signal: options.signal,
      onStart: progress.onStart,
      onFinish: progress.onFinish,
    });
    return buildReport({
      diff: diffStats(change.files, config.diff.ignore),
      gates: result.gates,
      warnings,
      ms: Math.round(performance.now() - started),
    });
  } finally {
    progress.stop();
  }
}
