/** The pipeline behind pre-commit, commit-msg and `check`: config → change → gates → report. */
import { loadConfig, type LoadedConfig } from '../config/load.js';
import { readChange, readCommits, mergeBase } from '../diff/read.js';
import { diffStats, saveGlobCache, useGlobCache } from '../diff/stats.js';
import type { Change } from '../diff/model.js';
import type { ReviewConfig } from '../config/types.js';
import { buildGates, knownGateIds } from '../gates/index.js';
import { runGates } from '../gates/runner.js';
import type { Gate, Workspace } from '../gates/gate.js';
import { createSnapshot, stagedTree, type Snapshot } from '../git/snapshot.js';
import { git, gitText } from '../git/exec.js';
import { GIT } from '../git/commands.js';
import { stateDir, type Repo } from '../git/repo.js';
import path from 'node:path';
import { SparkGuardError } from '../errors.js';
import { debug } from '../debug.js';
import { messages } from '../messages.js';
import { buildReport, type Report } from '../report/report.js';
import { createProgress } from '../report/progress.js';
import { envSkips, parseList, resolveSkips, unknownNames } from './skips.js';
import { loadScopes, type Scope } from '../config/scope.js';
import { isReviewGate } from '../review/gate.js';
import { messageAheadGate } from '../commit-msg/ahead.js';
import { now } from '../clock.js';

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
  /** May gates write (lint-staged's fixes)? A hook: yes; `check`: only with --fix (SPEC §4: a check never writes). */
  fix?: boolean;
  loaded?: LoadedConfig;
  /**
   * The staged change, already being read (the hook starts git before loading this module, so git
   * runs while Node loads the gates).
   */
  staged?: { change: Promise<Change> };
  /**
   * The message `git commit -m` is about to write, known in pre-commit: judged by a serial `message`
   * gate, so a message that breaks a rule blocks before the expensive gates (commit-msg/ahead.ts).
   */
  message?: Buffer;
}

export async function runPipeline(options: PipelineOptions): Promise<Report> {
  const started = now();
  const cacheDir = path.join(stateDir(options.repo), 'cache');
  useGlobCache(path.join(cacheDir, 'globs.json'));
  const loaded = options.loaded ?? (await loadConfig(options.repo.root, options.env, cacheDir));
  const { config } = loaded;
  debug('time', 'config ready');
  if (config.review.enabled) void warmReviewClient(options.only, config.review, options.env);
  const { change, gates, scopes } = await planTarget(options, loaded, cacheDir);
  debug('time', 'change read:', change.files.length, 'files,', scopes.length, 'scopes');
  const verifyIds = gates.filter((g) => g.id.startsWith('verify:')).map((g) => g.id);
  const known = knownGateIds(config, scopes, verifyIds);
  const typos = unknownNames([...(options.only ?? []), ...parseList(options.skipFlag)], known);
  if (typos.length) throw new SparkGuardError('usage', messages.usage(messages.unknownGateFlag(typos, known)));
  const { skip, warnings } = resolveSkips(known, options.env, options.skipFlag);
  const only = expandVerify(options.only, verifyIds);
  if (skip.has('verify')) for (const id of verifyIds) if (!skip.has(id)) skip.set(id, skip.get('verify')!);
  if (options.only || options.skipFlag) requireRunnableGate(gates, { ...options, only });
  const progress = createProgress(() => process.stderr, options.live);
  const workspace = (options.target ?? { kind: 'staged' }).kind === 'staged' ? lazyWorkspace(options.repo) : undefined;
  try {
    const ctx = { repo: options.repo, config, change, configFile: loaded.file, env: options.env, workspace: workspace?.workspace, scopes, fix: options.fix };
    const result = await runGates(gates, ctx, {
      skip,
      only,
      signal: options.signal,
      concurrency: config.concurrency,
      onStart: progress.onStart,
      onFinish: progress.onFinish,
    });
    debug('time', 'gates done');
    const review = gates.find(isReviewGate)?.summary ?? null;
    return buildReport({ diff: diffStats(change.files, config.diff.ignore), gates: result.gates, review, warnings, ms: Math.round(now() - started) });
  } finally {
    progress.stop();
    saveGlobCache();
    await workspace?.dispose();
  }
}

/** `--only verify` selects every `verify:<n>` gate. */
function expandVerify(only: Set<string> | undefined, verifyIds: string[]): Set<string> | undefined {
  return only?.has('verify') ? new Set([...only, ...verifyIds]) : only;
}

