// Types for `spark-guard/presets/recommended` (the preset itself is plain ESM JavaScript); the rule
// shape is the API's own `BannedRule`, from the built package.
import type { BannedRule } from '../dist/index.js';

declare const preset: {
  /** The default banned list, by rule id: every rule says why (`message`). */
  banned: Record<string, BannedRule & { message: string }>;
  /** diff, files, secrets, commitMessage, review: see SPEC §3. */
  [key: string]: unknown;
};
export default preset;
