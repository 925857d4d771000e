/**
 * The configuration for a repository: from its cache when nothing changed (config/cache.ts), else
 * resolved by resolve.ts (cosmiconfig, `extends`, the schema), which only then loads.
 */
import fs from 'node:fs';
import { configFingerprint, readCachedConfig, writeCachedConfig } from './cache.js';
import { markColdRun } from '../cold.js';
import type { LoadedConfig } from './types.js';

export { SEARCH_PLACES } from './places.js';
export type { Layer, LoadedConfig } from './types.js';

/**
 * Loads the configuration for a repository rooted at `root` (or SPARK_GUARD_CONFIG). With a
 * `cacheDir`, an unchanged configuration is read back from there without cosmiconfig.
 */
export async function loadConfig(root: string, env: NodeJS.ProcessEnv = process.env, cacheDir?: string): Promise<LoadedConfig> {
  if (!cacheDir) return (await import('./resolve.js')).resolveConfig(root, env);
  const places = configFingerprint(root, env);
  const cached = readCachedConfig(cacheDir, root, places);
  if (cached) return cached;
  markColdRun();
  const [{ resolveConfig, isLocalModule }, { filesLoadedBy }] = await Promise.all([import('./resolve.js'), import('./loaded-files.js')]);
  const loaded = await resolveConfig(root, env, true);
  // A module layer's imports key the entry too; a config whose imports cannot be learnt is not cached.
  const modules = loaded.layers.filter((l) => isLocalModule(l.file)).map((l) => fs.realpathSync(l.file));
  const imported = modules.length ? filesLoadedBy(modules) : [];
  if (imported) writeCachedConfig(cacheDir, root, places, loaded, imported);
  return loaded;
}
