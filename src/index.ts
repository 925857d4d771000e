/** The public API: `defineConfig` (types for editors) and the `Config` type. */
import type { Config } from './config/types.js';

export type { Config, ResolvedConfig, BannedRule, CommandMatch, CommandGate, ReviewConfig } from './config/types.js';

/** Returns its argument unchanged; it exists so that editors type-check `spark-guard.config.*`. */
export function defineConfig(config: Config): Config {
  return config;
}
