/**
 * Gate 5, `lint`: lint-staged through its Node API, before the command gates so that they judge the
 * fixed content. lint-staged's backup stash is off (it lives in the stash list every worktree
 * shares); its own hiding of partially staged changes stays on. When spark-guard stops it (Ctrl-C,
 * SIGTERM, timeout), the edits it set aside are put back at once (applyBack: exactly, wherever it was
 * stopped); ones left by a run killed with SIGKILL before the next run (and by `doctor`).
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

/**
 * How lint-staged ended when its set-aside patch is found: `stopped` (killed, or a patch from an
 * earlier run: the work tree may be in any state) or `failed` (a task failed; with --no-stash,
 * lint-staged then leaves the edits hidden and nothing else restores them).
 */
type Ending = 'stopped' | 'failed';

/**
 * Puts the edits of a set-aside patch back in the work tree. When some cannot be put back for
 * certain, nothing more is touched and a copy of the patch is kept under .git/spark-guard/recovered/;
 * the patch itself is removed either way, so that a later lint-staged run never mistakes it for its own.
 */
export async function recoverLeftoverPatch(repo: Repo, ending: Ending = 'stopped'): Promise<string | null> {
  const file = leftoverPatch(repo);
  if (!file) return null;
  const changed = await applyBack(repo, file, ending);
  if (changed === false) {
    const keep = path.join(stateDir(repo), 'recovered', `lint-staged-${Date.now()}.patch`);
    fs.mkdirSync(path.dirname(keep), { recursive: true });
    fs.renameSync(file, keep);
    return messages.lintRecoveryFailed(keep);
  }
  fs.rmSync(file, { force: true });
  if (changed === 0) return null; // the edits were all in place: nothing to say
  return ending === 'failed' ? messages.lintRestoredAfterFailure() : messages.lintRecovered();
}

/**
 * lint-staged puts the edits back with `git apply --3way`, which implies --index: when they clash
 * with a task's fix it leaves unmerged entries, and every later commit refuses. git starts no commit
 * with unmerged entries, so any found after a run that did not pass are lint-staged's: each path
 * goes back to its stage-2 entry (the staged version, with the task's fix); the work tree gets the
 * edits back from the patch.
 */
async function resolveUnmerged(repo: Repo): Promise<void> {
  const listed = await git(['ls-files', '-u', '-z'], { cwd: repo.root, allowFailure: true });
  const ours = listed.stdout
    .toString('utf8')
    .split('\0')
    .map((record) => /^(\d{6}) ([0-9a-f]+) 2\t(.+)$/s.exec(record))
    .filter((m): m is RegExpExecArray => m !== null);
  if (ours.length === 0) return;
  // A stage-0 entry replaces a path's unmerged ones.
  await git(['update-index', '-z', '--index-info'], { cwd: repo.root, input: ours.map((m) => `${m[1]} ${m[2]}\t${m[3]}\0`).join(''), allowFailure: true });
}

/** After lint-staged passed: it applied its patch back itself, but (with --no-stash) never deletes it. */
function forgetAppliedPatch(repo: Repo): void {
  const file = leftoverPatch(repo);
  if (file) fs.rmSync(file, { force: true });
}

/**
 * The patch holds the unstaged edits of files whose preimage blob it names. Where the run stopped
 * decides what each file in the work tree holds: the edits still (stopped before they were hidden),
 * the preimage (hidden), nothing or an empty file (git was rewriting it when it was killed), or a
 * task's fixes. The known states are recognised by content and written as preimage + edits,
 * exactly, through a private index (a patch without context lines cannot tell them apart itself:
 * applied twice, it adds an added line twice). After a failed task every file gets preimage +
 * edits (lint-staged's own revert would do the same). In any other state nothing is touched.
 * Returns how many files were written, or false when nothing could be done for certain.
 */
