import picomatch from 'picomatch';
import type { ChangedFile, DiffStats } from './model.js';

export type Matcher = (path: string) => boolean;

const matchers = new Map<string, Matcher>();

/** One compiled matcher for globs: dotfiles included, and (like .gitignore) a glob without a slash matches the file name at any depth. */
export function globMatcher(globs: readonly string[]): Matcher {
  const key = JSON.stringify(globs);
  let matcher = matchers.get(key);
  if (!matcher) matchers.set(key, (matcher = compileGlobs(globs)));
  return matcher;
}

function compileGlobs(globs: readonly string[]): Matcher {
  const full = globs.filter((g) => g.includes('/'));
  const names = globs.filter((g) => !g.includes('/'));
  const byPath = full.length ? picomatch(full, { dot: true }) : null;
  const byName = names.length ? picomatch(names, { dot: true }) : null;
  if (!byPath && !byName) return () => false;
  return (path) => Boolean(byPath?.(path) || byName?.(path.slice(path.lastIndexOf('/') + 1)));
}

/** SPEC §4.1's count: numstat added + deleted of text files, less `diff.ignore`; files counted whole. */
export function diffStats(files: readonly ChangedFile[], ignore: readonly string[]): DiffStats {
  const ignored = globMatcher(ignore);
  let lines = 0;
  for (const f of files) if (!ignored(f.path)) lines += f.added + f.deleted;
  return { files: files.length, lines };
}
