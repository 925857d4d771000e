/**
 * SPEC §10 `overlap`: parallel agents must not touch the same file. A staged path with uncommitted
 * changes (staged or not) in another linked worktree of the repository is reported with that
 * worktree's path and branch. Cheap: without a sibling (no `<common dir>/worktrees/` entry) no
 * process starts; with some, one `git worktree list` and one `git status` of the staged paths in each.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Finding, Gate, GateOutcome } from '../gates/gate.js';
import type { Repo } from '../git/repo.js';
import { git } from '../git/exec.js';
import { GIT } from '../git/commands.js';
import { gateEnv } from '../proc/spawn-gate.js';
import { messages } from '../messages.js';

export interface Worktree {
  path: string;
  branch: string;
  bare: boolean;
  prunable: boolean;
}

/** `git worktree list --porcelain -z`: records separated by an empty field. */
export function parseWorktreeList(out: string): Worktree[] {
  const list: Worktree[] = [];
  let current: Worktree | null = null;
  for (const field of out.split('\0')) {
    if (field === '') {
      if (current) list.push(current);
      current = null;
      continue;
    }
    const [key, ...rest] = field.split(' ');
    const value = rest.join(' ');
    if (key === 'worktree') current = { path: value, branch: '(detached HEAD)', bare: false, prunable: false };
    else if (!current) continue;
    else if (key === 'branch') current.branch = value.replace(/^refs\/heads\//, '');
    else if (key === 'bare') current.bare = true;
    else if (key === 'prunable') current.prunable = true;
  }
  if (current) list.push(current);
  return list;
}

/** Whether any other worktree can exist, read from the file system (no git process). */
export function mayHaveSiblings(repo: Repo): boolean {
  if (path.resolve(repo.gitDir) !== path.resolve(repo.commonDir)) return true; // a linked worktree: the main one is a sibling
  try {
    return fs.readdirSync(path.join(repo.commonDir, 'worktrees')).length > 0;
  } catch {
    return false;
  }
}

function samePath(a: string, b: string): boolean {
  try {
    return fs.realpathSync(a) === fs.realpathSync(b);
  } catch {
    return path.resolve(a) === path.resolve(b);
  }
}

/** Paths (of `paths`) with uncommitted changes in `dir`, from one `git status`. */
async function dirtyIn(dir: string, paths: string[], env: NodeJS.ProcessEnv): Promise<Set<string>> {
  // GIT.dirtyStatus never takes the sibling's index.lock: a plain status would rewrite its index under it,
  // and an agent committing there at that moment would fail ("index.lock: File exists").
  const args = ['-c', 'core.quotePath=false', ...GIT.dirtyStatus, '--', ...paths.map((p) => `:(literal)${p}`)];
  const r = await git(args, { cwd: dir, env, allowFailure: true });
  const dirty = new Set<string>();
  if (r.code !== 0) return dirty;
  for (const entry of r.stdout.toString('utf8').split('\0')) if (entry.length > 3) dirty.add(entry.slice(3));
  return dirty;
}

export const overlapGate: Gate = {
  id: 'overlap',
  phase: 'serial',
  stagedOnly: true,
  applies(ctx) {
    if (!ctx.config.overlap) return 'overlap is off';
    if (!ctx.workspace) return 'judges the staged change only';
    if (!ctx.change.files.length) return 'nothing staged';
    return mayHaveSiblings(ctx.repo) ? true : 'no other worktree';
  },
  async run(ctx): Promise<GateOutcome> {
    const level = ctx.config.overlap || 'warning';
    const env = gateEnv(ctx.env);
    const { stdout } = await git(GIT.worktreeList, { cwd: ctx.repo.root, env });
    const siblings = parseWorktreeList(stdout.toString('utf8')).filter((w) => !w.bare && !w.prunable && fs.existsSync(w.path) && !samePath(w.path, ctx.repo.root));
    if (!siblings.length) return { status: 'pass', message: 'no other worktree' };
    const paths = [...new Set(ctx.change.files.flatMap((f) => (f.oldPath ? [f.path, f.oldPath] : [f.path])))];
    const findings: Finding[] = [];
    const dirty = await Promise.all(siblings.map((w) => dirtyIn(w.path, paths, env)));
    siblings.forEach((w, i) => {
      for (const p of paths) if (dirty[i]!.has(p)) findings.push({ file: p, line: null, rule: 'overlap', message: messages.overlapOther(w.path, w.branch) });
    });
    if (!findings.length) return { status: 'pass', message: `${siblings.length} other worktree${siblings.length === 1 ? '' : 's'}, no shared file` };
    return { status: level === 'error' ? 'fail' : 'warn', message: messages.overlapFound(new Set(findings.map((f) => f.file)).size), findings, details: messages.overlapHow(level) };
  },
};
