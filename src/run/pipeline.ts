/** The pipeline behind pre-commit, commit-msg and `check`: config → change → gates → report. */
import { loadConfig, type LoadedConfig } from '../config/load.js';
import { readChange, readCommits, mergeBase } from '../diff/read.js';
import { diffStats } from '../diff/stats.js';
import type { Change } from '../diff/model.js';
import { buildGates, knownGateIds } from '../gates/index.js';
import { runGates } from '../gates/runner.js';
import type { Gate, Workspace } from '../gates/gate.js';
import { createSnapshot, stagedTree } from '../git/snapshot.js';
import { perCommitDiffGate, perCommitMessageGate } from '../gates/range.js';
import { git } from '../git/exec.js';
import { GIT } from '../git/commands.js';
import type { Repo } from '../git/repo.js';
import { SparkGuardError } from '../errors.js';
import { messages } from '../messages.js';
import { buildReport, type Report } from '../report/report.js';
import { createProgress } from '../report/progress.js';
import { resolveSkips } from './skips.js';
import { loadScopes, rootScope, type Scope } from '../config/scope.js';

/** What to judge: the staged change, the branch since its merge base with a ref, or a range. */
export type Target = { kind: 'staged' } | { kind: 'base'; ref: string } | { kind: 'range'; range: string };

export interface PipelineOptions {
  repo: Repo;
  env: NodeJS.ProcessEnv;
  target?: Target;
  only?: Set<string>;
  skipFlag?: string;
  signal?: AbortSignal;
  /** Show live elapsed time of running gates (TTY only). */
  live: boolean;
  loaded?: LoadedConfig;
  /** Replaces the gate list (the commit-msg hook runs only the message gate). */
  gates?: Gate[];
}

export async function runPipeline(options: PipelineOptions): Promise<Report> {
  const started = performance.now();
  const loaded = options.loaded ?? (await loadConfig(options.repo.root, options.env));
  const { config } = loaded;
  if (config.review.enabled && !options.gates) warmReviewClient(options.only);
  const scopes = options.gates ? [rootScope(loaded)] : await loadScopes(options.repo, loaded, options.env);
  const { change, gates } = await planTarget(options, loaded, scopes);
  const { skip, warnings } = resolveSkips(knownGateIds(config, scopes), options.env, options.skipFlag);
  const progress = createProgress(process.stderr, options.live);
  const workspace = (options.target ?? { kind: 'staged' }).kind === 'staged' ? lazyWorkspace(options.repo) : undefined;
  try {
    const ctx = { repo: options.repo, config, change, configFile: loaded.file, env: options.env, workspace: workspace?.get, scopes };
    const result = await runGates(gates, ctx, {
      skip,
      only: options.only,
      signal: options.signal,
      concurrency: config.concurrency,
      onStart: progress.onStart,
      onFinish: progress.onFinish,
    });
    const review = result.gates.find((g) => g.review)?.review ?? null;
    return buildReport({ diff: diffStats(change.files, config.diff.ignore), gates: result.gates, review, warnings, ms: Math.round(performance.now() - started) });
  } finally {
    progress.stop();
    await workspace?.dispose();
  }
}

/** Starts loading the openai SDK (~100 ms) while git and the cheap gates run, so the review starts sooner. */
function warmReviewClient(only: Set<string> | undefined): void {
  if (only && !only.has('review')) return;
  import('../review/client.js').then((m) => m.preloadSdk()).catch(() => undefined);
}

/** The staged tree and its snapshot, made on first use by a command gate, removed at the end. */
function lazyWorkspace(repo: Repo): { get: () => Promise<Workspace>; dispose: () => Promise<void> } {
  let made: Promise<Workspace> | undefined;
  return {
    get: () => (made ??= (async () => ({ tree: await stagedTree(repo), snapshot: await createSnapshot(repo) }))()),
    dispose: async () => {
      const ws = await made?.catch(() => undefined);
      ws?.snapshot.dispose();
    },
  };
}

async function planTarget(options: PipelineOptions, loaded: LoadedConfig, scopes: readonly Scope[]): Promise<{ change: Change; gates: Gate[] }> {
  const target = options.target ?? { kind: 'staged' };
  const { repo } = options;
  if (target.kind === 'staged') {
    const change = await readChange(repo, { kind: 'staged' });
    return { change, gates: options.gates ?? buildGates(loaded.config, scopes) };
  }
  const [from, to] = target.kind === 'base' ? [await resolveBase(repo, target.ref), 'HEAD'] : await resolveRange(repo, target.range);
  const change = await readChange(repo, { kind: 'between', from, to });
  const commits = await readCommits(repo, `${from}..${to}`);
  const fileGates = buildGates(loaded.config, scopes).filter((g) => g.id !== 'diff');
  return { change, gates: [perCommitDiffGate(commits), ...fileGates, perCommitMessageGate(commits)] };
}

async function verifyCommit(repo: Repo, ref: string): Promise<void> {
  const r = await git(GIT.verifyRef(ref), { cwd: repo.root, allowFailure: true });
  if (r.code !== 0) throw new SparkGuardError('usage', messages.badRef(ref));
}

async function resolveBase(repo: Repo, ref: string): Promise<string> {
  await verifyCommit(repo, ref);
  try {
    return await mergeBase(repo, ref);
  } catch {
    throw new SparkGuardError('env', messages.noMergeBase(ref));
  }
}

async function resolveRange(repo: Repo, range: string): Promise<[string, string]> {
  const parts = range.split(/\.\.\.?/);
  if (parts.length !== 2 || !parts[0] || range.includes('...')) throw new SparkGuardError('usage', messages.badRange(range));
  const [from, to] = [parts[0], parts[1] || 'HEAD'];
  await verifyCommit(repo, from);
  await verifyCommit(repo, to);
  return [from, to];
}
