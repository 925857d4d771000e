import picomatch from 'picomatch';
import type { ChangedFile, DiffStats } from './model.js';

export type Matcher = (path: string) => boolean;

/** One compiled matcher for a list of globs (dotfiles included; `**\/x` also matches `x`). */
export function globMatcher(globs: readonly string[]): Matcher {
  if (globs.length === 0) return () => false;
  return picomatch(globs as string[], { dot: true });
}

/** SPEC §4.1's count: numstat added + deleted of text files, less `diff.ignore`; files counted whole. */
export function diffStats(files: readonly ChangedFile[], ignore: readonly string[]): DiffStats {
  const ignored = globMatcher(ignore);
  let lines = 0;
  for (const f of files) if (!ignored(f.path)) lines += f.added + f.deleted;
  return { files: files.length, lines };
}
