/**
 * The readiness report as Markdown: what `last-report.md`, the git note and `spark-guard report` hold.
 * Text that is not ours (the model's summary and findings, file names, gate messages) is escaped:
 * a finding cannot add links, HTML, emphasis, list items or headings to the report.
 */
import { formatMs, verdictText } from './human.js';
import type { Report } from './report.js';

/**
 * One line of literal text: line breaks become spaces (no heading, list or quote can start), and
 * the characters that open links, images, HTML, entities, emphasis, code, tables and strikethrough
 * are backslash-escaped (CommonMark renders an escaped ASCII punctuation character as itself).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[\\`*_[\]<>&|~#!]/g, '\\$&')
    .replace(/^([-+=]|\d+[.)])/, '\\$1');
}

/** A code span that holds any text: its fence is longer than every run of backticks inside. */
function codeSpan(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  const fence = '`'.repeat(Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

export function renderMarkdown(report: Report, title = 'spark-guard readiness report'): string {
  const out: string[] = [`# ${title}`, ''];
  const r = report.review;
  out.push(`**${report.ok ? 'passed' : 'blocked'}** · ${report.diff.files} file${report.diff.files === 1 ? '' : 's'}, ${report.diff.lines} line${report.diff.lines === 1 ? '' : 's'} · ${formatMs(report.ms)}`, '');
  if (r) {
    out.push(`## Review (${escapeMarkdown(r.model)}): ${escapeMarkdown(verdictText(r))}`, '', escapeMarkdown(r.summary), '');
    for (const f of r.findings) {
      const where = codeSpan(f.line === null ? f.file : `${f.file}:${f.line}`);
      out.push(`- **${escapeMarkdown(f.severity)}** ${where} ${escapeMarkdown(f.title)}${f.detail ? ` — ${escapeMarkdown(f.detail)}` : ''}`);
    }
    if (r.findings.length) out.push('');
  }
  out.push('## Gates', '', '| gate | status | time | note |', '| --- | --- | --- | --- |');
  for (const g of report.gates) out.push(`| ${escapeMarkdown(g.name)} | ${g.status} | ${g.status === 'skip' ? '' : formatMs(g.ms)} | ${escapeMarkdown(g.message)} |`);
  const shots = report.gates.flatMap((g) => (g.artifacts ?? []).filter((a) => a.kind === 'screenshot').map((a) => ({ gate: g.name, ...a })));
  if (shots.length) {
    out.push('', '## Screenshots', '');
    for (const s of shots) out.push(`- ${escapeMarkdown(s.gate)} ${codeSpan(s.label)}: ${codeSpan(s.path)}`);
  }
  for (const w of report.warnings) out.push('', `> ${escapeMarkdown(w)}`);
  return `${out.join('\n')}\n`;
}
