/** The one small interface every gate implements. Gates return values; they never print. */
import type { ResolvedConfig } from '../config/types.js';
import type { Change } from '../diff/model.js';
import type { Repo } from '../git/repo.js';
import type { Snapshot } from '../git/snapshot.js';
import type { Scope } from '../config/scope.js';

/** Where command gates run: the staged tree's id and its snapshot, each made once, on first use. */
export interface Workspace {
  tree(): Promise<string>;
  snapshot(): Promise<Snapshot>;
  /** False when gates run on the work tree as it is (`spark-guard verify`): no tree id, no cache. */
  cacheable?: boolean;
}

export type GateStatus = 'pass' | 'fail' | 'skip' | 'cached' | 'warn';

/**
 * When a gate runs. `serial` gates run first, one by one in order (the quick checks, and lint-staged,
 * which rewrites the index the others judge); once one of them blocks, no `concurrent` gate starts.
 * `concurrent` gates (command gates, the review) then run together, bounded by `concurrency`.
 */
export type GatePhase = 'serial' | 'concurrent';

/** Where a gate comes from, beyond its id: the structure a report can group by, never parsed out of the id. */
export interface GateOrigin {
  /** The sub-folder config that defines the gate (`packages/a`), absent for the root config's and built-in gates. */
  package?: string;
  /** A family of gates that one name selects (`verify` for `verify:1`, `verify:2`). */
  group?: string;
}

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
  /** Files the gate made for the report (screenshots). */
  artifacts?: Artifact[];
}

/** One gate's line in the report (SPEC §7: `name` is the gate's id). */
export interface GateResult extends GateOrigin {
  name: string;
  status: GateStatus;
  ms: number;
  message: string;
  findings: Finding[];
  details?: string;
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
  /** Results of the serial gates, set by the runner before the concurrent ones start. */
  results?: readonly GateResult[];
}

export interface Gate extends GateOrigin {
  /**
   * Unique in a run: the report's `name` and what `--only`, `--skip` and SPARK_GUARD_SKIP take
   * (`diff`, a command gate's name, `packages/a › test`). A package's gate also answers to its
   * name in that package's config (`packageGate`), a grouped gate to its group.
   */
  id: string;
  /** A package gate's name in its own config (`test` for `packages/a › test`). */
  packageGate?: string;
  phase: GatePhase;
  /** A gate that changes files (lint-staged) does not run once another gate has blocked. */
  changesFiles?: boolean;
  /** Runs only on the staged change (needs `ctx.workspace`): never in check --base/--range. */
  stagedOnly?: boolean;
  /** A concurrent gate that must not wait for a slot in the command-gate pool (the review). */
  unpooled?: boolean;
  /** Whether the gate has anything to judge in this change; a string explains why not. */
  applies(ctx: GateContext): true | string;
  run(ctx: GateContext, signal: AbortSignal): Promise<GateOutcome>;
}

/** A sub-folder config's gate: `packages/a › test`. */
export function packageGateId(dir: string, name: string): string {
  return `${dir} › ${name}`;
}

/** The names that select a gate in `--only`, `--skip` and SPARK_GUARD_SKIP: its id, a package gate's own name, its group. */
export function gateNames(gate: Gate): string[] {
  return [gate.id, gate.packageGate, gate.group].filter((n): n is string => n !== undefined);
}

/** A result's origin fields, present only when set (so the §7 JSON of a root gate is unchanged). */
export function originOf(gate: GateOrigin): GateOrigin {
  return { ...(gate.package !== undefined ? { package: gate.package } : {}), ...(gate.group !== undefined ? { group: gate.group } : {}) };
}
