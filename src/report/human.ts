/** The compact human rendering: a line per gate with status and time, failures explained below. */
import type { GateResult, GateStatus } from '../gates/gate.js';
import type { Report } from './report.js';
import type { Style } from './style.js';
import { stripAnsi } from '../text.js';

const SYMBOL: Record<GateStatus, string> = { pass: '✓', cached: '✓', fail: '✗', warn: '!', skip: '-' };

export function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function paint(style: Style, status: GateStatus, text: string): string {
  if (status === 'fail') return style.red(text);
  if (status === 'warn') return style.yellow(text);
  if (status === 'skip') return style.dim(text);
  return style.green(text);
}

export function renderGateLine(result: GateResult, style: Style, width: number): string {
  const head = `${SYMBOL[result.status]} ${result.name.padEnd(width)} ${result.status.padEnd(6)}`;
  const time = result.status === 'skip' ? '' : formatMs(result.ms).padStart(7);
  const message = result.message ? `  ${result.message}` : '';
  return `  ${paint(style, result.status, head)} ${style.dim(time)}${message}`;
}

function renderFailure(result: GateResult, style: Style): string[] {
  const lines: string[] = [];
  for (const f of result.findings.slice(0, 50)) {
    const where = f.line === null ? f.file : `${f.file}:${f.line}`;
    lines.push(`      ${where ? `${style.bold(where)}  ` : ''}${f.rule}  ${f.message}`);
    if (f.excerpt !== undefined) lines.push(`        ${style.dim('│')} ${f.excerpt}`);
  }
  if (result.findings.length > 50) lines.push(`      … and ${result.findings.length - 50} more (see --json)`);
  // A gate's output tail keeps its tool's colours only where ours are on: an agent reading a pipe gets plain text.
  if (result.details) lines.push(...(style.color ? result.details : stripAnsi(result.details)).split('\n').map((l) => `      ${l}`));
  for (const a of result.artifacts ?? []) lines.push(`      ${style.dim(`${a.kind} ${a.label}:`)} ${a.path}`);
  return lines;
}

/** `blocked by test (the review alone: ready)` when the gates overrule the model. */
export function verdictText(r: Report['review'] & object): string {
  return r.modelVerdict ? `${r.verdict} by ${r.blockedBy?.join(', ')} (the review alone: ${r.modelVerdict})` : r.verdict;
}

/** `counts`: the staged change's size in the title; off where the run does not judge it (`verify` on the work tree, `docs --all`). */
export function renderHuman(report: Report, style: Style, title: string, counts = true): string {
  const width = Math.max(8, ...report.gates.map((g) => g.name.length));
  const size = counts ? ` · ${report.diff.files} file${report.diff.files === 1 ? '' : 's'}, ${report.diff.lines} line${report.diff.lines === 1 ? '' : 's'}` : '';
  const out: string[] = [`${style.bold('spark-guard')} ${title}${size}`];
  for (const w of report.warnings) out.push(`  ${style.yellow('!')} ${w}`);
  if (report.gates.length === 0) out.push(`  ${style.dim('nothing to check: no gate applies to this change')}`);
  for (const g of report.gates) {
    out.push(renderGateLine(g, style, width));
    if (g.status === 'fail' || g.status === 'warn') out.push(...renderFailure(g, style));
  }
  if (report.review) {
    const r = report.review;
    out.push(`  ${style.bold(`Spark (${r.model})`)}: ${verdictText(r)} — ${r.summary}`);
  }
  const failed = report.gates.filter((g) => g.status === 'fail').map((g) => g.name);
  out.push(
    failed.length
      ? style.red(`✗ blocked by ${failed.join(', ')} · ${formatMs(report.ms)}`)
      : style.green(`✓ passed · ${formatMs(report.ms)}`),
  );
  return `${out.join('\n')}\n`;
}
