/**
 * Gates that passed on a staged tree are remembered, so re-committing the same tree (after a
 * message fix, say) runs nothing again. One empty file per pass under this worktree's git dir,
 * written atomically; the oldest beyond MAX_ENTRIES are pruned. Safe with concurrent commits.
 */
import fs from 'node:fs';
import path from 'node:path';
import { stateDir, type Repo } from '../git/repo.js';
import { pruneOldest, writeAtomic } from '../cache-files.js';
import { nodeCrypto } from '../lazy.js';

const MAX_ENTRIES = 512;
/** Variables that change what a gate sees; the rest of the environment (TERM, PWD, …) does not. */
const ENV_KEYS = ['PATH', 'NODE_ENV', 'NODE_OPTIONS', 'CI'];

export interface CacheKeyParts {
  tree: string;
  name: string;
  gate: unknown;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export function cacheKey(parts: CacheKeyParts): string {
  const env = Object.fromEntries(ENV_KEYS.map((k) => [k, parts.env[k] ?? null]));
  const text = JSON.stringify({ v: 1, tree: parts.tree, name: parts.name, gate: parts.gate, cwd: parts.cwd, env });
  return nodeCrypto().createHash('sha256').update(text).digest('hex');
}

function cacheDir(repo: Repo): string {
  return path.join(stateDir(repo), 'cache', 'gates');
}

export function hasPassed(repo: Repo, key: string): boolean {
  const file = path.join(cacheDir(repo), key);
  if (!fs.existsSync(file)) return false;
  const now = new Date();
  try {
    fs.utimesSync(file, now, now);
  } catch {
    /* pruned meanwhile: still a hit */
  }
  return true;
}

/** What a pass recorded with it (a browser gate's screenshots), or null when it did not pass. */
export function passData(repo: Repo, key: string): string | null {
  if (!hasPassed(repo, key)) return null;
  try {
    return fs.readFileSync(path.join(cacheDir(repo), key), 'utf8');
  } catch {
    return '';
  }
}

export function recordPass(repo: Repo, key: string, data = ''): void {
  writeAtomic(path.join(cacheDir(repo), key), data);
  pruneOldest(cacheDir(repo), MAX_ENTRIES);
}