async function applyBack(repo: Repo, file: string, ending: Ending): Promise<number | false> {
  const sections = await patchSections(repo, file);
  if (!sections) return false;
  const states = await workTreeStates(repo, sections);
  const known = (s: Section, i: number) => s.pre !== null && (ending === 'failed' || [s.post, s.pre, MISSING, EMPTY].some((id) => same(states[i]!, id)));
  // Any other state (a task's fixes, a later edit, a mode-only change): a patch without context
  // lines could land twice or in the wrong place, so nothing is touched and the patch is kept.
  if (sections.some((s, i) => !known(s, i))) return false;
  const exact = sections.filter((s, i) => !same(states[i]!, s.post));
  if (exact.length && !(await writePostImages(repo, sections, exact))) return false;
  return exact.length;
}

const MISSING = 'missing';
const EMPTY = 'empty';
const OTHER = 'other';

/** A blob id (abbreviated in the patch) or one of the states above. */
function same(state: string, id: string | null): boolean {
  if (id === null) return false;
  if (id === MISSING || id === EMPTY || id === OTHER) return state === id;
  return state.startsWith(id);
}

interface Section {
  path: string;
  /** Blob ids from the section's `index` line; null for a mode-only change (no line). */
  pre: string | null;
  post: string;
  mode: string;
  text: string;
}

/** Each file of the patch: its path (from git apply --numstat -z), blob ids and mode (from its header). */
async function patchSections(repo: Repo, file: string): Promise<Section[] | null> {
  const listed = await git(['apply', '--numstat', '-z', file], { cwd: repo.root, allowFailure: true });
  if (listed.code !== 0) return null;
  const records = listed.stdout.toString('utf8').split('\0').filter(Boolean);
  const texts = fs.readFileSync(file, 'utf8').split(/^(?=diff --git )/m).filter((t) => t.startsWith('diff --git '));
  if (texts.length !== records.length) return null;
  const sections: Section[] = [];
  for (let i = 0; i < texts.length; i++) {
    const name = /^[^\t]*\t[^\t]*\t(.+)$/s.exec(records[i]!)?.[1];
    if (!name) return null; // a rename ("\t\0from\0to"): not a state recovery recognises
    const header = texts[i]!.split(/^(?:@@|GIT binary patch)/m)[0]!;
    const index = /^index ([0-9a-f]{4,64})\.\.([0-9a-f]{4,64})(?: (\d{6}))?$/m.exec(header);
    const zero = (id: string) => /^0+$/.test(id);
    if (index && zero(index[1]!)) return null; // not in the index: not lint-staged's
    const mode = index?.[3] ?? /^new mode (\d{6})$/m.exec(header)?.[1] ?? '100644';
    sections.push({ path: name, pre: index ? index[1]! : null, post: index ? (zero(index[2]!) ? MISSING : index[2]!) : OTHER, mode, text: texts[i]! });
  }
  return sections;
}

/** What each file of the work tree holds: MISSING, EMPTY, OTHER (not a regular file), or its blob id as git would store it. */
async function workTreeStates(repo: Repo, sections: Section[]): Promise<string[]> {
  const states = sections.map((s): string => {
    try {
      const stat = fs.lstatSync(path.join(repo.root, s.path));
      return !stat.isFile() ? OTHER : stat.size === 0 ? EMPTY : '';
    } catch {
      return MISSING;
    }
  });
  const hashed = sections.filter((_, i) => states[i] === '').map((s) => s.path);
  if (hashed.length) {
    const r = await git(['hash-object', '--', ...hashed], { cwd: repo.root, allowFailure: true });
    const ids = r.code === 0 ? r.stdout.toString('utf8').trim().split('\n') : [];
    let next = 0;
    for (let i = 0; i < states.length; i++) if (states[i] === '') states[i] = ids[next++] ?? OTHER;
  }
  return states;
}

/**
 * Preimage + edits for `targets`: the preimage blobs (named by the patch) in a private index, the
 * patch applied there, then checked out to the work tree. False (and nothing written) when it cannot be.
 */
