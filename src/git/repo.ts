/** Where the repository is: its root, its git dir (per worktree) and the common dir (shared). */
import path from 'node:path';
import { SparkGuardError } from '../errors.js';
import { messages } from '../messages.js';
import { git } from './exec.js';
import { GIT } from './commands.js';

export interface Repo {
  /** The work tree's top-level folder. */
  root: string;
  /** This worktree's own git dir (`.git`, or `.git/worktrees/<name>` in a linked worktree). */
  gitDir: string;
  /** The git dir all worktrees share. */
  commonDir: string;
}

export async function findRepo(cwd: string = process.cwd()): Promise<Repo> {
  const result = await git(GIT.repoInfo, { cwd, allowFailure: true });
  const lines = result.stdout.toString('utf8').split('\n');
  if (result.code !== 0 || lines.length < 3 || !lines[0]) {
    if (/not a git repository/i.test(result.stderr) || result.code !== 0) {
      throw new SparkGuardError('env', messages.notARepo(cwd));
    }
  }
  const [root, gitDir, commonDir] = lines as [string, string, string];
  return { root, gitDir, commonDir: path.resolve(cwd, commonDir) };
}

/** The folder spark-guard keeps its per-worktree state in. */
export function stateDir(repo: Repo): string {
  return path.join(repo.gitDir, 'spark-guard');
}
