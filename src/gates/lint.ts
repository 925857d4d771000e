/**
 * Gate 5, `lint`: lint-staged through its Node API, before the command gates so that they judge the
 * fixed content. lint-staged's backup stash is off (it lives in the stash list every worktree
 * shares); its own hiding of partially staged changes stays on. When spark-guard stops it (Ctrl-C,
 * SIGTERM, timeout), the patch it set aside is applied back at once; one left by a run killed with
 * SIGKILL is applied back before the next run (and by `doctor`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { git } from '../git/exec.js';
import type { Repo } from '../git/repo.js';
import { stateDir } from '../git/repo.js';
import { createRequire } from 'node:module';
import { runShell } from '../proc/spawn-gate.js';
import { hasFunction } from '../config/merge.js';
import { isAlive } from '../proc/alive.js';
import { messages } from '../messages.js';
import type { Gate } from './gate.js';

const CONFIG_FILES = [
  '.lintstagedrc',
  '.lintstagedrc.json',
  '.lintstagedrc.yaml',
  '.lintstagedrc.yml',
  '.lintstagedrc.mjs',
  '.lintstagedrc.cjs',
  '.lintstagedrc.js',
  'lint-staged.config.js',
  'lint-staged.config.mjs',
  'lint-staged.config.cjs',
  'lint-staged.config.ts',
  'lint-staged.config.mts',
  'lint-staged.config.cts',
];
export const LINT_STAGED_PATCH = 'lint-staged_unstaged.patch';

function hasProjectConfig(root: string): boolean {
  if (CONFIG_FILES.some((f) => fs.existsSync(path.join(root, f)))) return true;
  try {
    return 'lint-staged' in JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  } catch {
    return false;
  }
}

/** A patch lint-staged wrote before hiding unstaged changes, left behind by a killed run. */
export function leftoverPatch(repo: Repo): string | null {
  const file = path.join(repo.gitDir, LINT_STAGED_PATCH);
  return fs.existsSync(file) ? file : null;
}

/** Applies a leftover patch back to the work tree; keeps a copy under .git/spark-guard/recovered/. */
export async function recoverLeftoverPatch(repo: Repo): Promise<string | null> {
  const file = leftoverPatch(repo);
  if (!file) return null;
  const keep = path.join(stateDir(repo), 'recovered', `lint-staged-${Date.now()}.patch`);
  fs.mkdirSync(path.dirname(keep), { recursive: true });
  fs.copyFileSync(file, keep);
  const applied = await git(['apply', '--whitespace=nowarn', '--recount', '--unidiff-zero', file], { cwd: repo.root, allowFailure: true });
  if (applied.code !== 0) {
    const threeWay = await git(['apply', '--whitespace=nowarn', '--recount', '--unidiff-zero', '--3way', file], { cwd: repo.root, allowFailure: true });
    if (threeWay.code !== 0) return messages.lintRecoveryFailed(keep);
  }
  fs.rmSync(file);
  return messages.lintRecovered(keep);
}

/** lint-staged's own timeout (it has none): like a command gate's default. */
export const LINT_TIMEOUT_S = 300;

/** A per-worktree lock while lint-staged has unstaged changes set aside: recovery must not race it. */
function lockFile(repo: Repo): string {
  return path.join(stateDir(repo), 'lint.lock');
}

export function lintIsRunning(repo: Repo): boolean {
  try {
    const pid = Number(fs.readFileSync(lockFile(repo), 'utf8'));
    return pid !== process.pid && isAlive(pid);
  } catch {
    return false;
  }
}

/** The lock and config copy a run killed with SIGKILL left in the state folder (their process is gone). */
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
    const pid = name === 'lint.lock' ? Number(fs.readFileSync(file, 'utf8')) : Number(/^lint-staged\.(\d+)\.json$/.exec(name)?.[1] ?? NaN);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || isAlive(pid)) continue;
    fs.rmSync(file, { force: true });
    removed.push(name);
  }
  return removed;
}

function lintStagedBin(): string {
  const main = createRequire(import.meta.url).resolve('lint-staged');
  return path.join(path.dirname(main), '..', 'bin', 'lint-staged.js');
}

