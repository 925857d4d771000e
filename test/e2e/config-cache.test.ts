/**
 * The resolved config is cached between hook runs; the rules a commit is judged by must still be
 * the ones on disk, including what the config file imports (issue 15, bug 1).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createProject, type InstalledRepo } from '../helpers/installed.js';

const repos: InstalledRepo[] = [];
afterAll(() => {
  for (const r of repos) r.remove();
});

function project(files: Record<string, string>): InstalledRepo {
  const repo = createProject({ 'README.md': '# demo\n', ...files });
  repos.push(repo);
  const install = repo.cli(['install', '--no-save']);
  if (install.code !== 0) throw new Error(install.output);
  repo.gitOk('add', '-A');
  const first = repo.commit('initial commit of the demo project', { SPARK_GUARD: '0' });
  if (first.code !== 0) throw new Error(first.output);
  return repo;
}

const lines = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag} line ${i + 1}`).join('\n') + '\n';

describe('config cache: keyed on every local file the config loaded', () => {
  it('lowering maxLines in a module imported two levels down takes effect in the next commit', () => {
    const repo = project({
      'spark-guard.config.mjs': "import { maxLines } from './config/limits.mjs';\nexport default { diff: { maxLines } };\n",
      'config/limits.mjs': "import { base } from './base.mjs';\nexport const maxLines = base;\n",
      'config/base.mjs': 'export const base = 1000;\n',
    });
    repo.write({ 'a.txt': lines(20, 'a') });
    repo.gitOk('add', 'a.txt');
    const passed = repo.commit('add twenty lines under the generous limit');
    expect(passed.code, passed.output).toBe(0);

    repo.write({ 'config/base.mjs': 'export const base = 5;\n' });
    repo.write({ 'b.txt': lines(20, 'b') });
    repo.gitOk('add', 'b.txt');
    const blocked = repo.commit('add twenty lines over the lowered limit');
    expect(blocked.code, blocked.output).toBe(1);
    expect(blocked.output).toContain('more than diff.maxLines (5)');
  });

  it('a CommonJS config: a changed required module takes effect too', () => {
    const repo = project({
      'spark-guard.config.cjs': "const { maxLines } = require('./limits.cjs');\nmodule.exports = { diff: { maxLines } };\n",
      'limits.cjs': 'module.exports = { maxLines: 1000 };\n',
    });
    repo.write({ 'a.txt': lines(20, 'a') });
    repo.gitOk('add', 'a.txt');
    expect(repo.cli(['check', '--staged']).code).toBe(0);
    repo.write({ 'limits.cjs': 'module.exports = { maxLines: 5 };\n' });
    const blocked = repo.cli(['check', '--staged']);
    expect(blocked.code, blocked.output).toBe(1);
  });
});
