/**
 * Reads a change from git: the file list in one `--raw --numstat -z` call, the patch (added lines)
 * and blob sizes only when a gate asks for them. Git's output is collected as Buffers, so a
 * 100,000-line diff is no problem for Node's default maxBuffer.
 */
import { git, gitText } from '../git/exec.js';
import { GIT, EMPTY_TREE, type DiffSpec } from '../git/commands.js';
import type { Repo } from '../git/repo.js';
import type { Change, ChangedFile } from './model.js';
import { parseRawNumstat } from './numstat.js';
import { addedLinesByFile } from './patch.js';

export async function readChange(repo: Repo, spec: DiffSpec): Promise<Change> {
  const { stdout } = await git(GIT.rawNumstat(spec), { cwd: repo.root });
  return changeFrom(repo, spec, parseRawNumstat(stdout));
}

function changeFrom(repo: Repo, spec: DiffSpec, files: ChangedFile[]): Change {
  return {
    files,
    addedLines: once(async () => {
      if (!files.some((f) => !f.binary && !f.submodule && f.status !== 'D')) return [];
      const { stdout } = await git(GIT.patch(spec), { cwd: repo.root });
      return addedLinesByFile(stdout.toString('utf8'), files);
    }),
    blobSizes: once(() => readBlobSizes(repo, files)),
    reviewPatch: once(async () => (files.length ? (await git(GIT.reviewPatch(spec), { cwd: repo.root })).stdout.toString('utf8') : '')),
  };
}

async function readBlobSizes(repo: Repo, files: readonly ChangedFile[]): Promise<Map<string, number>> {
  // Only new content: a pure rename or a mode change of an existing large file is not "added or modified".
  const wanted = files.filter((f) => f.status !== 'D' && !f.submodule && !/^0+$/.test(f.newBlob) && f.newBlob !== f.oldBlob);
  const sizes = new Map<string, number>();
  if (wanted.length === 0) return sizes;
  const input = `${wanted.map((f) => f.newBlob).join('\n')}\n`;
  const { stdout } = await git(GIT.blobSizes, { cwd: repo.root, input });
  const byBlob = new Map<string, number>();
  for (const line of stdout.toString('utf8').split('\n')) {
    const [id, size] = line.split(' ');
    if (id && size && /^\d+$/.test(size)) byBlob.set(id, Number(size));
  }
  for (const f of wanted) {
    const size = byBlob.get(f.newBlob);
    if (size !== undefined) sizes.set(f.path, size);
  }
  return sizes;
}

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= load());
}

/** A single commit's own change: against its first parent, or the empty tree for a root commit. */
export function commitSpec(commit: string, parents: readonly string[]): DiffSpec {
  return { kind: 'between', from: parents[0] ?? EMPTY_TREE, to: commit };
}

export interface CommitInfo {
  id: string;
  parents: string[];
  message: string;
}

/** The commits of a range (`a..b`), oldest first. */
export async function readCommits(repo: Repo, range: string): Promise<CommitInfo[]> {
  const { stdout } = await git(GIT.revList(range), { cwd: repo.root });
  const fields = stdout.toString('utf8').split('\0');
  const commits: CommitInfo[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [id, ...parents] = fields[i]!.trim().split(' ');
    if (id) commits.push({ id, parents: parents.filter(Boolean), message: fields[i + 1]!.replace(/\n+$/, '') });
  }
  return commits;
}

export async function mergeBase(repo: Repo, ref: string): Promise<string> {
  return gitText(GIT.mergeBase(ref), { cwd: repo.root });
}
