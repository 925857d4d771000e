/** Every git command line spark-guard runs, named. `-z` wherever file names matter. */
export const GIT = {
  repoInfo: ['rev-parse', '--show-toplevel', '--absolute-git-dir', '--git-common-dir'],
  /** Staged changes: raw (status, modes, blobs) and numstat in one NUL-separated stream. */
  stagedRawNumstat: ['diff', '--cached', '-z', '--raw', '--numstat', '-M', '--no-ext-diff', '--no-textconv', '--no-color', '--ignore-submodules=none'],
  worktreeList: ['worktree', 'list', '--porcelain', '-z'],
  hooksPath: ['config', '--get', 'core.hooksPath'],
} as const;
