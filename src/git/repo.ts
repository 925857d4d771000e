/** Where the repository is: its root, its git dir (per worktree) and the common dir (shared). */
import fs from 'node:fs';
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

/**
 * The repository a hook runs in, found without starting git (~10 ms a process on every commit).
 * Git runs hooks at the top of the work tree, so the plain layouts are read from the file system:
 * `.git` a folder, or a `gitdir:` file (linked worktree, submodule) with an optional `commondir`.
 * Anything else — GIT_DIR/GIT_WORK_TREE/GIT_COMMON_DIR set, `core.worktree`, a bare repository, a
 * run from a sub-folder — is left to `git rev-parse` as before.
 */
export async function findHookRepo(cwd: string, env: NodeJS.ProcessEnv): Promise<Repo> {
  return readPlainLayout(cwd, env) ?? findRepo(cwd);
}

export function readPlainLayout(cwd: string, env: NodeJS.ProcessEnv): Repo | null {
  if (env.GIT_DIR || env.GIT_WORK_TREE || env.GIT_COMMON_DIR) return null;
  try {
    // Files that may well be missing are looked for without an exception (each costs ~40 µs, a stack
    // trace): the guard walks up from the agent's folder on every tool call.
    const dotGit = path.join(cwd, '.git');
    const stat = fs.statSync(dotGit, { throwIfNoEntry: false });
    if (!stat) return null;
    let gitDir = dotGit;
    if (stat.isFile()) {
      const match = /^gitdir: (.+)$/m.exec(fs.readFileSync(dotGit, 'utf8'));
      if (!match) return null;
      gitDir = path.resolve(cwd, match[1]!.trim());
    } else if (!stat.isDirectory()) {
      return null;
    }
    let commonDir = gitDir;
    const commonFile = path.join(gitDir, 'commondir');
    try {
      if (fs.existsSync(commonFile)) commonDir = path.resolve(gitDir, fs.readFileSync(commonFile, 'utf8').trim());
    } catch {
      /* not a linked worktree */
    }
    if (!fs.statSync(path.join(gitDir, 'HEAD')).isFile()) return null;
    for (const config of [path.join(commonDir, 'config'), path.join(gitDir, 'config.worktree')]) {
      let text = '';
      try {
        if (!fs.existsSync(config)) continue;
        text = fs.readFileSync(config, 'utf8');
      } catch {
        continue;
      }
      if (/^\s*(worktree|bare\s*=\s*true)\b/im.test(text)) return null;
    }
    return { root: cwd, gitDir: fs.realpathSync(gitDir), commonDir: fs.realpathSync(commonDir) };
  } catch {
    return null;
  }
}

/** The folder spark-guard keeps its per-worktree state in. */
export function stateDir(repo: Repo): string {
  return path.join(repo.gitDir, 'spark-guard');
}

/** git is concluding a merge (MERGE_HEAD): its commit message is exempt from length and format rules. */
export function mergeInProgress(repo: Repo): boolean {
  return fs.existsSync(path.join(repo.gitDir, 'MERGE_HEAD'));
}
