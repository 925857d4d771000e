import { describe, expect, it } from 'vitest';
import { renderHuman } from '../../../src/report/human.js';
import { renderJson } from '../../../src/report/json.js';
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
});
