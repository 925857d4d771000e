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

export function buildReport(parts: { diff: DiffStats; gates: GateResult[]; review?: ReviewSummary | null; warnings?: string[]; ms: number }): Report {
  return {
    ok: parts.gates.every((g) => g.status !== 'fail'),
    diff: parts.diff,
    gates: parts.gates,
    review: parts.review ?? null,
    warnings: parts.warnings ?? [],
    ms: parts.ms,
  };
}
