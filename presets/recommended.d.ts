// Types for `spark-guard/presets/recommended` (the preset itself is plain ESM JavaScript).
/** What a parsed command must be (the same shape as `CommandMatch` of the spark-guard API). */
export interface PresetCommandMatch {
  program: string[];
  args?: (string | string[])[];
  all?: string[][];
  any?: string[];
  none?: string[];
  values?: string[];
  operand?: string[];
  operands?: number;
  fedBy?: string[];
}

export interface PresetBannedRule {
  /** JavaScript RegExp source, compiled with `new RegExp(pattern)` (no flags), matched per added line as text. */
  pattern?: string;
  /** Structured: what a parsed command must be (commands, and shell-like lines of a diff). */
  command?: PresetCommandMatch[];
  /** What the rule catches, in words. */
  catches?: string;
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
