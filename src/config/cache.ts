/**
 * The resolved config, cached per folder under the git dir: a commit whose config files did not
 * change (same search places present, same size and mtime of every layer and of every local file a
 * layer imported, see loaded-files.ts) skips cosmiconfig, the preset imports and validation. Configs holding functions (an inline lint-staged task) are not cached.
 * Beside each entry, `guard-*.json` holds only what `spark-guard guard` judges with (banned, files,
 * secrets) under the same key: the guard runs on every tool call, and parsing the whole entry (layers,
 * sources) costs it ~0.6 ms more.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { GuardConfig, LoadedConfig } from './types.js';
import { hasFunction } from './merge.js';
import { writeAtomic } from '../cache-files.js';
import { packageVersion } from '../paths.js';
import { SEARCH_PLACES } from './places.js';

interface Entry {
  dir: string;
  places: string;
  stats: Record<string, string>;
  loaded: LoadedConfig;
}

interface GuardEntry {
  dir: string;
  places: string;
  stats: Record<string, string>;
  config: GuardConfig;
}

function stat(file: string): string {
  try {
    // Most search places do not exist: no exception for those (each costs ~40 µs, a stack trace).
    const s = fs.statSync(file, { throwIfNoEntry: false });
    return s ? `${s.size}:${s.mtimeMs}` : 'missing';
  } catch {
    return 'missing';
  }
}

/**
 * Which of the search places exist in `dir`, with their stats (a new or removed config file
 * changes it), for this spark-guard version and SPARK_GUARD_CONFIG.
 */
export function configFingerprint(dir: string, env: NodeJS.ProcessEnv): string {
  return `${packageVersion()}|${env.SPARK_GUARD_CONFIG ?? ''}|${SEARCH_PLACES.map((p) => stat(path.join(dir, p))).join(',')}`;
}

/** A file name for the folder: FNV-1a, as node:crypto costs ~3 ms to load; the entry names its folder, so a collision only misses. */
function entryFile(cacheDir: string, dir: string, kind: 'config' | 'guard' = 'config'): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < dir.length; i++) {
    a = Math.imul(a ^ dir.charCodeAt(i), 0x01000193) >>> 0;
    b = Math.imul(b ^ dir.charCodeAt(dir.length - 1 - i), 0x01000193) >>> 0;
  }
  return path.join(cacheDir, `${kind}-${a.toString(16).padStart(8, '0')}${b.toString(16).padStart(8, '0')}.json`);
}

/** An entry of `kind` for `dir`, if its key still holds. */
function readEntry<T extends { dir: string; places: string; stats: Record<string, string> }>(cacheDir: string, dir: string, places: string, kind: 'config' | 'guard'): T | null {
  try {
    const entry = JSON.parse(fs.readFileSync(entryFile(cacheDir, dir, kind), 'utf8')) as T;
    if (entry.dir !== dir || entry.places !== places) return null;
    for (const [file, s] of Object.entries(entry.stats)) if (stat(file) !== s) return null;
    return entry;
  } catch {
    return null;
  }
}

export function readCachedConfig(cacheDir: string, dir: string, places: string): LoadedConfig | null {
  return readEntry<Entry>(cacheDir, dir, places, 'config')?.loaded ?? null;
}

/** What the guard judges with, from its own file beside the entry; made from the entry when missing (an older cache). */
export function readCachedGuardConfig(cacheDir: string, dir: string, places: string): GuardConfig | null {
  const guard = readEntry<GuardEntry>(cacheDir, dir, places, 'guard');
  if (guard) return guard.config;
  const entry = readEntry<Entry>(cacheDir, dir, places, 'config');
  if (!entry) return null;
  const made = guardEntry(entry);
  try {
    writeAtomic(entryFile(cacheDir, dir, 'guard'), JSON.stringify(made));
  } catch {
    /* a cache that cannot be written is only slower */
  }
  return made.config;
}

function guardEntry({ dir, places, stats, loaded }: Entry): GuardEntry {
  const { banned, files, secrets } = loaded.config;
  return { dir, places, stats, config: { banned, files, secrets } };
}

/** `imported`: every file the layers loaded (loaded-files.ts); the layers' own files are keyed either way. */
export function writeCachedConfig(cacheDir: string, dir: string, places: string, loaded: LoadedConfig, imported: readonly string[] = []): void {
  if (hasFunction(loaded.config)) return;
  const files = [...loaded.layers.filter((l) => path.isAbsolute(l.file)).map((l) => l.file), ...imported];
  const stats = Object.fromEntries(files.map((f) => [f, stat(f)]));
  const entry: Entry = { dir, places, stats, loaded };
  try {
    writeAtomic(entryFile(cacheDir, dir, 'guard'), JSON.stringify(guardEntry(entry)));
    writeAtomic(entryFile(cacheDir, dir), JSON.stringify(entry));
  } catch {
    /* a cache that cannot be written is only slower */
  }
}
