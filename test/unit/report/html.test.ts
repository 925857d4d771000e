import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderHtml, type ReportDoc } from '../../../src/report/html.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

function doc(over: Partial<ReportDoc> = {}): ReportDoc {
  return { ok: false, diff: { files: 2, lines: 14 }, gates: [], review: null, warnings: [], ms: 1234, ...over };
}

describe('renderHtml', () => {
  it('escapes text from the change and the model: nothing becomes markup', () => {
    const evil = '<img src=x onerror=alert(1)>"\'&';
    const html = renderHtml(
      doc({
        gates: [{ name: 'review', status: 'fail', ms: 10, message: evil, findings: [{ file: `a${evil}.ts`, line: 3, rule: evil, message: evil }] }],
        review: { verdict: evil, summary: evil, model: evil, findings: [{ severity: 'error', file: 'src/a.ts', line: 1, title: evil, detail: evil }] },
        warnings: [evil],
      }),
      { root: '/repo' },
    );
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;&#34;&#39;&#38;');
    expect(html).not.toMatch(/<script/i);
  });

  it('shows the verdict, diff stats, findings linked to file:line, each gate as a timeline bar', () => {
    const html = renderHtml(
      doc({
        gates: [
          { name: 'secrets', status: 'fail', ms: 20, message: '1 secret', findings: [{ file: 'src/a.ts', line: 7, rule: 'secrets/aws', message: 'an AWS key' }] },
          { name: 'test', status: 'pass', ms: 1000, message: '', findings: [] },
          { name: 'review', status: 'skip', ms: 0, message: 'not run', findings: [] },
        ],
      }),
      { root: '/repo' },
    );
    expect(html).toContain('>blocked<');
    expect(html).toContain('2 files, 14 lines changed');
    expect(html).toContain('<a href="file:///repo/src/a.ts#L7"><code>src/a.ts:7</code></a>');
    expect(html).toContain('style="width:100.0%"');
    expect(html).toContain('style="width:2.0%"');
    expect(html.match(/class="bar /g)).toHaveLength(2);
  });

  it('inlines screenshots as data URIs, and says when one is no longer on disk', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-guard-html-'));
    const shot = path.join(dir, 'root.png');
    fs.writeFileSync(shot, PNG);
    const html = renderHtml(
      doc({
        gates: [
          {
            name: 'browser',
            status: 'pass',
            ms: 900,
            message: '',
            findings: [],
            artifacts: [
              { kind: 'screenshot', path: shot, label: '/' },
              { kind: 'screenshot', path: path.join(dir, 'gone.png'), label: '/gone' },
            ],
          },
        ],
      }),
    );
    fs.rmSync(dir, { recursive: true, force: true });
    expect(html).toContain(`src="data:image/png;base64,${PNG.toString('base64')}"`);
    expect(html).toContain('(no longer on disk)');
  });
});
