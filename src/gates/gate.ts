/** The one small interface every gate implements. Gates return values; they never print. */
import type { ResolvedConfig } from '../config/types.js';
import type { Change } from '../diff/model.js';
import type { Repo } from '../git/repo.js';

export type GateStatus = 'pass' | 'fail' | 'skip' | 'cached' | 'warn';
export type GateCost = 'cheap' | 'expensive';

export interface Finding {
  file: string;
  line: number | null;
  rule: string;
  message: string;
}

/** What a gate's `run` returns. The runner adds the name and the time. */
export interface GateOutcome {
  status: GateStatus;
  message: string;
  findings?: Finding[];
  /** Longer text shown under a failure (e.g. the tail of a command's output). */
  details?: string;
}

export interface GateResult {
  name: string;
  status: GateStatus;
  ms: number;
  message: string;
  findings: Finding[];
  details?: string;
}

export interface GateContext {
  repo: Repo;
  config: ResolvedConfig;
  change: Change;
  /** The commit message, when known (commit-msg hook, or a range's commits). */
  message?: string;
}

export interface Gate {
  /** The config key and the name `--only`, `--skip` and SPARK_GUARD_SKIP take. */
  id: string;
  cost: GateCost;
  /** Whether the gate has anything to judge in this change; a string explains why not. */
  applies(ctx: GateContext): true | string;
  run(ctx: GateContext, signal: AbortSignal): Promise<GateOutcome>;
}
