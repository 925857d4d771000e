import { describe, expect, it } from 'vitest';
import { renderHuman } from '../../../src/report/human.js';
import { renderJson } from '../../../src/report/json.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { buildReport } from '../../../src/report/report.js';
import { makeStyle } from '../../../src/report/style.js';

const report = buildReport({
  diff: { files: 3, lines: 102 },
  gates: [
    { name: 'diff', status: 'pass', ms: 2, message: '', findings: [] },
    { name: 'banned', status: 'fail', ms: 1, message: '1 banned command', findings: [{ file: 'run.sh', line: 3, rule: 'rm-rf', message: 'rm -rf /' }] },
    { name: 'test', status: 'skip', ms: 0, message: 'not run: banned blocked first', findings: [] },
  ],
  warnings: ['skipping lint because SPARK_GUARD_SKIP asks to'],
  ms: 40,
});

describe('renderers', () => {
  it("human: a gate's output tail keeps its tool's colours only when ours are on", () => {
    const tail = '\u001b[31mFAIL\u001b[39m src/a.test.ts > adds\n\u001b[2mExpected\u001b[22m 2\u001b]8;;https://x\u0007link\u001b]8;;\u0007';
    const coloured = buildReport({ diff: { files: 1, lines: 1 }, gates: [{ name: 'test', status: 'fail', ms: 5, message: 'exit 1', findings: [], details: tail }], warnings: [], ms: 5 });
    const plain = renderHuman(coloured, makeStyle(false), 'pre-commit');
    expect(plain).toContain('FAIL src/a.test.ts > adds');
    expect(plain).toContain('Expected 2');
    expect(plain).toContain('link');
    expect(plain).not.toContain('\u001b');
    expect(renderHuman(coloured, makeStyle(true), 'pre-commit')).toContain('\u001b[31mFAIL');
  });

  it('human: a line per gate with status and time, findings as path:line, a verdict line; no colour when off', () => {
    const text = renderHuman(report, makeStyle(false), 'pre-commit');
    expect(text).toContain('spark-guard pre-commit · 3 files, 102 lines');
    expect(text).toMatch(/✓ diff\s+pass\s+2 ms/);
    expect(text).toMatch(/✗ banned\s+fail\s+1 ms\s+1 banned command/);
    expect(text).toContain('run.sh:3  rm-rf  rm -rf /');
    expect(text).toMatch(/- test\s+skip\s+not run: banned blocked first/);
    expect(text).toContain('! skipping lint');
    expect(text).toContain('✗ blocked by banned · 40 ms');
    expect(text).not.toContain('\u001b[');
    expect(renderHuman(report, makeStyle(true), 'x')).toContain('\u001b[31m');
  });

  it('json: the §7 document', () => {
    const doc = JSON.parse(renderJson(report));
    expect(doc.ok).toBe(false);
    expect(doc.diff).toEqual({ files: 3, lines: 102 });
    expect(doc.review).toBeNull();
    expect(doc.gates[1]).toEqual({ name: 'banned', status: 'fail', ms: 1, message: '1 banned command', findings: [{ file: 'run.sh', line: 3, rule: 'rm-rf', message: 'rm -rf /' }] });
  });

  it('markdown: model text cannot inject links, HTML, emphasis or headings into last-report.md / the git note', () => {
    const hostile = buildReport({
      diff: { files: 1, lines: 2 },
      gates: [{ name: 'review', status: 'warn', ms: 5, message: 'needs_work | 1 finding <b>', findings: [] }],
      review: {
        verdict: 'needs_work',
        model: 'm',
        summary: '# Ready to merge\n\n[approve here](https://evil.example) <img src=x onerror=alert(1)>\n- fake item',
        findings: [{ severity: 'warning', file: 'src/a`b.js', line: 3, title: '**error** [click](javascript:alert(1))', detail: 'see\n## Fake heading\n<script>x</script> &amp; ![i](http://x/i.png)' }],
      },
      ms: 9,
    });
    const md = renderMarkdown(hostile);
    expect(md).not.toMatch(/(^|[^\\])\[(approve here|click|i)\]\(/);
    expect(md).not.toMatch(/(^|[^\\])<(img|script|b)\b/);
    expect(md).not.toMatch(/(^|[^\\])&amp;/);
    expect(md).not.toMatch(/(^|[^\\])\*\*error\*\*/);
    expect(md.split('\n').filter((l) => /^#/.test(l))).toEqual(['# spark-guard readiness report', '## Review (m): needs\\_work', '## Gates']);
    expect(md.split('\n').filter((l) => /^\s*- /.test(l))).toHaveLength(1); // the one finding; no injected item
    expect(md).toContain('``src/a`b.js:3``');
    expect(md).toContain('needs\\_work \\| 1 finding \\<b\\>');
  });
});
