/** Reads a change from git. Staged: one NUL-separated `git diff --cached --raw --numstat`. */
import { git } from '../git/exec.js';
import { GIT } from '../git/commands.js';
import type { Repo } from '../git/repo.js';
import type { Change } from './model.js';
import { parseRawNumstat } from './numstat.js';

export async function readStagedChange(repo: Repo): Promise<Change> {
  const { stdout } = await git(GIT.stagedRawNumstat, { cwd: repo.root });
  return { files: parseRawNumstat(stdout) };
}
