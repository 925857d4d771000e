import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createProject, type InstalledRepo } from '../helpers/installed.js';

const repos: InstalledRepo[] = [];
function installed(files: Record<string, string> = {}): InstalledRepo {
  const r = createProject(files);
  repos.push(r);
  const i = r.cli(['install']);
  if (i.code !== 0) throw new Error(i.output);
  return r;
}
afterEach(() => {
  while (repos.length) repos.pop()!.remove();
});

describe('git commit through the installed hooks', () => {
  it('runs the pre-commit pipeline and reports each gate line and the diff stats', () => {
    const repo = installed();
    repo.write({ 'src/a.js': 'one\ntwo\nthree\n' });
    repo.gitOk('add', '.');
    const r = repo.commit('add the first source file');
    expect(r.code, r.output).toBe(0);
    expect(r.output).toMatch(/spark-guard pre-commit · \d+ files?, \d+ lines?/);
    expect(r.output).toContain('✓ passed');
  });

  it('SPARK_GUARD=0 makes the hooks a no-op, with one line saying so', () => {
    const repo = installed();
    repo.write({ 'a.txt': 'x\n' });
    repo.gitOk('add', '.');
    const r = repo.commit('a commit with hooks off', { SPARK_GUARD: '0' });
    expect(r.code).toBe(0);
    expect(r.output).toContain('SPARK_GUARD=0, pre-commit checks skipped');
    expect(r.output).not.toContain('spark-guard pre-commit ·');
  });

  it('SPARK_GUARD_SKIP names gates to skip, with a visible warning', () => {
    const repo = installed();
    repo.write({ 'a.txt': 'x\n' });
    repo.gitOk('add', '.');
    const r = repo.commit('a commit that skips diff', { SPARK_GUARD_SKIP: 'diff,nonsense' });
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain('skipping diff because SPARK_GUARD_SKIP asks to');
    expect(r.output).toContain('nonsense is not a gate');
  });

  it('a config with an unknown key blocks the commit with exit 2: file, key path, expectation, no stack', () => {
    const repo = installed();
    repo.write({ 'spark-guard.config.mjs': "export default { diff: { maxLine: 10, maxFiles: 'many' }, banned: { x: { pattern: '(' } } };\n", 'a.txt': 'x\n' });
    repo.gitOk('add', '.');
    const r = repo.commit('a commit with a broken config');
    expect(r.code).not.toBe(0);
    expect(r.output).toContain('invalid configuration in');
    expect(r.output).toContain('spark-guard.config.mjs');
    expect(r.output).toContain('diff.maxLine: expected no such key');
    expect(r.output).toContain('diff.maxFiles: expected an integer ≥ 1 or false, got "many"');
    expect(r.output).toContain('banned.x.pattern: expected a valid regular expression');
    expect(r.output).not.toMatch(/\n\s+at /);
    const check = repo.cli(['check']);
    expect(check.code).toBe(2);
  });

  it('extends a relative preset and a preset package in node_modules, with provenance in `config`', () => {
    const repo = installed();
    const pkgDir = path.join(path.dirname(repo.dir), 'node_modules/@acme/spark-guard-preset');
    fs.mkdirSync(pkgDir, { recursive: true });
    fs.writeFileSync(path.join(pkgDir, 'package.json'), JSON.stringify({ name: '@acme/spark-guard-preset', type: 'module', exports: { '.': { import: './index.js' } } }));
    fs.writeFileSync(path.join(pkgDir, 'index.js'), "export default { extends: 'spark-guard/presets/strict', diff: { maxFiles: 7 } };\n");
    repo.write({
      'presets/team.mjs': "export default { extends: '@acme/spark-guard-preset', diff: { maxLines: 42 } };\n",
      'spark-guard.config.mjs': "export default { extends: ['./presets/team.mjs'], commitMessage: { minLength: 3 } };\n",
    });
    const r = repo.cli(['config', '--json']);
    expect(r.code, r.output).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.config.diff.maxLines).toBe(42);
    expect(doc.config.diff.maxFiles).toBe(7);
    expect(doc.config.files.allowCreate).toBe(false);
    expect(doc.config.review.blockOn).toBe('warning');
    expect(doc.config.commitMessage.minLength).toBe(3);
    expect(doc.sources['diff.maxLines']).toMatch(/presets\/team\.mjs$/);
    expect(doc.sources['diff.maxFiles']).toMatch(/@acme\/spark-guard-preset\/index\.js$/);
    expect(doc.layers.map((l: string) => path.basename(l))).toEqual(['(defaults)', 'recommended.js', 'strict.js', 'index.js', 'team.mjs', 'spark-guard.config.mjs']);
    const human = repo.cli(['config']);
    expect(human.stdout).toContain('maxLines: 42  ← presets/team.mjs');
  });

  it('an extends cycle is a config error naming the files', () => {
    const repo = installed();
    repo.write({
      'a.mjs': "export default { extends: './b.mjs' };\n",
      'b.mjs': "export default { extends: './a.mjs' };\n",
      'spark-guard.config.mjs': "export default { extends: './a.mjs' };\n",
    });
    const r = repo.cli(['config']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/extends cycle: .*a\.mjs → .*b\.mjs → .*a\.mjs/);
  });
});
