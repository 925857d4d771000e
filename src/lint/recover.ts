/**
 * Putting back the unstaged edits lint-staged set aside (`lint-staged_unstaged.patch`) when it
 * could not do it itself: killed (SIGKILL, Ctrl-C, timeout) or, with --no-stash, after a failed
 * task. `decideRecovery` is the whole decision, pure; the rest reads and writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { git } from '../git/exec.js';
import { GIT } from '../git/commands.js';
import { stateDir, type Repo } from '../git/repo.js';
import { messages } from '../messages.js';
import { EMPTY, MISSING, OTHER, parsePatch, sameState, type PatchSection } from './patch.js';

export const LINT_STAGED_PATCH = 'lint-staged_unstaged.patch';

/**
 * How lint-staged ended when its patch is found: `stopped` (killed, or a patch from an earlier
 * run: the work tree may be in any state) or `failed` (a task failed; with --no-stash lint-staged
 * then leaves the edits hidden, and each file is written as preimage + edits, as its own revert would).
 */
export type Ending = 'stopped' | 'failed';

export type RecoveryDecision =
  /** Every file already holds its edits: only the patch goes. */
  | { kind: 'in-place' }
  /** Write these files as preimage + edits, exactly. */
  | { kind: 'write'; targets: PatchSection[] }
  /** A state no patch without context lines can be put back on for certain: touch nothing, keep the patch. */
  | { kind: 'keep' };

/**
 * Where the run stopped decides what each file holds: its edits still (stopped before they were
 * hidden), the preimage (hidden), nothing or an empty file (git was rewriting it when it was
 * killed), or anything else (a task's fixes, a later edit, not a regular file). `states[i]` is the
 * work-tree state of `sections[i]` (a full blob id, MISSING, EMPTY or OTHER).
 */
export function decideRecovery(sections: readonly PatchSection[], states: readonly string[], ending: Ending): RecoveryDecision {
  const known = (s: PatchSection, state: string) =>
    s.pre !== null && (ending === 'failed' || [s.post, s.pre, MISSING, EMPTY].some((id) => sameState(state, id)));
  if (sections.some((s, i) => !known(s, states[i]!))) return { kind: 'keep' };
  const targets = sections.filter((s, i) => !sameState(states[i]!, s.post));
  return targets.length ? { kind: 'write', targets } : { kind: 'in-place' };
}

/** A patch lint-staged wrote before hiding unstaged changes, if one is there. */
export function leftoverPatch(repo: Repo): string | null {
  const file = path.join(repo.gitDir, LINT_STAGED_PATCH);
  return fs.existsSync(file) ? file : null;
}

/**
 * Puts the edits of a set-aside patch back in the work tree. When some cannot be put back for
 * certain, nothing is touched and the patch is moved to .git/spark-guard/recovered/; the patch
 * never stays where it was, so that a later lint-staged run never mistakes it for its own.
 * Returns what to tell the user, or null when there was nothing to say.
 */
export async function recoverLeftoverPatch(repo: Repo, ending: Ending = 'stopped'): Promise<string | null> {
  const file = leftoverPatch(repo);
  if (!file) return null;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null; // gone meanwhile
  }
  const sections = parsePatch(text);
  const decision = sections ? decideRecovery(sections, await workTreeStates(repo, sections), ending) : ({ kind: 'keep' } as const);
  const written = decision.kind === 'write' ? await writePostImages(repo, sections!, decision.targets) : true;
  if (decision.kind === 'keep' || !written) {
    const keep = path.join(stateDir(repo), 'recovered', `lint-staged-${Date.now()}.patch`);
    fs.mkdirSync(path.dirname(keep), { recursive: true });
    fs.renameSync(file, keep);
    return messages.lintRecoveryFailed(keep);
  }
  fs.rmSync(file, { force: true });
  if (decision.kind === 'in-place') return null;
  return ending === 'failed' ? messages.lintRestoredAfterFailure() : messages.lintRecovered();
}

/** After lint-staged passed: it applied its patch back itself, but (with --no-stash) never deletes it. */
export function forgetAppliedPatch(repo: Repo): void {
  fs.rmSync(path.join(repo.gitDir, LINT_STAGED_PATCH), { force: true });
}

