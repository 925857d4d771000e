/**
 * The readiness report as one self-contained HTML page (`spark-guard report --html`): verdict,
 * summary, findings linked to file:line, the gates as a small timeline, diff stats, screenshots
 * inline as data URIs. Built from the §7 JSON document (last-report.json). Every text that comes
 * from the change or the model is escaped; nothing is loaded from the network.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The §7 JSON document as last-report.json holds it (the fields this page reads). */
export interface ReportDoc {
  ok: boolean;
  diff: { files: number; lines: number };
  gates: {
    name: string;
    status: string;
    ms: number;
    message: string;
    findings: { file: string; line: number | null; rule: string; message: string }[];
    artifacts?: { kind: string; path: string; label: string }[];
  }[];
  review: null | { verdict: string; summary: string; model: string; findings: { severity: string; file: string; line: number | null; title: string; detail: string }[] };
  warnings?: string[];
  ms: number;
}

export function escapeHtml(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** A PNG as a data URI, or null when the file is gone (screenshots are pruned). */
function dataUri(file: string): string | null {
  try {
    return `data:image/png;base64,${fs.readFileSync(file).toString('base64')}`;
  } catch {
    return null;
  }
}

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1b1f24}
h1{font-size:1.4rem;margin:0 0 .3rem}h2{font-size:1.1rem;margin:1.6rem 0 .5rem}
.verdict{display:inline-block;padding:.15rem .6rem;border-radius:4px;color:#fff;font-weight:600}
.pass,.cached{color:#1a7f37}.fail{color:#cf222e}.warn{color:#9a6700}.skip{color:#6e7781}
.verdict.ok{background:#1a7f37}.verdict.blocked{background:#cf222e}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #d0d7de;vertical-align:top}
.bar{height:.8rem;background:#8c959f;border-radius:2px;min-width:2px}.bar.fail{background:#cf222e}.bar.pass,.bar.cached{background:#2da44e}.bar.warn{background:#bf8700}
.timeline{width:40%}code{font:12px ui-monospace,monospace}
figure{display:inline-block;margin:0 1rem 1rem 0;vertical-align:top}figure img{max-width:480px;border:1px solid #d0d7de}
ul.findings li{margin:.2rem 0}.muted{color:#6e7781}`;

export function renderHtml(doc: ReportDoc, options: { title?: string; root?: string } = {}): string {
  const title = options.title ?? 'spark-guard readiness report';
  const link = (file: string, line: number | null) => {
    const where = line === null ? file : `${file}:${line}`;
    // Repository paths link to the file; a page ('/about') or a URL is shown as it is.
    if (!file || !options.root || file.startsWith('/') || file.includes('://')) return `<code>${escapeHtml(where)}</code>`;
    const href = `${pathToFileURL(path.join(options.root, file)).href}${line === null ? '' : `#L${line}`}`;
    return `<a href="${escapeHtml(href)}"><code>${escapeHtml(where)}</code></a>`;
  };
  const out: string[] = [];
  out.push('<!doctype html>', '<html lang="en"><head><meta charset="utf-8">', `<title>${escapeHtml(title)}</title>`, `<style>${STYLE}</style></head><body>`);
  out.push(`<h1>${escapeHtml(title)}</h1>`);
  out.push(
    `<p><span class="verdict ${doc.ok ? 'ok' : 'blocked'}">${doc.ok ? 'passed' : 'blocked'}</span> ` +
      `<span class="muted">${doc.diff.files} file${doc.diff.files === 1 ? '' : 's'}, ${doc.diff.lines} line${doc.diff.lines === 1 ? '' : 's'} changed · ${escapeHtml(formatMs(doc.ms))}</span></p>`,
  );
  const failed = doc.gates.filter((g) => g.status === 'fail').map((g) => g.name);
  out.push(`<p id="summary">${failed.length ? `Blocked by ${escapeHtml(failed.join(', '))}.` : 'Every gate passed.'}</p>`);
  for (const w of doc.warnings ?? []) out.push(`<p class="warn">! ${escapeHtml(w)}</p>`);

  if (doc.review) {
    const r = doc.review;
    out.push(`<h2>Review (${escapeHtml(r.model)}): ${escapeHtml(r.verdict)}</h2>`, `<p>${escapeHtml(r.summary)}</p>`);
    if (r.findings.length) {
      out.push('<ul class="findings">');
      for (const f of r.findings) out.push(`<li><strong class="${f.severity === 'error' ? 'fail' : f.severity === 'warning' ? 'warn' : 'skip'}">${escapeHtml(f.severity)}</strong> ${link(f.file, f.line)} ${escapeHtml(f.title)}${f.detail ? ` — ${escapeHtml(f.detail)}` : ''}</li>`);
      out.push('</ul>');
    }
  }

  const findings = doc.gates.flatMap((g) => g.findings.map((f) => ({ gate: g.name, ...f })));
  out.push('<h2>Findings</h2>');
  if (!findings.length) out.push('<p class="muted">none</p>');
  else {
    out.push('<ul class="findings" id="findings">');
    for (const f of findings.slice(0, 500)) out.push(`<li><span class="muted">${escapeHtml(f.gate)}</span> ${link(f.file, f.line)} <code>${escapeHtml(f.rule)}</code> ${escapeHtml(f.message)}</li>`);
    if (findings.length > 500) out.push(`<li class="muted">… and ${findings.length - 500} more (see last-report.json)</li>`);
    out.push('</ul>');
  }

  const longest = Math.max(1, ...doc.gates.map((g) => g.ms));
  out.push('<h2>Gates</h2>', '<table id="gates"><tr><th>gate</th><th>status</th><th>time</th><th class="timeline">timeline</th><th>note</th></tr>');
  for (const g of doc.gates) {
    const width = g.status === 'skip' ? 0 : Math.max(0.5, (100 * g.ms) / longest);
    out.push(
      `<tr><td>${escapeHtml(g.name)}</td><td class="${escapeHtml(g.status)}">${escapeHtml(g.status)}</td><td>${g.status === 'skip' ? '' : escapeHtml(formatMs(g.ms))}</td>` +
        `<td class="timeline">${width ? `<div class="bar ${escapeHtml(g.status)}" style="width:${width.toFixed(1)}%"></div>` : ''}</td><td>${escapeHtml(g.message)}</td></tr>`,
    );
  }
  out.push('</table>');

  const shots = doc.gates.flatMap((g) => (g.artifacts ?? []).filter((a) => a.kind === 'screenshot').map((a) => ({ gate: g.name, ...a })));
  if (shots.length) {
    out.push('<h2>Screenshots</h2>', '<div id="screenshots">');
    for (const s of shots) {
      const uri = dataUri(s.path);
      const caption = `${escapeHtml(s.gate)} <code>${escapeHtml(s.label)}</code>`;
      out.push(uri ? `<figure><img alt="${escapeHtml(`${s.gate} ${s.label}`)}" src="${uri}"><figcaption>${caption}</figcaption></figure>` : `<p class="muted">${caption}: ${escapeHtml(s.path)} (no longer on disk)</p>`);
    }
    out.push('</div>');
  }
  out.push('</body></html>');
  return `${out.join('\n')}\n`;
}

/** A commit's report known only as the Markdown of its git note: shown as it is, escaped. */
export function renderMarkdownAsHtml(markdown: string, title: string): string {
  const blocked = /\*\*blocked\*\*/.test(markdown);
  return [
    '<!doctype html>',
    `<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>`,
    `<h1>${escapeHtml(title)}</h1>`,
    `<p><span class="verdict ${blocked ? 'blocked' : 'ok'}">${blocked ? 'blocked' : 'passed'}</span></p>`,
    `<pre>${escapeHtml(markdown)}</pre>`,
    '</body></html>',
    '',
  ].join('\n');
}
