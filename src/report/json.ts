import type { Report } from './report.js';
import { originOf } from '../gates/gate.js';

/** The §7 `--json` document: names fixed, extra fields allowed. */
export function renderJson(report: Report): string {
  const doc = {
    ok: report.ok,
    diff: report.diff,
    gates: report.gates.map((g) => ({
      name: g.name,
      ...originOf(g),
      status: g.status,
      ms: g.ms,
      message: g.message,
      findings: g.findings.map((f) => ({ file: f.file, line: f.line, rule: f.rule, message: f.message })),
      ...(g.artifacts?.length ? { artifacts: g.artifacts, screenshots: g.artifacts.filter((a) => a.kind === 'screenshot').map((a) => a.path) } : {}),
    })),
    review: report.review,
    warnings: report.warnings,
    ms: report.ms,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
