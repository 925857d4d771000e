/**
 * The resolved config, cached per folder under the git dir: a commit whose config files did not
 * change (same search places present, same size and mtime of every layer and of every local file a
 * layer imported, see loaded-files.ts) skips cosmiconfig, the preset imports and validation. Configs holding functions (an inline lint-staged task) are not cached.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LoadedConfig } from './types.js';
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
function entryFile(cacheDir: string, dir: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < dir.length; i++) {
    a = Math.imul(a ^ dir.charCodeAt(i), 0x01000193) >>> 0;
    b = Math.imul(b ^ dir.charCodeAt(dir.length - 1 - i), 0x01000193) >>> 0;
  }
  return path.join(cacheDir, `config-${a.toString(16).padStart(8, '0')}${b.toString(16).padStart(8, '0')}.json`);
}

export function readCachedConfig(cacheDir: string, dir: string, places: string): LoadedConfig | null {
  try {
    const entry = JSON.parse(fs.readFileSync(entryFile(cacheDir, dir), 'utf8')) as Entry;
    if (entry.dir !== dir || entry.places !== places) return null;
    for (const [file, s] of Object.entries(entry.stats)) if (stat(file) !== s) return null;
    return entry.loaded;
  } catch {
    return null;
  }
}

/** `imported`: every file the layers loaded (loaded-files.ts); the layers' own files are keyed either way. */
export function writeCachedConfig(cacheDir: string, dir: string, places: string, loaded: LoadedConfig, imported: readonly string[] = []): void {
  if (hasFunction(loaded.config)) return;
  const files = [...loaded.layers.filter((l) => path.isAbsolute(l.file)).map((l) => l.file), ...imported];
  const stats = Object.fromEntries(files.map((f) => [f, stat(f)]));
  const entry: Entry = { dir, places, stats, loaded };
  try {
    writeAtomic(entryFile(cacheDir, dir), JSON.stringify(entry));
  } catch {
    /* a cache that cannot be written is only slower */
  }
}
