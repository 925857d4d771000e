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

/** Applies a leftover patch back to the work tree; keeps a copy under .git/spark-guard/recovered/. */
export async function recoverLeftoverPatch(repo: Repo): Promise<string | null> {
  const file = leftoverPatch(repo);
  if (!file) return null;
  const keep = path.join(stateDir(repo), 'recovered', `lint-staged-${Date.now()}.patch`);
  fs.mkdirSync(path.dirname(keep), { recursive: true });
  fs.copyFileSync(file, keep);
  if (!(await applyBack(repo, file))) return messages.lintRecoveryFailed(keep);
  fs.rmSync(file);
  return messages.lintRecovered(keep);
}

/**
 * The patch holds the unstaged edits of files whose index version is its preimage. Where the run
 * was stopped decides what each file in the work tree holds: the edits still (stopped before they
 * were hidden), the index version (hidden), nothing or an empty file (git was rewriting it when it
 * was killed), or a task's fixes. The first three are known by their content hash and are written
 * as index version + edits, exactly: a patch without context lines cannot tell them apart itself
 * (applied twice, it adds an added line twice). Anything else gets the patch applied, as before.
 */
async function applyBack(repo: Repo, file: string): Promise<boolean> {
  const apply = async (...extra: string[]) =>
    (await git(['apply', '--whitespace=nowarn', '--recount', '--unidiff-zero', ...extra, file], { cwd: repo.root, allowFailure: true })).code === 0;
  const sections = await patchSections(repo, file);
  if (sections) {
    const states = await Promise.all(sections.map((s) => workTreeBlob(repo, s.path)));
    const is = (state: string, id: string) => (id === MISSING ? state === MISSING : state.startsWith(id));
    const known = sections.every((s, i) => is(states[i]!, s.post) || is(states[i]!, s.pre) || states[i] === MISSING || states[i] === EMPTY_BLOB);
    const targets = sections.filter((s, i) => !is(states[i]!, s.post));
    if (known && (targets.length === 0 || (await writePostImages(repo, file, sections, targets)))) return true;
  }
  return (await apply()) || apply('--3way');
}

const MISSING = 'missing';
const EMPTY_BLOB = 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391';

interface Section {
  path: string;
  pre: string;
  post: string;
}

/** Each file of the patch with its preimage and postimage blob ids (abbreviated, as the patch has them). */
async function patchSections(repo: Repo, file: string): Promise<Section[] | null> {
  const listed = await git(['apply', '--numstat', '-z', file], { cwd: repo.root, allowFailure: true });
  if (listed.code !== 0) return null;
  const records = listed.stdout.toString('utf8').split('\0').filter(Boolean);
  if (records.some((r) => r.split('\t')[2] === '')) return null; // a rename: leave it to git apply
  const headers = fs.readFileSync(file, 'utf8').split(/^diff --git /m).slice(1);
  if (headers.length !== records.length) return null;
  const sections: Section[] = [];
  for (let i = 0; i < headers.length; i++) {
    const index = /^index ([0-9a-f]{7,64})\.\.([0-9a-f]{7,64})(?: \d{6})?$/m.exec(headers[i]!);
    if (!index || /^0+$/.test(index[1]!)) return null;
    sections.push({ path: records[i]!.split('\t')[2]!, pre: index[1]!, post: /^0+$/.test(index[2]!) ? MISSING : index[2]! });
  }
  return sections;
}

/** The blob id of the work tree file as git would store it (its filters applied), or MISSING. */
async function workTreeBlob(repo: Repo, file: string): Promise<string> {
  if (!fs.existsSync(path.join(repo.root, file))) return MISSING;
  const r = await git(['hash-object', '--', file], { cwd: repo.root, allowFailure: true });
  return r.code === 0 ? r.stdout.toString('utf8').trim() : 'unreadable';
}

/**
 * Index version + edits for `targets`: the patch applied, in a private index, to the preimages (the
 * index's own entries, when they still are the preimages), then checked out. False when it cannot be.
 */
async function writePostImages(repo: Repo, file: string, sections: Section[], targets: Section[]): Promise<boolean> {
  const staged = await git(['ls-files', '-s', '-z', '--', ...sections.map((s) => s.path)], { cwd: repo.root, allowFailure: true });
  const entries = new Map<string, string>(); // path -> "<mode> <id>"
  for (const record of staged.stdout.toString('utf8').split('\0')) {
    const m = /^(\d{6}) ([0-9a-f]+) 0\t(.*)$/s.exec(record);
    if (m) entries.set(m[3]!, `${m[1]} ${m[2]}`);
  }
  if (staged.code !== 0 || !sections.every((s) => entries.get(s.path)?.split(' ')[1]!.startsWith(s.pre))) return false;
  const index = path.join(stateDir(repo), `recover.${process.pid}.index`);
  const env = { ...process.env, GIT_INDEX_FILE: index };
  try {
    const info = sections.map((s) => `${entries.get(s.path)}\t${s.path}\n`).join('');
    const steps: string[][] = [
      ['update-index', '--add', '--index-info'],
      ['apply', '--cached', '--whitespace=nowarn', '--recount', '--unidiff-zero', file],
    ];
    for (const [i, args] of steps.entries()) {
      const r = await git(args, { cwd: repo.root, env, input: i === 0 ? info : undefined, allowFailure: true });
      if (r.code !== 0) return false;
    }
    const deleted = targets.filter((s) => s.post === MISSING);
    for (const s of deleted) fs.rmSync(path.join(repo.root, s.path), { force: true });
    const written = targets.filter((s) => s.post !== MISSING).map((s) => s.path);
    if (written.length === 0) return true;
    return (await git(['checkout-index', '--force', '--', ...written], { cwd: repo.root, env, allowFailure: true })).code === 0;
  } finally {
    fs.rmSync(index, { force: true });
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
