import fs from 'node:fs';
import type { ChangedFile, DiffStats } from './model.js';
import { writeAtomic } from '../cache-files.js';
import { packageVersion } from '../paths.js';
import loadPicomatch from './picomatch.cjs';
import { markColdRun } from '../cold.js';

export type Matcher = (path: string) => boolean;

const matchers = new Map<string, Matcher>();

/** A glob and picomatch's regex source for it (its flags are always none here). */
type CompiledGlob = [glob: string, source: string];
/** A glob list's compiled form: the globs with a slash (matched on the path), the others (on the file name). */
interface CompiledList {
  path: CompiledGlob[];
  name: CompiledGlob[];
}

/**
 * Compiled globs kept across runs (`useGlobCache`): picomatch costs a few milliseconds to load and
 * compile with on every commit, and a config's globs rarely change. Keyed by this version, whose
 * bundle holds the picomatch that made them.
 */
const globCache: { file: string | null; entries: Record<string, CompiledList> | null; dirty: boolean } = { file: null, entries: null, dirty: false };

/** Reads compiled globs from `file` (in the repository's cache folder) and records new ones there at `saveGlobCache`. */
export function useGlobCache(file: string): void {
  globCache.file = file;
  globCache.dirty = false;
  try {
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string; globs: Record<string, CompiledList> };
    globCache.entries = saved.version === packageVersion() ? saved.globs : {};
  } catch {
    globCache.entries = {};
  }
}

/** Writes the compiled globs when this run compiled new ones; a cache that cannot be written only costs time. */
export function saveGlobCache(): void {
  if (!globCache.file || !globCache.dirty || !globCache.entries) return;
  try {
    writeAtomic(globCache.file, JSON.stringify({ version: packageVersion(), globs: globCache.entries }));
    globCache.dirty = false;
  } catch {
    /* read-only repository: compiled again next time */
  }
}

/** One compiled matcher for globs: dotfiles included, and (like .gitignore) a glob without a slash matches the file name at any depth. */
export function globMatcher(globs: readonly string[]): Matcher {
  const key = JSON.stringify(globs);
  let matcher = matchers.get(key);
  if (!matcher) matchers.set(key, (matcher = compileGlobs(key, globs)));
  return matcher;
}

function compileGlobs(key: string, globs: readonly string[]): Matcher {
  let list = globCache.entries?.[key];
  if (!list) {
    list = { path: compileList(globs.filter((g) => g.includes('/'))), name: compileList(globs.filter((g) => !g.includes('/'))) };
    if (globCache.entries) {
      markColdRun();
      // A config edited many times leaves old lists behind: start over rather than grow for ever.
      if (Object.keys(globCache.entries).length >= 500) globCache.entries = {};
      globCache.entries[key] = list;
      globCache.dirty = true;
    }
  }
  const byPath = anyOf(list.path);
  const byName = anyOf(list.name);
  if (!byPath && !byName) return () => false;
  return (path) => Boolean(byPath?.(path) || byName?.(path.slice(path.lastIndexOf('/') + 1)));
}

function compileList(globs: readonly string[]): CompiledGlob[] {
  if (!globs.length) return [];
  const picomatch = loadPicomatch();
  return globs.map((glob) => [glob, picomatch.makeRe(glob, { dot: true }).source]);
}

/** picomatch's own test on POSIX paths: the glob itself, or its regex (never the empty string). */
function anyOf(list: readonly CompiledGlob[]): Matcher | null {
  if (!list.length) return null;
  const tests = list.map(([glob, source]) => {
    const fast = simpleGlob(glob);
    if (fast) return fast;
    let re: RegExp | undefined;
    return (input: string) => input === glob || (re ??= new RegExp(source)).test(input);
  });
  return (input) => input !== '' && tests.some((test) => test(input));
}

// The shapes most globs have ("**" + "/*.{sh,bash}", "**" + "/*.mk", "**" + "/{Makefile,Justfile}",
// "**" + "/package.json"), matched with string tests: V8 compiles each of picomatch's regexes on its
// first test, ~0.2 ms apiece, and a default banned rule's `files` lists eleven. Anything else: null
// (picomatch's regex). test/unit/diff/glob-cache.test.ts checks these against picomatch.
function simpleGlob(glob: string): Matcher | null {
  const m = /^\*\*\/(\*\.)?(?:\{([\w.-]+(?:,[\w.-]+)*)\}|([\w.-]+))$/.exec(glob);
  if (!m) return null;
  const words = m[2] ? m[2].split(',') : [m[3]!];
  if (words.some((w) => w === '.' || w === '..' || w === '')) return null;
  const base = (path: string) => path.slice(path.lastIndexOf('/') + 1);
  if (m[1]) {
    // `*.ext`: a file name ending in `.ext` (the star may be empty, with dotfiles on)
    const ends = words.map((w) => `.${w}`);
    return (path) => {
      const name = base(path);
      return ends.some((e) => name.endsWith(e));
    };
  }
  const names = new Set(words);
  return (path) => names.has(base(path));
}

/** SPEC §4.1's count: numstat added + deleted of text files, less `diff.ignore`; files counted whole. */
export function diffStats(files: readonly ChangedFile[], ignore: readonly string[]): DiffStats {
  const ignored = globMatcher(ignore);
  let lines = 0;
  for (const f of files) if (!ignored(f.path)) lines += f.added + f.deleted;
  return { files: files.length, lines };
}
