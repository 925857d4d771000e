import { describe, expect, it } from 'vitest';
import { buildPrompt, estimateTokens, splitSections } from '../../../src/review/prompt.js';
import type { ChangedFile } from '../../../src/diff/model.js';
import type { ReviewConfig } from '../../../src/config/types.js';

const review = (over: Partial<ReviewConfig> = {}): ReviewConfig => ({
  enabled: true, provider: 'openai', model: 'm', apiKeyEnv: 'OPENAI_API_KEY', api: 'responses', timeoutMs: 1000, firstByteMs: 1000,
  blockOn: 'error', onUnavailable: 'warn', maxDiffTokens: 2000, exclude: [], instructions: '', ...over,
});
const file = (path: string, added: number): ChangedFile => ({ path, status: 'A', added, deleted: 0, binary: false, oldMode: '000000', newMode: '100644', oldBlob: '0', newBlob: '1', submodule: false });
const section = (path: string, lines: string[]) =>
  `diff --git a/${path} b/${path}\nnew file mode 100644\n--- /dev/null\n+++ b/${path}\n@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join('\n')}\n`;

describe('buildPrompt', () => {
  it('never exceeds maxDiffTokens, even with 1,000 files and long instructions', () => {
    const files = Array.from({ length: 1000 }, (_, i) => file(`src/module-with-a-long-name-${i}.js`, 3));
    const patch = files.map((f) => section(f.path, ['a', 'b', 'c'])).join('');
    const p = buildPrompt({ patch, files, gates: [], review: review({ instructions: 'Be strict. '.repeat(2000) }), ignore: [] });
    expect(estimateTokens(p.system) + estimateTokens(p.user)).toBeLessThanOrEqual(2000);
    expect(p.leftOut.length).toBeGreaterThan(0);
  });

  it('is deterministic, redacts secrets, frames the diff, and prefers source over tests', () => {
    const key = ['AKIA', 'QX7Z', 'M3P9', 'R2TB', 'W5KD'].join('');
    const files = [file('test/a.test.js', 1), file('src/a.js', 1)];
    const patch = section('test/a.test.js', ['x'.repeat(3000)]) + section('src/a.js', [`const k = "${key}";`]);
    const input = { patch, files, gates: [], review: review({ maxDiffTokens: 1500 }), ignore: [] };
    const p = buildPrompt(input);
    expect(buildPrompt(input)).toEqual(p);
    expect(p.user).not.toContain(key);
    expect(p.user).toContain('[REDACTED]');
    expect(p.user).toMatch(/BEGIN SPARK-GUARD-DATA-[0-9a-f]{24}\n[\s\S]*src\/a\.js[\s\S]*END SPARK-GUARD-DATA-[0-9a-f]{24}$/);
    expect(p.leftOut).toContain('test/a.test.js: 1 of 1 hunk (size)');
  });

  it('pairs each section with the file named in its own header, not by position (lint-staged may empty a staged diff)', () => {
    const files = [file('a.js', 1), file('b c.js', 1), file('private/keys.txt', 1), file('we"ird\tname.js', 1), file('new/name.js', 0)];
    const renamed = 'diff --git a/old/name.js b/new/name.js\nsimilarity index 100%\nrename from old/name.js\nrename to new/name.js\n';
    const quoted = 'diff --git "a/we\\"ird\\tname.js" "b/we\\"ird\\tname.js"\nnew file mode 100644\n--- /dev/null\n+++ "b/we\\"ird\\tname.js"\n@@ -0,0 +1 @@\n+quoted\n';
    // a.js's section is gone: a lint-staged fix made its staged content equal to HEAD's.
    const patch = section('b c.js', ['const b = 1;']) + section('private/keys.txt', ['PRIVATE DATA']) + quoted + renamed;
    const p = buildPrompt({ patch, files, gates: [], review: review({ exclude: ['private/**'] }), ignore: [] });
    expect(p.user).not.toContain('PRIVATE DATA');
    expect(p.leftOut).toEqual(['private/keys.txt (excluded)']);
    expect(p.user).toContain('+const b = 1;');
    expect(p.user).toContain('+quoted');
    expect(splitSections(patch, files).map((s) => s.file.path)).toEqual(['b c.js', 'private/keys.txt', 'we"ird\tname.js', 'new/name.js']);
  });
});
