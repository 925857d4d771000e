/** `spark-guard docs [--all] [--json] [--suggest]`: the docs gate on demand (SPEC §10). */
import path from 'node:path';
import { findRepo, stateDir } from '../../git/repo.js';
import { loadConfig } from '../../config/load.js';
import { DOCS_DEFAULTS } from '../../config/defaults.js';
import { readChange } from '../../diff/read.js';
import { diffStats } from '../../diff/stats.js';
import { checkDocs } from '../../agent/docs-check.js';
import { docsOutcome } from '../../agent/docs-gate.js';
import { buildReport } from '../../report/report.js';
import { renderHuman } from '../../report/human.js';
import { renderJson } from '../../report/json.js';
import { renderGithubAnnotations } from '../../report/github.js';
import { makeStyle, useColor } from '../../report/style.js';
import { now } from '../../clock.js';

export interface DocsOptions {
  all: boolean;
  json: boolean;
  suggest: boolean;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
}

export async function docs(options: DocsOptions): Promise<number> {
  const started = now();
  const repo = await findRepo(process.cwd());
  const { config } = await loadConfig(repo.root, options.env, path.join(stateDir(repo), 'cache'));
  // On demand, every finding counts (exit 1), whatever docs.level says for commits.
  const settings = { ...(config.docs || DOCS_DEFAULTS), level: 'error' as const };
  const change = await readChange(repo, { kind: 'staged' });
  const result = await checkDocs(repo, settings, options.all ? { kind: 'all' } : { kind: 'change', change });
  const outcome = docsOutcome(result.findings, settings, result.checked.length);
  const ms = Math.round(now() - started);
  const report = buildReport({ diff: diffStats(change.files, config.diff.ignore), gates: [{ name: 'docs', ms, findings: [], ...outcome }], ms });
  if (options.suggest) {
    const { suggestDocsFix } = await import('../../agent/suggest.js');
    return suggestDocsFix({ repo, config, findings: result.findings, env: options.env, signal: options.signal });
  }
  const title = options.all ? 'docs --all' : 'docs';
  process.stdout.write(options.json ? renderJson(report) : renderHuman(report, makeStyle(useColor(process.stdout, options.env)), title, !options.all));
  if (options.env.GITHUB_ACTIONS === 'true') (options.json ? process.stderr : process.stdout).write(renderGithubAnnotations(report));
  return report.ok ? 0 : 1;
}
