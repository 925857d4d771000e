/**
 * The staged snapshot command gates run in (SPEC §8). Nothing in the work tree or the index is ever
 * moved: when the work tree holds unstaged edits or untracked files, the index is written out to a
 * private folder for this worktree in the system's temp folder (not under .git: test runners such
 * as Jest ignore every path containing /.git/), with the repository's ignored entries
 * (node_modules, .env, caches) linked in; otherwise the gates run in place. A killed run leaves at
 * most a stale folder, which the next run removes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { git, gitText } from './exec.js';
import { GIT } from './commands.js';
import type { Repo } from './repo.js';
import { debug } from '../debug.js';
import { isAlive } from '../proc/alive.js';
import { nodeCrypto } from '../lazy.js';

export interface Snapshot {
  /** Where to run: the repository root (in place) or the private folder. */
  dir: string;
  inPlace: boolean;
  dispose(): void;
}

/** One folder per worktree (keyed by its git dir), so sibling worktrees never share one. */
export function snapshotsDir(repo: Repo): string {
  const key = nodeCrypto().createHash('sha1').update(repo.gitDir).digest('hex').slice(0, 12);
  // node:os on first use: most commits make no snapshot.
  return path.join(fs.realpathSync(process.getBuiltinModule('node:os').tmpdir()), `spark-guard-snapshots-${key}`);
}

export async function stagedTree(repo: Repo): Promise<string> {
  return gitText(GIT.writeTree, { cwd: repo.root });
}

/** True when the work tree equals the index: no unstaged edit, no untracked file. */
export async function workTreeIsClean(repo: Repo): Promise<boolean> {
  const { stdout } = await git(GIT.dirtyStatus, { cwd: repo.root });
  for (const entry of stdout.toString('utf8').split('\0')) {
    if (entry.length < 3) continue;
    if (entry.startsWith('??') || entry[1] !== ' ') return false;
  }
  return true;
}

/** mkdir -p that survives another run removing the empty parent folder at the same moment. */
function makeDir(dir: string): void {
  for (let attempt = 0; ; attempt++) {
    try {
      fs.mkdirSync(dir, { recursive: true });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 3) throw error;
    }
  }
}

export async function createSnapshot(repo: Repo): Promise<Snapshot> {
  removeStaleSnapshots(repo);
  if (await workTreeIsClean(repo)) return { dir: repo.root, inPlace: true, dispose() {} };
  const base = snapshotsDir(repo);
  const dir = path.join(base, `${process.pid}-${nodeCrypto().randomBytes(4).toString('hex')}`);
  makeDir(dir);
  const dispose = () => {
    fs.rmSync(dir, { recursive: true, force: true });
    // The repository's folder goes too once it is empty (another run's snapshot keeps it).
    try {
      fs.rmdirSync(base);
    } catch {
      /* not empty, or gone */
    }
  };
  try {
    await git(GIT.checkoutIndex(`${dir}${path.sep}`), { cwd: repo.root });
    await linkIgnored(repo, dir);
  } catch (error) {
    dispose();
    throw error;
  }
  debug('snapshot', 'materialised the index in', dir);
  return { dir, inPlace: false, dispose };
}

async function linkIgnored(repo: Repo, dir: string): Promise<void> {
  const { stdout } = await git(GIT.ignoredEntries, { cwd: repo.root });
  for (const entry of stdout.toString('utf8').split('\0')) {
    const rel = entry.replace(/\/$/, '');
    if (!rel || rel === '.git' || rel.startsWith('.git/')) continue;
    const target = path.join(dir, rel);
    if (!fs.existsSync(path.dirname(target)) || fs.existsSync(target)) continue;
    try {
      fs.symlinkSync(path.join(repo.root, rel), target);
    } catch (error) {
      debug('snapshot', 'could not link', rel, (error as Error).message);
    }
  }
}

/** Folders of runs that were killed (their process is gone). */
export function removeStaleSnapshots(repo: Repo): string[] {
  const base = snapshotsDir(repo);
  if (!fs.existsSync(base)) return [];
  const removed: string[] = [];
  for (const name of fs.readdirSync(base)) {
    const pid = Number(name.split('-')[0]);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) continue;
    if (pid === process.pid) continue;
    fs.rmSync(path.join(base, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

