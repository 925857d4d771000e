/** SPEC §3's places, in order; no `.config/` folder, no global lookup. */
export const SEARCH_PLACES = [
  'package.json',
  '.spark-guardrc',
  '.spark-guardrc.json',
  '.spark-guardrc.yaml',
  '.spark-guardrc.yml',
  '.spark-guardrc.js',
  '.spark-guardrc.mjs',
  '.spark-guardrc.cjs',
  'spark-guard.config.js',
  'spark-guard.config.mjs',
  'spark-guard.config.cjs',
  'spark-guard.config.ts',
];

