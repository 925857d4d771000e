/**
 * Running lint-staged: always as a child process in its own process group (runShell), so that
 * its timeout and Ctrl-C kill every task it started. The project's config and a JSON-able inline
 * one go to lint-staged's CLI; an inline config holding task functions goes to a child spark-guard
 * (`spark-guard lint-staged-inline`, src/lint/child.ts) that loads the config again and calls
 * lint-staged's Node API. A per-worktree lock keeps two runs (and doctor's recovery) apart.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { stateDir, type Repo } from '../git/repo.js';
import { runShell } from '../proc/spawn-gate.js';
import { isAlive } from '../proc/alive.js';
import { packageRoot } from '../paths.js';
import { hasFunction } from '../config/merge.js';
import type { ResolvedConfig } from '../config/types.js';
import { forgetAppliedPatch, recoverLeftoverPatch, resolveUnmerged } from './recover.js';

/** lint-staged's own timeout (it has none): like a command gate's default. */
export const LINT_TIMEOUT_S = 300;

export interface LintOutcome {
  passed: boolean;
  timedOut: boolean;
  /** The failing task and its output, plainly (plainOutput), and what recovery said. */
  output: string;
}

// ── the lock ────────────────────────────────────────────────────────────────────────────────────

function lockFile(repo: Repo): string {
  return path.join(stateDir(repo), 'lint.lock');
}

/** The pid in a lock file, or null when there is none (or it is unreadable: being written or removed). */
function lockHolder(file: string): number | null {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Takes the worktree's lint lock: created exclusively, so a live run's lock is never overwritten.
 * A lock whose process is gone (SIGKILL) is taken over. Returns null on success, else the pid of
 * the live process that holds it.
 */
export function acquireLintLock(repo: Repo): number | null {
  const file = lockFile(repo);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = lockHolder(file);
    if (holder === process.pid) return null;
    if (holder !== null && isAlive(holder)) return holder;
    if (holder === null && attempt === 0) continue; // being written right now: look again
    // A dead holder's lock (or one left empty): removed only while it still names that holder.
    if (lockHolder(file) === holder) fs.rmSync(file, { force: true });
  }
  const holder = lockHolder(file);
  return holder ?? -1;
}

/** Releases the lock only when it is this process's: another run's lock is never deleted. */
export function releaseLintLock(repo: Repo): void {
  const file = lockFile(repo);
  if (lockHolder(file) === process.pid) fs.rmSync(file, { force: true });
}

/** Whether another live process holds the lint lock of this worktree. */
export function lintIsRunning(repo: Repo): boolean {
  const holder = lockHolder(lockFile(repo));
  return holder !== null && holder !== process.pid && isAlive(holder);
}

/** The lock, config copy and recovery index a run killed with SIGKILL left in the state folder (their process is gone). */
export function removeStaleLintFiles(repo: Repo): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(stateDir(repo));
  } catch {
    return removed;
  }
  for (const name of names) {
    const file = path.join(stateDir(repo), name);
    // Any of them may vanish meanwhile (a run finishing): an unreadable one is simply not stale.
    const pid = name === 'lint.lock' ? lockHolder(file) : Number(/^(?:lint-staged\.(\d+)\.json|recover\.(\d+)\.index)$/.exec(name)?.slice(1).find(Boolean) ?? NaN);
    if (pid === null || !Number.isInteger(pid) || pid <= 0 || pid === process.pid || isAlive(pid)) continue;
    if (name === 'lint.lock' && lockHolder(file) !== pid) continue;
    fs.rmSync(file, { force: true });
    removed.push(name);
  }
  return removed;
}

// ── the run ─────────────────────────────────────────────────────────────────────────────────────

function lintStagedBin(): string {
  const main = createRequire(import.meta.url).resolve('lint-staged');
  return path.join(path.dirname(main), '..', 'bin', 'lint-staged.js');
}

/** This package's CLI (for the child that runs an inline config with functions). */
function ownBin(): string {
  return path.join(packageRoot, 'bin', 'spark-guard.cjs');
}

const quote = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;

/**
 * lint-staged on this commit's index (it keeps the hook's git environment: GIT_INDEX_FILE), then
 * whatever it left undone: killed (Ctrl-C, SIGTERM, its timeout) while it had partially staged
 * changes set aside, they are put back now, not on the next run; failed on its own (a task), with
 * --no-stash it leaves them hidden, so they are put back too; passed, its patch is only forgotten.
 */
export async function runLintStaged(repo: Repo, setting: Exclude<ResolvedConfig['lintStaged'], false>, env: NodeJS.ProcessEnv, signal: AbortSignal): Promise<LintOutcome> {
  const inline = typeof setting === 'object';
  const configCopy = path.join(stateDir(repo), `lint-staged.${process.pid}.json`);
  const argv =
    inline && hasFunction(setting)
      ? [process.execPath, ownBin(), 'lint-staged-inline']
      : [process.execPath, lintStagedBin(), '--no-stash', ...(inline ? ['--config', configCopy] : [])];
  if (inline && !hasFunction(setting)) fs.writeFileSync(configCopy, JSON.stringify(setting));
  // NO_COLOR: lint-staged's task list ignores FORCE_COLOR=0 and would print raw escapes.
  const childEnv = { ...env, NO_COLOR: '1', FORCE_COLOR: undefined };
  try {
    const r = await runShell(argv.map(quote).join(' '), { cwd: repo.root, env: childEnv, timeoutMs: LINT_TIMEOUT_S * 1000, signal, tailLines: 200 });
    const passed = r.code === 0 && !r.aborted && !r.timedOut;
    if (passed) forgetAppliedPatch(repo);
    else await resolveUnmerged(repo);
    const recovered = passed ? null : await recoverLeftoverPatch(repo, r.aborted || r.timedOut ? 'stopped' : 'failed');
    if (r.aborted) throw signal.reason;
    const output = plainOutput(r.tail);
    return { passed, timedOut: r.timedOut, output: recovered ? `${output}\n${recovered}` : output };
  } finally {
    if (inline) fs.rmSync(configCopy, { force: true });
  }
}

/**
 * lint-staged's output, plainly: no escape sequences, no task-list progress lines, and not its
 * warning that --no-stash skips the backup (spark-guard's own design makes it unnecessary: the
 * edits it hides are put back exactly, and its fixes are what is being committed). The failing
 * task and its output stay; the last 40 lines are kept.
 */
export function plainOutput(text: string): string {
  const lines = text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences are what this removes
    .replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '')
    .split('\n')
    .filter((line) => !/Skipping backup because `--no-stash` was used/.test(line) && !/^\s*\[(STARTED|COMPLETED|SUCCESS|SKIPPED|FAILED)\] /.test(line));
  const kept = lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  return kept.split('\n').slice(-40).join('\n');
}
