// Types for `spark-guard/presets/recommended` (the preset itself is plain ESM JavaScript).
export interface PresetBannedRule {
  /** JavaScript RegExp source, compiled with `new RegExp(pattern)` (no flags), matched per added line. */
  pattern: string;
  /** Why the line is dangerous and what to do instead. */
  message: string;
  /** picomatch globs (dot: true); absent = every file. */
  files?: string[];
  /** Literals the pattern needs (case-sensitive): lines with none of them are not tested. */
  keywords?: string[];
  scope?: 'diff' | 'commands' | 'both';
}

declare const preset: {
  /** The default banned list, by rule id. */
  banned: Record<string, PresetBannedRule>;
  /** diff, files, secrets, commitMessage, review: see SPEC §3. */
  [key: string]: unknown;
};
export default preset;
