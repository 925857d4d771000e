/** The shape of a spark-guard configuration, as users write it (every key optional) and as resolved. */

/** Where a banned rule applies (not to be confused with a folder's config scope, config/scope.ts). */
export type RuleScope = 'diff' | 'commands' | 'both';

/**
 * What a parsed command must be to break a rule. Every given part must hold; a rule's `command`
 * lists matchers, any of which breaks it. Flags are normalised: `-rf`, `-fr`, `-r -f` and
 * `--recursive --force` are the same set; a long flag may be abbreviated (`--rec`).
 */
export interface CommandMatch {
  /** The program, after wrappers (`sudo`, `env X=1`, `xargs`, …) and its folder are stripped; `mkfs.*` matches a prefix. */
  program: string[];
  /** The words right after the program (after git's global options): its subcommand; a list gives alternatives. */
  args?: (string | string[])[];
  /** Flags that must all be present: one spelling of each group (`[['-r', '-R', '--recursive'], ['-f', '--force']]`). */
  all?: string[][];
  /** At least one of these flags. */
  any?: string[];
  /** None of these flags (`git clean -n` is a dry run). */
  none?: string[];
  /** Options whose next word is their value, not an operand (`-m` of git commit). */
  values?: string[];
  /** At least one operand is one of these: a class (`@wipe-target`, `@device`, `@device-output`) or a regex. */
  operand?: string[];
  /** At least this many operands. */
  operands?: number;
  /** Its input or code comes from one of these programs (a pipeline, `<(…)`, `"$(…)"`). */
  fedBy?: string[];
}

export interface BannedRule {
  /** A JavaScript regular expression, matched against each added line (as text). */
  pattern?: string;
  /** Structured: what a parsed command must be (any of the matchers). */
  command?: CommandMatch[];
  /** What the rule catches, in words (shown by `spark-guard config`). */
  catches?: string;
  /** What to tell the author, and how to do it safely instead. */
  message?: string;
  /** Only lines of files matching these globs are checked (default: every file). */
  files?: string[];
  /**
   * Words the pattern cannot match without (case-sensitive, like gitleaks' keywords): a line that
   * contains none of them is not tested, so the regex is never even compiled on most commits.
   */
  keywords?: string[];
  /** Where the rule applies: added lines of a diff, an agent's commands, or both (default). */
  scope?: RuleScope;
}

export interface CommandGate {
  /** The shell command. */
  run: string;
  /** Run only when a staged file matches one of these globs (default: always). */
  when?: string[];
  /** Seconds before the gate's process tree is killed (default 300). */
  timeout?: number;
}

/** The browser gate (SPEC §11): the app opened in headless Chromium. */
export interface BrowserConfig {
  /** A command that serves the app (killed, whole tree, after); `{port}` is a free port, also exported as PORT. */
  start?: string;
  /** The base URL, polled until it answers; `{port}` as in `start`. */
  url: string;
  /** Paths (or full URLs) visited below `url`. */
  pages: string[];
  /** Run only when a staged file matches one of these globs. */
  when: string[];
  startTimeoutMs: number;
  pageTimeoutMs: number;
  /** Regexes of console errors to tolerate, matched anywhere in the message. */
  allowConsole: string[];
  /** The browser to run; else CHROME_PATH, else the usual system paths. */
  executablePath?: string;
}

export interface DiffConfig {
  maxLines: number | false;
  maxFiles: number | false;
  ignore: string[];
}

export interface FilesConfig {
  allowCreate: boolean;
  allowDelete: boolean;
  protect: string[];
  maxFileKb: number | false;
}

export interface CommitMessageConfig {
  minLength: number;
  maxSubjectLength: number;
  conventional: boolean;
  banned: string[];
}

export type Provider = 'openai' | 'cerebras' | 'ollama' | 'custom';

export interface ReviewConfig {
  enabled: boolean;
  provider: Provider;
  model: string;
  baseURL?: string;
  apiKeyEnv: string;
  api: 'responses' | 'chat';
  timeoutMs: number;
  /** The first byte of the answer must come within this (a hung endpoint fails fast). */
  firstByteMs: number;
  blockOn: 'error' | 'warning' | 'never';
  onUnavailable: 'warn' | 'block';
  maxDiffTokens: number;
  exclude: string[];
  instructions: string;
}

