// What `git commit` runs on the staged files (through spark-guard's `lint` gate, see spark-guard.config.mjs):
// Biome's safe fixes, and formatting for the files biome.jsonc's formatter covers.
export default {
  '*.{js,mjs,cjs,ts,mts,cts,json,jsonc}': 'biome check --write --error-on-warnings --no-errors-on-unmatched --files-ignore-unknown=true',
};