async function writePostImages(repo: Repo, sections: Section[], targets: Section[]): Promise<boolean> {
  const withBlobs = sections.filter((s) => s.pre !== null);
  const expanded = await git(['cat-file', '--batch-check=%(objectname) %(objecttype)'], {
    cwd: repo.root,
    input: withBlobs.map((s) => `${s.pre}\n`).join(''),
    allowFailure: true,
  });
  const ids = expanded.stdout.toString('utf8').trim().split('\n').map((l) => l.split(' '));
  if (expanded.code !== 0 || ids.length !== withBlobs.length || ids.some(([, type]) => type !== 'blob')) return false;
  const index = path.join(stateDir(repo), `recover.${process.pid}.index`);
  const env = { ...process.env, GIT_INDEX_FILE: index };
  const run = async (args: string[], input?: string) => (await git(args, { cwd: repo.root, env, input, allowFailure: true })).code === 0;
  try {
    const info = withBlobs.map((s, i) => `${s.mode} ${ids[i]![0]}\t${s.path}\0`).join('');
    if (!(await run(['update-index', '--add', '-z', '--index-info'], info))) return false;
    const part = `${index}.patch`;
    fs.writeFileSync(part, withBlobs.map((s) => s.text).join(''));
    if (!(await run(['apply', '--cached', '--whitespace=nowarn', '--recount', '--unidiff-zero', part]))) return false;
    const check = await git(['ls-files', '-s', '-z', '--', ...targets.map((s) => s.path)], { cwd: repo.root, env, allowFailure: true });
    const result = new Map(check.stdout.toString('utf8').split('\0').filter(Boolean).map((r) => [r.slice(r.indexOf('\t') + 1), r.split(' ')[1]!]));
    if (!targets.every((s) => (s.post === MISSING ? !result.has(s.path) : s.post === OTHER || result.get(s.path)?.startsWith(s.post)))) return false;
    const written = targets.filter((s) => s.post !== MISSING).map((s) => s.path);
    if (written.length && !(await run(['checkout-index', '--force', '--', ...written]))) return false;
    for (const s of targets.filter((t) => t.post === MISSING)) fs.rmSync(path.join(repo.root, s.path), { force: true });
    return true;
  } finally {
    fs.rmSync(index, { force: true });
    fs.rmSync(`${index}.patch`, { force: true });
  }
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
    const pid = name === 'lint.lock' ? Number(fs.readFileSync(file, 'utf8')) : Number(/^(?:lint-staged\.(\d+)\.json|recover\.(\d+)\.index)$/.exec(name)?.slice(1).find(Boolean) ?? NaN);
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
  stagedOnly: true,
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
    const setting = ctx.config.lintStaged;
    fs.mkdirSync(stateDir(ctx.repo), { recursive: true });
    fs.writeFileSync(lockFile(ctx.repo), String(process.pid)); // before recovering: doctor must not race it
    try {
      // Edits an interrupted run (SIGKILL) set aside: back in the work tree, but git has already
      // built this commit's index without them (with `commit -a`, with the file as it was left),
      // so this commit stops here and the user looks before committing again.
      const recovered = await recoverLeftoverPatch(ctx.repo);
      if (recovered) return { status: 'fail', message: messages.lintRecoveredFirst(), details: recovered };
      const outcome = typeof setting === 'object' && hasFunction(setting) ? await runInProcess(ctx.repo, setting) : await runBin(ctx.repo, setting as true | Record<string, unknown>, ctx.env, signal);
      if (outcome.passed) return { status: 'pass', message: '' };
      return { status: 'fail', message: outcome.timedOut ? messages.lintTimedOut(LINT_TIMEOUT_S) : messages.lintFailed(), details: outcome.output };
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
    // Failed on its own (a task): with --no-stash lint-staged leaves the edits hidden, so they are put
    // back here too. Passed: it put them back itself, and its patch is only forgotten.
    const passed = r.code === 0 && !r.aborted && !r.timedOut;
    if (passed) forgetAppliedPatch(repo);
    else await resolveUnmerged(repo);
    const recovered = r.aborted || r.timedOut ? await recoverLeftoverPatch(repo) : r.code !== 0 ? await recoverLeftoverPatch(repo, 'failed') : null;
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
  if (passed) forgetAppliedPatch(repo);
  else await resolveUnmerged(repo);
  const recovered = passed ? null : await recoverLeftoverPatch(repo, 'failed');
  const lines = [...output, ...(recovered ? [recovered] : [])];
  return { passed, output: lines.join('\n').split('\n').slice(-40).join('\n') };
}
