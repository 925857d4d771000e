/** A repository's whole state, for "nothing was lost or changed" assertions. */
import fs from 'node:fs';
import path from 'node:path';
import type { TestRepo } from './repo.js';

export interface RepoState {
  index: string;
  staged: string;
  unstaged: string;
  untracked: Record<string, string>;
  stash: string;
  tracked: Record<string, string>;
}

export function repoState(repo: TestRepo): RepoState {
  const untracked: Record<string, string> = {};
  for (const f of repo.gitOk('ls-files', '-z', '--others', '--exclude-standard').split('\0').filter(Boolean)) {
    untracked[f] = fs.readFileSync(path.join(repo.dir, f), 'base64');
  }
  const tracked: Record<string, string> = {};
  for (const f of repo.gitOk('ls-files', '-z').split('\0').filter(Boolean)) {
    const full = path.join(repo.dir, f);
    tracked[f] = fs.existsSync(full) && fs.statSync(full).isFile() ? fs.readFileSync(full, 'base64') : '(missing)';
  }
  return {
    index: repo.gitOk('ls-files', '-s'),
    staged: repo.gitOk('diff', '--cached', '--binary'),
    unstaged: repo.gitOk('diff', '--binary'),
    untracked,
    stash: repo.gitOk('stash', 'list'),
    tracked,
  };
}