/** `check --only/--skip` must leave a gate that can run in this mode (SPARK_GUARD_SKIP, a deliberate bypass, is not counted). */
function requireRunnableGate(gates: readonly Gate[], options: PipelineOptions): void {
  const staged = (options.target ?? { kind: 'staged' }).kind === 'staged';
  const skipped = new Set(parseList(options.skipFlag));
  const runnable = gates.filter(
    (g) => (staged || !g.stagedOnly) && !(g.changesFiles && options.fix === false) && (!options.only || options.only.has(g.id)) && !skipped.has(g.id) && !skipped.has(g.id.split(' › ').pop()!),
  );
  if (!runnable.length) throw new SparkGuardError('usage', messages.usage(messages.nothingSelected(staged, [...(options.only ?? [])])));
}

/** Starts loading the openai SDK (~100 ms) while git and the cheap gates run, so the review starts sooner. */
async function warmReviewClient(only: Set<string> | undefined, review: ReviewConfig, env: NodeJS.ProcessEnv): Promise<void> {
  if (only && !only.has('review')) return;
  const { resolveEndpoint } = await import('../review/endpoint.js');
  if (resolveEndpoint(review, env).missingKey) return; // no key: no call, and no client to load
  await import('../review/client.js').catch(() => undefined);
}

/** VERIFY.md's gates, its module loaded only when `verify` is on. */
async function verifyGatesOf(repo: Repo, config: LoadedConfig['config'], source: Parameters<typeof import('../agent/verify.js').loadVerifyGates>[2]): Promise<Gate[]> {
  if (!config.verify) return [];
  const { loadVerifyGates } = await import('../agent/verify.js');
  return loadVerifyGates(repo, config, source);
}

/** The staged tree and its snapshot, each made on first use by a command gate; the snapshot is removed at the end. */
export function lazyWorkspace(repo: Repo): { workspace: Workspace; dispose: () => Promise<void> } {
  let tree: Promise<string> | undefined;
  let snapshot: Promise<Snapshot> | undefined;
  return {
    workspace: { tree: () => (tree ??= stagedTree(repo)), snapshot: () => (snapshot ??= createSnapshot(repo)) },
    dispose: async () => (await snapshot?.catch(() => undefined))?.dispose(),
  };
}

interface Plan {
  change: Change;
  gates: Gate[];
  scopes: Scope[];
}

async function planTarget(options: PipelineOptions, loaded: LoadedConfig, cacheDir: string): Promise<Plan> {
  const target = options.target ?? { kind: 'staged' };
  const { repo, env } = options;
  // Sub-folder configs above the changed files; every one in the repository when gates are named
  // (--only, --skip, SPARK_GUARD_SKIP), so that a package's gate is known even when not touched.
  const named = Boolean(options.only?.size || options.skipFlag || envSkips(env).length);
  const scopesOf = (change: Change) =>
    loadScopes(repo, loaded, env, cacheDir, named ? undefined : change.files.flatMap((f) => (f.oldPath ? [f.path, f.oldPath] : [f.path])));
  if (target.kind === 'staged') {
    const verify = verifyGatesOf(repo, loaded.config, { kind: 'index' });
    verify.catch(() => undefined); // awaited below
    const change = await (options.staged?.change ?? readChange(repo, { kind: 'staged' }));
    const scopes = await scopesOf(change);
    const gates = await buildGates(loaded.config, scopes, await verify);
    // Before any gate that changes files (lint-staged: it does not run once a gate has blocked) or costs time.
    if (options.message) {
      const at = gates.findIndex((g) => g.changesFiles || g.phase === 'concurrent');
      gates.splice(at < 0 ? gates.length : at, 0, messageAheadGate(options.message));
    }
    return { change, gates, scopes };
  }
  const [from, to] = target.kind === 'base' ? [await resolveBase(repo, target.ref), 'HEAD'] : await resolveRange(repo, target.range);
  const change = await readChange(repo, { kind: 'between', from, to });
  const commits = await readCommits(repo, `${from}..${to}`);
  const scopes = await scopesOf(change);
  const verify = await verifyGatesOf(repo, loaded.config, { kind: 'rev', rev: to });
  const fileGates = (await buildGates(loaded.config, scopes, verify)).filter((g) => g.id !== 'diff');
  const { perCommitDiffGate, perCommitMessageGate } = await import('../gates/range.js');
  return { change, gates: [perCommitDiffGate(commits), ...fileGates, perCommitMessageGate(commits)], scopes };
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
  // Like a pull request: what b adds since it left a, not a's own later changes.
  const base = await gitText(['merge-base', from, to], { cwd: repo.root }).catch(() => from);
  return [base, to];
}
