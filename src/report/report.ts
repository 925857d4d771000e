/** The readiness report: the §7 JSON document's shape, built from gate results. */
import type { GateResult } from '../gates/gate.js';
import type { DiffStats } from '../diff/model.js';

export interface ReviewFinding {
  severity: 'error' | 'warning' | 'info';
  file: string;
  line: number | null;
  title: string;
  detail: string;
}

export interface ReviewSummary {
  verdict: string;
  /** The model's own verdict, when the gates overrule it (a commit a gate blocks is never "ready"). */
  modelVerdict?: string;
  /** The gates that blocked the commit, when they overrule the model's verdict. */
  blockedBy?: string[];
  summary: string;
  findings: ReviewFinding[];
  model: string;
}

export interface Report {
  ok: boolean;
  diff: DiffStats;
  gates: GateResult[];
  review: ReviewSummary | null;
  /** Deliberate skips and other things a reader of the report should know. */
  warnings: string[];
  /** Total wall time, ms. */
  ms: number;
}

/**
 * SPEC §5: the readiness verdict reflects the gates. The review runs beside the command gates and
 * cannot know their outcome, so a commit that a gate blocks is reported `blocked`, the model's own
 * verdict kept beside it.
 */
function reflectGates(review: ReviewSummary | null, gates: readonly GateResult[]): ReviewSummary | null {
  if (!review) return null;
  const blockedBy = gates.filter((g) => g.status === 'fail' && g.name !== 'review').map((g) => g.name);
  if (blockedBy.length === 0 || review.verdict === 'blocked') return review;
  return { ...review, verdict: 'blocked', modelVerdict: review.verdict, blockedBy };
}

export function buildReport(parts: { diff: DiffStats; gates: GateResult[]; review?: ReviewSummary | null; warnings?: string[]; ms: number }): Report {
  return {
    ok: parts.gates.every((g) => g.status !== 'fail'),
    diff: parts.diff,
    gates: parts.gates,
    review: reflectGates(parts.review ?? null, parts.gates),
    warnings: parts.warnings ?? [],
    ms: parts.ms,
  };
}
