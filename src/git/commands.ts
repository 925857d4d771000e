/** Every git command line spark-guard runs, named. `-z` wherever file names matter. */

/** The empty tree: the "parent" of a root commit. */
export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

/** Output that user config cannot reshape: patch sections are paired with records by position, so
 * `diff.submodule=log|diff` (no section, or extra ones, for a submodule) is pinned to `short`; the
 * review reads each section's file from its header, so `diff.noprefix`/`mnemonicPrefix` are pinned to a/ b/. */
const DIFF_FLAGS = ['-M', '--no-ext-diff', '--no-textconv', '--no-color', '--ignore-submodules=none', '--submodule=short', '--no-abbrev', '--src-prefix=a/', '--dst-prefix=b/'];

/** What to compare: the index against HEAD, or two commits/trees. */
export type DiffSpec = { kind: 'staged' } | { kind: 'between'; from: string; to: string };

function diffTarget(spec: DiffSpec): string[] {
  return spec.kind === 'staged' ? ['--cached'] : [spec.from, spec.to];
}

export const GIT = {
  repoInfo: ['rev-parse', '--show-toplevel', '--absolute-git-dir', '--git-common-dir'],
  /**
   * Status, modes, blobs and line counts of every changed file as NUL-terminated records, then
   * (after an empty record) the patch with one line of context, for the added lines and
   * `spark-guard-allow` on the line above: the whole change in one git process.
   */
  rawNumstatPatch: (spec: DiffSpec) => ['-c', 'core.quotePath=false', 'diff', ...diffTarget(spec), '-z', '--raw', '--numstat', '-p', '-U1', ...DIFF_FLAGS],
  /** The patch the reviewer reads: three lines of context. */
  reviewPatch: (spec: DiffSpec) => ['-c', 'core.quotePath=false', 'diff', ...diffTarget(spec), '-U3', ...DIFF_FLAGS],
  notesAdd: (file: string, rev: string) => ['notes', '--ref=spark-guard', 'add', '-f', '-F', file, rev],
  notesShow: (rev: string) => ['notes', '--ref=spark-guard', 'show', rev],
  headTree: ['rev-parse', '--verify', '--quiet', 'HEAD^{tree}'],
  /** The folder git runs hooks from (core.hooksPath, else <git dir>/hooks). */
  hooksDir: ['rev-parse', '--git-path', 'hooks'],
  /**
   * Sizes of blobs, read from stdin as one object id per line; their own, not a replacement's
   * (`git replace`), as read from a loose object (git/loose.ts).
   */
  blobSizes: ['--no-replace-objects', 'cat-file', '--batch-check=%(objectname) %(objectsize)'],
  mergeBase: (ref: string) => ['merge-base', ref, 'HEAD'],
  /** Commits of a range, oldest first: id, parent ids, subject line; NUL-separated records. */
  revList: (range: string) => ['log', '--reverse', '--format=%H %P%x00%B%x00', range],
  verifyRef: (ref: string) => ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`],
  worktreeList: ['worktree', 'list', '--porcelain', '-z'],
  /** The staged tree's id (honours GIT_INDEX_FILE, so `git commit -a` / `git commit <paths>` work). */
  writeTree: ['write-tree'],
  /** Unstaged edits and untracked files, if any: decides whether gates can run in place. */
  // Never the index's lock: a hook runs while git commit holds it.
  dirtyStatus: ['--no-optional-locks', 'status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames', '--ignore-submodules=all'],
  /** Writes every staged file under a folder (the prefix ends with a slash). */
  checkoutIndex: (prefix: string) => ['checkout-index', '--all', '--force', `--prefix=${prefix}`],
  /** Ignored files and folders (node_modules, .env, build caches): linked into a snapshot. */
  ignoredEntries: ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory'],

  // lint-staged recovery (src/lint/recover.ts)
  /** Unmerged index entries, `<mode> <blob> <stage>\t<path>` NUL-terminated. */
  unmergedEntries: ['ls-files', '-u', '-z'],
  /** Index entries of some paths, `<mode> <blob> <stage>\t<path>` NUL-terminated. */
  indexEntries: (paths: readonly string[]) => ['ls-files', '-s', '-z', '--', ...paths],
  /** Sets index entries from stdin (`<mode> <blob>\t<path>` NUL-terminated); a stage-0 entry replaces a path's unmerged ones. */
  setIndexEntries: ['update-index', '--add', '-z', '--index-info'],
  /** Blob ids of work-tree files, as git would store them (filters applied). */
  hashFiles: (paths: readonly string[]) => ['hash-object', '--', ...paths],
  /** Full id and type of each (abbreviated) object named on stdin. */
  objectTypes: ['cat-file', '--batch-check=%(objectname) %(objecttype)'],
  /** A zero-context patch applied to the index only (a private GIT_INDEX_FILE). */
  applyToIndex: (patch: string) => ['apply', '--cached', '--whitespace=nowarn', '--recount', '--unidiff-zero', patch],
  /** Writes index entries of some paths to the work tree. */
  checkoutPaths: (paths: readonly string[]) => ['checkout-index', '--force', '--', ...paths],
} as const;
