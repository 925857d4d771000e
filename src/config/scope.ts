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
import { globMatcher } from '../diff/stats.js';

export interface Scope {
  /** Repository-relative folder, '' for the root. */
  dir: string;
  config: ResolvedConfig;
  configFile: string | null;
  /** Where each command gate was defined, by name (absent: in this scope's own folder and file). */
  gateHomes?: Record<string, GateHome>;
}

/**
 * The folder a command gate runs in and the file that defines it (SPEC §3): a gate that a config
 * inherits through `extends` from another config file of the repository runs in that file's
 * folder and is named by it; one from a preset (a package, or a file that is no config file of its
 * own folder) runs in the folder of the config that extends it.
 */
export interface GateHome {
  /** Repository-relative folder, '' for the root. */
  dir: string;
  /** Repository-relative file (or absolute, outside the repository), null for the implicit preset. */
  file: string | null;
}

export function rootScope(loaded: LoadedConfig, root?: string): Scope {
  return { dir: '', config: loaded.config, configFile: loaded.file, gateHomes: root ? gateHomes(root, '', loaded) : undefined };
}

export function gateHomes(root: string, dir: string, loaded: LoadedConfig): Record<string, GateHome> {
  const homes: Record<string, GateHome> = {};
  const own = loaded.file === null ? null : path.relative(root, loaded.file).split(path.sep).join('/');
  for (const name of Object.keys(loaded.config.gates)) {
    const source = loaded.sources[`gates.${name}`];
    const rel = source && path.isAbsolute(source) ? path.relative(root, source).split(path.sep).join('/') : null;
    const isRepoConfig = rel !== null && !rel.startsWith('../') && !path.isAbsolute(rel) && !rel.split('/').includes('node_modules') && SEARCH_PLACES.includes(path.posix.basename(rel));
    if (isRepoConfig) {
      const home = path.posix.dirname(rel);
      homes[name] = { dir: home === '.' ? '' : home, file: rel };
    } else {
      homes[name] = { dir, file: own };
    }
  }
  return homes;
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
  if (env.SPARK_GUARD_CONFIG) return [rootScope(root, repo.root)];
  const scopes: Scope[] = [];
  const ignored = ignoredFolders(root.config.ignoreConfigs);
  for (const dir of files ? await scopeDirsAbove(repo, files) : await findScopeDirs(repo)) {
    if (ignored(dir)) continue;
    const loaded = await loadConfig(path.join(repo.root, dir), {}, cacheDir);
    if (loaded.file === null) continue; // e.g. a package.json without a "spark-guard" key
    scopes.push({ dir, config: loaded.config, configFile: loaded.file, gateHomes: gateHomes(repo.root, dir, loaded) });
  }
  scopes.push(rootScope(root, repo.root));
  return scopes;
}

/** `ignoreConfigs`: a folder is left out when a glob matches it or a folder above it (`examples` and `examples/**` both cover `examples/a`). */
function ignoredFolders(globs: readonly string[] | undefined): (dir: string) => boolean {
  if (!globs?.length) return () => false;
  const matches = globMatcher(globs.map((g) => (g.endsWith('/') ? g.slice(0, -1) : g)));
  return (dir) => {
    for (let d = dir; d !== '.' && d !== ''; d = path.posix.dirname(d)) if (matches(d)) return true;
    return false;
  };
}

/** The scope a repository-relative path belongs to: the deepest folder that contains it. */
export function scopeOf(scopes: readonly Scope[], file: string): Scope {
  return scopes.find((s) => s.dir === '' || file.startsWith(`${s.dir}/`))!;
}