export const lintGate: Gate = {
  id: 'lint',
  cost: 'cheap',
  changesFiles: true,
  applies(ctx) {
    const setting = ctx.config.lintStaged;
    if (setting === false) return 'lintStaged: false';
    if (!ctx.workspace) return messages.commandGateNeedsStaged();
    if (setting === true && !hasProjectConfig(ctx.repo.root)) return messages.lintNoConfig();
    return ctx.change.files.length ? true : 'no staged files';
  },
  async run(ctx, signal) {
    // A set-aside patch while another live process holds the lock (or one whose pid was reused):
    // lint-staged would write over that patch, so it does not start until that is cleared up.
    if (leftoverPatch(ctx.repo) && lintIsRunning(ctx.repo)) {
      return { status: 'fail', message: messages.lintBusy(), details: messages.lintBusyHow(leftoverPatch(ctx.repo)!) };
    }
    const recovered = await recoverLeftoverPatch(ctx.repo);
    const setting = ctx.config.lintStaged;
    fs.mkdirSync(stateDir(ctx.repo), { recursive: true });
    fs.writeFileSync(lockFile(ctx.repo), String(process.pid));
    try {
      const outcome = typeof setting === 'object' && hasFunction(setting) ? await runInProcess(ctx.repo, setting) : await runBin(ctx.repo, setting as true | Record<string, unknown>, ctx.env, signal);
      if (outcome.passed) return { status: 'pass', message: recovered ?? '' };
      return { status: 'fail', message: outcome.timedOut ? messages.lintTimedOut(LINT_TIMEOUT_S) : messages.lintFailed(), details: `${recovered ? `${recovered}\n` : ''}${outcome.output}` };
    } finally {
      fs.rmSync(lockFile(ctx.repo), { force: true });
    }
  },
};

interface LintOutcome {
  passed: boolean;
  timedOut?: boolean;
  output: string;
}

/**
 * lint-staged's CLI in its own process group, so that its timeout or Ctrl-C kills every task it
 * started. It keeps the hook's git environment (GIT_INDEX_FILE): it works on this commit's index.
 */
async function runBin(repo: Repo, setting: true | Record<string, unknown>, env: NodeJS.ProcessEnv, signal: AbortSignal): Promise<LintOutcome> {
  const args = ['--no-stash'];
  if (typeof setting === 'object') {
    const file = path.join(stateDir(repo), `lint-staged.${process.pid}.json`);
    fs.writeFileSync(file, JSON.stringify(setting));
    args.push('--config', file);
  }
  const quoted = [process.execPath, lintStagedBin(), ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  try {
    const r = await runShell(quoted, { cwd: repo.root, env: { ...env, FORCE_COLOR: '0' }, timeoutMs: LINT_TIMEOUT_S * 1000, signal, tailLines: 40 });
    // Killed (Ctrl-C, SIGTERM, its timeout) while it had partially staged changes set aside: put
    // them back now, not on the next run, so that an interrupted commit leaves the work tree as it was.
    const recovered = r.aborted || r.timedOut ? await recoverLeftoverPatch(repo) : null;
    if (r.aborted) throw signal.reason;
    return { passed: r.code === 0 && !r.timedOut, timedOut: r.timedOut, output: recovered ? `${r.tail}\n${recovered}` : r.tail };
  } finally {
    if (typeof setting === 'object') fs.rmSync(path.join(stateDir(repo), `lint-staged.${process.pid}.json`), { force: true });
  }
}

/** An inline config with task functions cannot be handed to the CLI: the Node API runs it (no timeout). */
async function runInProcess(repo: Repo, setting: Record<string, unknown>): Promise<LintOutcome> {
  const { default: lintStaged } = await import('lint-staged');
  const output: string[] = [];
  const collect = (...args: unknown[]) => output.push(args.map(String).join(' '));
  const passed = await lintStaged(
    { cwd: repo.root, config: setting as never, stash: false, color: false, quiet: false },
    { log: collect, warn: collect, error: collect, debug: () => undefined },
  );
  return { passed, output: output.join('\n').split('\n').slice(-40).join('\n') };
}
