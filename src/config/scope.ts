/**
 * Monorepo scopes (SPEC §3): a config file in a sub-folder applies to the staged files below it,
 * nearest wins, for `files`, `banned`, `secrets` and `gates`. Only config files in the index
 * count. A commit looks only in the folders above its changed files (a few `stat`s; git only when
 * one holds a config file); the whole repository's sub-folder configs (`doctor`, `config --file`,
 * gate names given to --only/--skip) come from one `git ls-files` of glob pathspecs. Each is loaded like the root one (its own extends, defaults).
 */
import fs from 'node:fs';
import path from 'node:path';
import { git } from '../git/exec.js';
import type { Repo } from '../git/repo.js';
import { loadConfig, SEARCH_PLACES, type LoadedConfig } from './load.js';
import type { ResolvedConfig } from './types.js';
import { byCodeUnit } from '../text.js';

export interface Scope {
  /** Repository-relative folder, '' for the root. */
  dir: string;
  config: ResolvedConfig;
  configFile: string | null;
}

export function rootScope(loaded: LoadedConfig): Scope {
  return { dir: '', config: loaded.config, configFile: loaded.file };
}

/** Folders below the root holding a config file, deepest first. */
export async function findScopeDirs(repo: Repo): Promise<string[]> {
  const specs = SEARCH_PLACES.map((name) => `:(glob)*/**/${name}`);
  const { stdout } = await git(['ls-files', '-z', '--cached', '--', ...specs], { cwd: repo.root });
  const dirs = new Set<string>();
  for (const file of stdout.toString('utf8').split('\0')) {
    if (!file || file.split('/').includes('node_modules')) continue;
    dirs.add(path.posix.dirname(file));
  }
  return [...dirs].sort((a, b) => b.split('/').length - a.split('/').length || byCodeUnit(a, b));
}

/**
 * Folders above the given repository-relative files that hold a config file git knows (in the
 * index, as `findScopeDirs` counts them: an untracked or ignored file must not change the rules),
 * deepest first. Candidates are found with `stat`s; git is asked only when there are some.
 */
export async function scopeDirsAbove(repo: Repo, files: readonly string[]): Promise<string[]> {
  const dirs = new Set<string>();
  for (const file of files) {
    for (let dir = path.posix.dirname(file); dir !== '.' && dir !== '/' && !dirs.has(dir); dir = path.posix.dirname(dir)) dirs.add(dir);
  }
  const candidates = [...dirs]
    .filter((dir) => !dir.split('/').includes('node_modules'))
    .flatMap((dir) => SEARCH_PLACES.map((name) => `${dir}/${name}`))
    .filter((file) => fs.existsSync(path.join(repo.root, file)));
  if (candidates.length === 0) return [];
  const { stdout } = await git(['ls-files', '-z', '--cached', '--', ...candidates.map((f) => `:(literal)${f}`)], { cwd: repo.root });
  const tracked = new Set(stdout.toString('utf8').split('\0').filter(Boolean).map((f) => path.posix.dirname(f)));
  return [...tracked].sort((a, b) => b.split('/').length - a.split('/').length || byCodeUnit(a, b));
}

/**
 * The root scope and the sub-folder ones: those above `files` when given (a commit), else every
 * one in the repository.
 */
export async function loadScopes(repo: Repo, root: LoadedConfig, env: NodeJS.ProcessEnv, cacheDir?: string, files?: readonly string[]): Promise<Scope[]> {
  if (env.SPARK_GUARD_CONFIG) return [rootScope(root)];
  const scopes: Scope[] = [];
  for (const dir of files ? await scopeDirsAbove(repo, files) : await findScopeDirs(repo)) {
    const loaded = await loadConfig(path.join(repo.root, dir), {}, cacheDir);
    if (loaded.file === null) continue; // e.g. a package.json without a "spark-guard" key
    scopes.push({ dir, config: loaded.config, configFile: loaded.file });
  }
  scopes.push(rootScope(root));
  return scopes;
}

/** The scope a repository-relative path belongs to: the deepest folder that contains it. */
export function scopeOf(scopes: readonly Scope[], file: string): Scope {
  return scopes.find((s) => s.dir === '' || file.startsWith(`${s.dir}/`))!;
}