/**
 * lint-staged puts the edits back with `git apply --3way`, which implies --index: when they clash
 * with a task's fix it leaves unmerged entries, and every later commit refuses. git starts no commit
 * with unmerged entries, so any found after a run that did not pass are lint-staged's: each path
 * goes back to its stage-2 entry (the staged version, with the task's fix); the work tree gets the
 * edits back from the patch.
 */
export async function resolveUnmerged(repo: Repo): Promise<void> {
  const listed = await git(GIT.unmergedEntries, { cwd: repo.root, allowFailure: true });
  const ours = listed.stdout
    .toString('utf8')
    .split('\0')
    .map((record) => /^(\d{6}) ([0-9a-f]+) 2\t(.+)$/s.exec(record))
    .filter((m): m is RegExpExecArray => m !== null);
  if (ours.length === 0) return;
  const input = ours.map((m) => `${m[1]} ${m[2]}\t${m[3]}\0`).join('');
  await git(GIT.setIndexEntries, { cwd: repo.root, input, allowFailure: true });
}

/** What each file of the work tree holds: MISSING, EMPTY, OTHER (not a regular file), or its blob id as git would store it. */
async function workTreeStates(repo: Repo, sections: readonly PatchSection[]): Promise<string[]> {
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
    const r = await git(GIT.hashFiles(hashed), { cwd: repo.root, allowFailure: true });
    const ids = r.code === 0 ? r.stdout.toString('utf8').trim().split('\n') : [];
    let next = 0;
    for (let i = 0; i < states.length; i++) if (states[i] === '') states[i] = ids[next++] ?? OTHER;
  }
  return states;
}

/**
 * Preimage + edits for `targets`: the preimage blobs (named by the patch, not the current index)
 * in a private index, the patch applied there, then checked out to the work tree. False (and
 * nothing written) when it cannot be.
 */
async function writePostImages(repo: Repo, sections: readonly PatchSection[], targets: readonly PatchSection[]): Promise<boolean> {
  const withBlobs = sections.filter((s) => s.pre !== null);
  const expanded = await git(GIT.objectTypes, { cwd: repo.root, input: withBlobs.map((s) => `${s.pre}\n`).join(''), allowFailure: true });
  const ids = expanded.stdout.toString('utf8').trim().split('\n').map((l) => l.split(' '));
  if (expanded.code !== 0 || ids.length !== withBlobs.length || ids.some(([, type]) => type !== 'blob')) return false;
  const index = path.join(stateDir(repo), `recover.${process.pid}.index`);
  const env = { ...process.env, GIT_INDEX_FILE: index };
  const run = async (args: readonly string[], input?: string) => (await git(args, { cwd: repo.root, env, input, allowFailure: true })).code === 0;
  try {
    const info = withBlobs.map((s, i) => `${s.mode} ${ids[i]![0]}\t${s.path}\0`).join('');
    if (!(await run(GIT.setIndexEntries, info))) return false;
    const part = `${index}.patch`;
    fs.writeFileSync(part, withBlobs.map((s) => s.text).join(''));
    if (!(await run(GIT.applyToIndex(part)))) return false;
    const check = await git(GIT.indexEntries(targets.map((s) => s.path)), { cwd: repo.root, env, allowFailure: true });
    const result = new Map(check.stdout.toString('utf8').split('\0').filter(Boolean).map((r) => [r.slice(r.indexOf('\t') + 1), r.split(' ')[1]!]));
    if (!targets.every((s) => (s.post === MISSING ? !result.has(s.path) : s.post === OTHER || result.get(s.path)?.startsWith(s.post)))) return false;
    const written = targets.filter((s) => s.post !== MISSING).map((s) => s.path);
    if (written.length && !(await run(GIT.checkoutPaths(written)))) return false;
    for (const s of targets.filter((t) => t.post === MISSING)) fs.rmSync(path.join(repo.root, s.path), { force: true });
    return true;
  } finally {
    fs.rmSync(index, { force: true });
    fs.rmSync(`${index}.patch`, { force: true });
  }
}
