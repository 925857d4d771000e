/** GitHub Actions workflow commands: one `::error file=…,line=…::` per finding of a failed gate. */
import type { Report } from './report.js';

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function renderGithubAnnotations(report: Report): string {
  const out: string[] = [];
  for (const gate of report.gates) {
    if (gate.status !== 'fail' && gate.status !== 'warn') continue;
    const level = gate.status === 'fail' ? 'error' : 'warning';
    const findings = gate.findings.length ? gate.findings : [{ file: '', line: null, rule: gate.name, message: gate.message }];
    for (const f of findings) {
      const props = [f.file ? `file=${escapeProperty(f.file)}` : '', f.line !== null && f.file ? `line=${f.line}` : '', `title=${escapeProperty(`spark-guard ${gate.name}: ${f.rule}`)}`];
      out.push(`::${level} ${props.filter(Boolean).join(',')}::${escapeData(f.message)}`);
    }
  }
  return out.length ? `${out.join('\n')}\n` : '';
}
