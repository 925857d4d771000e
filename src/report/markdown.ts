/** The readiness report as Markdown: what `last-report.md`, the git note and `spark-guard report` hold. */
import { formatMs } from './human.js';
import type { Report } from './report.js';

export function renderMarkdown(report: Report, title = 'spark-guard readiness report'): string {
  const out: string[] = [`# ${title}`, ''];
  const r = report.review;
  out.push(`**${report.ok ? 'passed' : 'blocked'}** · ${report.diff.files} files, ${report.diff.lines} lines · ${formatMs(report.ms)}`, '');
  if (r) {
    out.push(`## Review (${r.model}): ${r.verdict}`, '', r.summary, '');
    for (const f of r.findings) out.push(`- **${f.severity}** \`${f.line === null ? f.file : `${f.file}:${f.line}`}\` ${f.title}${f.detail ? ` — ${f.detail}` : ''}`);
    if (r.findings.length) out.push('');
  }
  out.push('## Gates', '', '| gate | status | time | note |', '| --- | --- | --- | --- |');
  for (const g of report.gates) out.push(`| ${g.name} | ${g.status} | ${g.status === 'skip' ? '' : formatMs(g.ms)} | ${g.message.replace(/\|/g, '\\|')} |`);
  const shots = report.gates.flatMap((g) => (g.artifacts ?? []).filter((a) => a.kind === 'screenshot').map((a) => ({ gate: g.name, ...a })));
  if (shots.length) {
    out.push('', '## Screenshots', '');
    for (const s of shots) out.push(`- ${s.gate} \`${s.label}\`: ${s.path}`);
  }
  for (const w of report.warnings) out.push('', `> ${w}`);
  return `${out.join('\n')}\n`;
}
