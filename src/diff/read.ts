/**
 * Reads a change from git: the file list and the `-U1` patch in one `--raw --numstat -p -z` call
 * (a git process costs ~5–10 ms of a commit), parsed into added lines only when a gate asks; blob
 * sizes and the review's patch only when a gate asks for them. Git's output is collected as
 * Buffers, so a 100,000-line diff is no problem for Node's default maxBuffer.
 */
import { git, gitText } from '../git/exec.js';
import { GIT, EMPTY_TREE, type DiffSpec } from '../git/commands.js';
import type { Repo } from '../git/repo.js';
import type { Change, ChangedFile } from './model.js';
import { parseRawNumstat } from './numstat.js';
import { looseBlobSizes, objectsDir } from '../git/loose.js';
import { addedLinesByFile } from './patch.js';

/** `piped`: git's output for this spec, when something else already ran it (diff/piped.ts); null: run git. */
export async function readChange(repo: Repo, spec: DiffSpec, piped?: Promise<Buffer | null>): Promise<Change> {
  const stdout = (await piped) ?? (await git(GIT.rawNumstatPatch(spec), { cwd: repo.root })).stdout;
  const { records, patch } = splitRecordsAndPatch(stdout);
  return changeFrom(repo, spec, parseRawNumstat(records), patch);
}

/**
 * With `-z`, the raw and numstat records end in NUL and the patch follows one more NUL. No record
 * is empty (a path never is, and a rename's numstat record ends in a tab), so the first `\0\0` is
 * that boundary; the patch itself holds no NUL (git shows such content as binary).
 */
export function splitRecordsAndPatch(output: Buffer): { records: Buffer; patch: Buffer } {
  const at = output.indexOf('\0\0');
  if (at < 0) return { records: output, patch: Buffer.alloc(0) };
  return { records: output.subarray(0, at + 1), patch: output.subarray(at + 2) };
}

function changeFrom(repo: Repo, spec: DiffSpec, files: ChangedFile[], patch: Buffer): Change {
  return {
    files,
    addedLines: once(async () => {
      if (!files.some((f) => !f.binary && !f.submodule && f.status !== 'D')) return [];
      return addedLinesByFile(patch.toString('utf8'), files);
    }),
    blobSizes: once(() => readBlobSizes(repo, files)),
    reviewPatch: once(async () => (files.length ? (await git(GIT.reviewPatch(spec), { cwd: repo.root })).stdout.toString('utf8') : '')),
  };
}

/** Only new content: a pure rename or a mode change of an existing large file is not "added or modified". */
function hasNewBlob(f: ChangedFile): boolean {
  return f.status !== 'D' && !f.submodule && !/^0+$/.test(f.newBlob) && f.newBlob !== f.oldBlob;
}

/**
 * Sizes of the new blobs: from their loose objects (git add wrote them so; see git/loose.ts), and
 * from `git cat-file` for the rest, or for all of them past LOOSE_AT_MOST files (one process then
 * costs less than that many file reads).
 */
async function readBlobSizes(repo: Repo, files: readonly ChangedFile[]): Promise<Map<string, number>> {
  const wanted = files.filter(hasNewBlob);
  const ids = [...new Set(wanted.map((f) => f.newBlob))];
  const byBlob = ids.length <= LOOSE_AT_MOST ? looseBlobSizes(objectsDir(repo, process.env), ids) : new Map<string, number>();
  const ask = ids.filter((id) => !byBlob.has(id));
  if (ask.length) {
    const { stdout } = await git(GIT.blobSizes, { cwd: repo.root, input: `${ask.join('\n')}\n` });
    for (const line of stdout.toString('utf8').split('\n')) {
      const [id, size] = line.split(' ');
      if (id && size && /^\d+$/.test(size)) byBlob.set(id, Number(size));
    }
  }
  const sizes = new Map<string, number>();
  for (const f of wanted) {
    const size = byBlob.get(f.newBlob);
    if (size !== undefined) sizes.set(f.path, size);
  }
  return sizes;
}

const LOOSE_AT_MOST = 256;

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
