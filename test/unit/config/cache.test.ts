/** The resolved-config cache and the guard's small file beside it (same key, only banned, files and secrets). */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configFingerprint, readCachedConfig, readCachedGuardConfig, writeCachedConfig } from '../../../src/config/cache.js';
import { loadConfig } from '../../../src/config/load.js';
import { makeTempDir } from '../../helpers/repo.js';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) fs.rmSync(dirs.pop()!, { recursive: true, force: true });
});

async function cached() {
  const dir = makeTempDir();
  dirs.push(dir);
  const file = path.join(dir, '.spark-guardrc.json');
  fs.writeFileSync(file, JSON.stringify({ extends: 'spark-guard/presets/recommended', files: { protect: ['secret/**'] } }));
  const cacheDir = path.join(dir, 'cache');
  const loaded = await loadConfig(dir, {});
  const places = configFingerprint(dir, {});
  writeCachedConfig(cacheDir, dir, places, loaded);
  return { dir, file, cacheDir, places, loaded };
}

describe('the guard reads its own small cache file', () => {
  it('holds the banned rules, files and secrets of the entry, and is smaller', async () => {
    const { dir, cacheDir, places, loaded } = await cached();
    const guard = readCachedGuardConfig(cacheDir, dir, places);
    expect(guard).toEqual({ banned: loaded.config.banned, files: loaded.config.files, secrets: loaded.config.secrets });
    expect(guard!.files.protect).toEqual(['secret/**']);
    const [entry, small] = ['config-', 'guard-'].map((p) => fs.statSync(path.join(cacheDir, fs.readdirSync(cacheDir).find((f) => f.startsWith(p))!)).size);
    expect(small).toBeLessThan(entry! / 2);
  });

  it('misses with the entry when a config file changes', async () => {
    const { dir, file, cacheDir, places } = await cached();
    fs.writeFileSync(file, JSON.stringify({ extends: 'spark-guard/presets/recommended', files: { protect: ['other/**'] } }));
    expect(readCachedConfig(cacheDir, dir, places)).toBeNull();
    expect(readCachedGuardConfig(cacheDir, dir, places)).toBeNull();
    expect(readCachedGuardConfig(cacheDir, dir, 'another fingerprint')).toBeNull();
  });

  it('is made from the entry when missing (a cache written before it existed)', async () => {
    const { dir, cacheDir, places, loaded } = await cached();
    for (const f of fs.readdirSync(cacheDir)) if (f.startsWith('guard-')) fs.rmSync(path.join(cacheDir, f));
    expect(readCachedGuardConfig(cacheDir, dir, places)?.files).toEqual(loaded.config.files);
    expect(fs.readdirSync(cacheDir).filter((f) => f.startsWith('guard-'))).toHaveLength(1);
  });
});
