/** The one small interface every gate implements. Gates return values; they never print. */
import type { ResolvedConfig } from '../config/types.js';
import type { Change } from '../diff/model.js';
import type { Repo } from '../git/repo.js';
import type { Snapshot } from '../git/snapshot.js';
import type { ReviewSummary } from '../report/report.js';
import type { Scope } from '../config/scope.js';

/** Where command gates run: the staged tree's id and its snapshot, each made once, on first use. */
export interface Workspace {
  tree(): Promise<string>;
  snapshot(): Promise<Snapshot>;
}

export type GateStatus = 'pass' | 'fail' | 'skip' | 'cached' | 'warn';
export type GateCost = 'cheap' | 'expensive';

export interface Finding {
  file: string;
  line: number | null;
  rule: string;
  message: string;
  /** The offending line as shown to the user (secrets masked). */
  excerpt?: string;
}

/** A file a gate made for the reader of the report (a page's screenshot now; logs or traces later). */
export interface Artifact {
  kind: 'screenshot';
  /** Absolute path. */
  path: string;
  /** What it shows, e.g. the page's path. */
  label: string;
}

/** What a gate's `run` returns. The runner adds the name and the time. */
export interface GateOutcome {
  status: GateStatus;
  message: string;
  findings?: Finding[];
  /** Longer text shown under a failure: the tail of a command's output, or how to fix or allow it. */
  details?: string;
  /** The review gate's verdict, for the report. */
  review?: ReviewSummary;
  /** Files the gate made for the report (screenshots). */
  artifacts?: Artifact[];
}

export interface GateResult {
  name: string;
  status: GateStatus;
  ms: number;
  message: string;
  findings: Finding[];
  details?: string;
  review?: ReviewSummary;
  artifacts?: Artifact[];
}

export interface GateContext {
  repo: Repo;
  config: ResolvedConfig;
  change: Change;
  /** The commit message, when known (commit-msg hook, or a range's commits). */
  message?: string;
  /** The config file whose values apply (for "raise X in <file>" advice), or null for the implicit preset. */
  configFile: string | null;
  /** The environment gates start from (the runner's, never read by a gate directly from process.env). */
  env: NodeJS.ProcessEnv;
  /** The staged snapshot for command gates; absent when judging commits (check --base/--range). */
  workspace?: Workspace;
  /** Config scopes, deepest first, the root last: file-level rules use the nearest (SPEC §3, monorepos). */
  scopes: readonly Scope[];
  /** Whether gates may change the index and work tree (lint-staged's fixes): a commit, or check --fix; false in a plain check. */
  fix?: boolean;
  /** Results of the cheap gates, set by the runner before the expensive ones start. */
  results?: readonly GateResult[];
}

export interface Gate {
  /** The config key and the name `--only`, `--skip` and SPARK_GUARD_SKIP take. */
  id: string;
  cost: GateCost;
  /** A gate that changes files (lint-staged) does not run once another gate has blocked. */
  changesFiles?: boolean;
  /** Runs only on the staged change (needs `ctx.workspace`): never in check --base/--range. */
  stagedOnly?: boolean;
  /** An expensive gate that must not wait for a slot in the command-gate pool (the review). */
  unpooled?: boolean;
  /** Whether the gate has anything to judge in this change; a string explains why not. */
  applies(ctx: GateContext): true | string;
  run(ctx: GateContext, signal: AbortSignal): Promise<GateOutcome>;
}