export interface SecretsConfig {
  ignore: string[];
}

/** SPEC §10 `verify`: VERIFY.md's fenced sh/bash/shell commands become command gates `verify:<n>`. */
export interface VerifyConfig {
  /** The file, repository-relative, read from the index (default VERIFY.md). */
  file: string;
  /** Run only when a staged file matches one of these globs (default: always). */
  when?: string[];
  /** Seconds before a command's process tree is killed (default 300). */
  timeout?: number;
}

/** SPEC §10 `memory`: the progress log and one plan item per commit. */
export interface MemoryConfig {
  progress: string;
  requireOnChange: string[];
  plan: string;
  maxPlanItems: number | false;
}

/** SPEC §10 `docs`: drift checks on Markdown. */
export interface DocsConfig {
  files: string[];
  level: 'error' | 'warning';
}

/** The resolved configuration: every key present, `false` entries of `banned`/`gates` removed. */
export interface ResolvedConfig {
  diff: DiffConfig;
  files: FilesConfig;
  banned: Record<string, BannedRule>;
  secrets: false | SecretsConfig;
  lintStaged: boolean | Record<string, unknown>;
  gates: Record<string, CommandGate>;
  /** How many command gates run at once (default: the number of CPUs, at least 4). */
  concurrency?: number;
  commitMessage: CommitMessageConfig;
  review: ReviewConfig;
  verify: false | VerifyConfig;
  memory: false | MemoryConfig;
  overlap: false | 'warning' | 'error';
  docs: false | DocsConfig;
  /** The browser gate, or false when not configured. */
  browser: false | BrowserConfig;
  /** Folders (globs) whose config files are not sub-folder configs of this repository (root config only). */
  ignoreConfigs?: string[];
}

/** What `spark-guard guard` judges a tool call with: its own small cache file (config/cache.ts). */
export type GuardConfig = Pick<ResolvedConfig, 'banned' | 'files' | 'secrets'>;

type DeepPartial<T> = { [K in keyof T]?: T[K] extends (infer U)[] ? U[] : T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** A configuration file's content: what `defineConfig` accepts and presets export. */
export interface Config {
  /** Presets or files to build on: `spark-guard/presets/recommended`, a package, or a relative path. */
  extends?: string | string[];
  diff?: DeepPartial<DiffConfig>;
  files?: DeepPartial<FilesConfig>;
  /** Banned patterns by id; `id: false` switches an inherited rule off. */
  banned?: Record<string, BannedRule | false>;
  secrets?: boolean | Partial<SecretsConfig>;
  lintStaged?: boolean | Record<string, unknown>;
  /** Command gates by name: a shell command, or `{ run, when, timeout }`; `name: false` switches one off. */
  gates?: Record<string, string | CommandGate | false>;
  /** How many command gates run at once (default: the number of CPUs, at least 4). */
  concurrency?: number;
  commitMessage?: DeepPartial<CommitMessageConfig>;
  review?: DeepPartial<ReviewConfig>;
  /** VERIFY.md's commands as gates: `true` (VERIFY.md, always) or `{ file, when, timeout }`; off by default. */
  verify?: boolean | Partial<VerifyConfig>;
  /** The progress-log and plan rules; off by default. */
  memory?: boolean | Partial<MemoryConfig>;
  /** Staged paths with uncommitted changes in a sibling worktree: 'warning' (default), 'error' or false. */
  overlap?: false | 'warning' | 'error';
  /** Markdown drift checks; off by default. */
  docs?: boolean | Partial<DocsConfig>;
  /** The browser gate (SPEC §11); `false` switches an inherited one off. */
  browser?: false | (Partial<BrowserConfig> & { url: string });
  /**
   * Folders whose config files belong to other projects (`examples/**`, `test/fixtures/**`): not
   * loaded as sub-folder configs, so their files follow the configs above them. Read from the root config.
   */
  ignoreConfigs?: string[];
}

/** One config file of the chain (extends first), as it was read. */
export interface Layer {
  /** The file the layer came from, or `(defaults)` for the built-in base. */
  file: string;
  config: Config;
}

export interface LoadedConfig {
  config: ResolvedConfig;
  layers: Layer[];
  /** The config file that was found, or null when the implicit recommended preset applies. */
  file: string | null;
  /** For each `key` and `key.sub` path, the file its value came from. */
  sources: Record<string, string>;
}
