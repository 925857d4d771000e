/** A repository's whole state, for "nothing was lost or changed" assertions. */
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import os from 'node:os';
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

/** File names as git lists them, as raw bytes: a name need not be valid UTF-8. */
function listFiles(dir: string, args: string[]): Buffer[] {
  const r = spawnSync('git', ['ls-files', '-z', ...args], { cwd: dir });
  if (r.status !== 0) throw new Error(`git ls-files failed: ${r.stderr}`);
  const names: Buffer[] = [];
  let start = 0;
  for (let i = r.stdout.indexOf(0); i >= 0; start = i + 1, i = r.stdout.indexOf(0, start)) if (i > start) names.push(r.stdout.subarray(start, i));
  return names;
}

/** Bytes of a file named by raw bytes (Node reads such a path when given as a Buffer). */
function read(dir: string, name: Buffer): string {
  const full = Buffer.concat([Buffer.from(`${dir}/`), name]);
  return fs.existsSync(full) && fs.statSync(full).isFile() ? fs.readFileSync(full, 'base64') : '(missing)';
}

/** A key that keeps non-UTF-8 names apart. */
const key = (name: Buffer) => (name.toString('utf8').includes('\uFFFD') ? `hex:${name.toString('hex')}` : name.toString('utf8'));

export function repoState(repo: TestRepo): RepoState {
  const untracked: Record<string, string> = {};
  for (const f of listFiles(repo.dir, ['--others', '--exclude-standard'])) untracked[key(f)] = read(repo.dir, f);
  const tracked: Record<string, string> = {};
  for (const f of listFiles(repo.dir, [])) tracked[key(f)] = read(repo.dir, f);
  return {
    index: repo.gitOk('ls-files', '-s'),
    staged: repo.gitOk('diff', '--cached', '--binary'),
    unstaged: repo.gitOk('diff', '--binary'),
    untracked,
    stash: repo.gitOk('stash', 'list'),
    tracked,
  };
}

/** The snapshot folders spark-guard has for this repository's git dir (copies of the index a gate ran in). */
export function snapshotFolders(repoDir: string): string[] {
  const dir = snapshotBase(repoDir);
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

/** The per-repository folder the snapshots live in (removed once empty). */
export function snapshotBase(repoDir: string): string {
  const gitDir = fs.realpathSync(path.join(repoDir, '.git'));
  return path.join(fs.realpathSync(os.tmpdir()), `spark-guard-snapshots-${crypto.createHash('sha1').update(gitDir).digest('hex').slice(0, 12)}`);
}
