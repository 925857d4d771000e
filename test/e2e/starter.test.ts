/**
 * The starter config install writes, in projects shaped like real ones (issue 14.3): the package
 * manager the lockfile shows, only the related tests where the runner supports it, `when` globs
 * that fit the sources, the project's own typecheck script first.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createProject, type InstalledRepo } from '../helpers/installed.js';

const repos: InstalledRepo[] = [];
function project(...args: Parameters<typeof createProject>): InstalledRepo {
  const r = createProject(...args);
  repos.push(r);
  return r;
}
afterEach(() => {
  while (repos.length) repos.pop()!.remove();
});

describe('the starter config', () => {
  it('in a pnpm workspace with vitest: pnpm, related tests only, the typecheck script, globs that fit the sources', () => {
    const repo = project(
      { 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n", 'pnpm-workspace.yaml': "packages:\n  - 'packages/*'\n", 'tsconfig.json': '{}\n', 'packages/a/src/a.ts': 'export const a = 1;\n', 'scripts/release.sh': 'echo release\n' },
      { scripts: { test: 'vitest run', typecheck: 'tsc -b' }, devDependencies: { vitest: '^3.0.0', typescript: '^5.0.0' } },
    );
    const r = repo.cli(['install', '--no-save']);
    expect(r.code, r.output).toBe(0);
    const config = repo.read('spark-guard.config.mjs');
    expect(config).toContain("run: 'pnpm exec vitest related --run --passWithNoTests {files}'");
    expect(config).toContain("run: 'pnpm run typecheck'");
    expect(config).not.toMatch(/(?<!p)npm (test|run)|npx/);
    expect(config).toMatch(/test: \{ run: [^\n]*, when: \[[^\n]*\*\.ts/);

    // A shell-script or docs-only commit pays for neither gate (pnpm is not even needed for that).
    repo.gitOk('add', '-A');
    expect(repo.commit('the workspace before any rule', { SPARK_GUARD: '0' }).code).toBe(0);
    repo.write({ 'scripts/release.sh': 'echo release v2\n', 'README.md': '# docs\n' });
    repo.gitOk('add', '-A');
    const c = repo.commit('document the release script');
    expect(c.code, c.output).toBe(0);
    expect(c.output).toMatch(/- test\s+skip\s+no staged file matches/);
    expect(c.output).toMatch(/- types\s+skip\s+no staged file matches/);
  });

  it('with jest and npm: only the related tests; without a typecheck script: tsc --noEmit through npx', () => {
    const repo = project({ 'package-lock.json': '{}\n', 'tsconfig.json': '{}\n', 'lib/index.js': 'module.exports = 1;\n', 'lib/index.test.js': '' }, { scripts: { test: 'jest' }, devDependencies: { jest: '^29.0.0' } });
    expect(repo.cli(['install', '--no-save']).code).toBe(0);
    const config = repo.read('spark-guard.config.mjs');
    expect(config).toContain("run: 'npx jest --findRelatedTests --passWithNoTests {files}'");
    expect(config).toContain("run: 'npx tsc --noEmit'");
    expect(config).toMatch(/when: \['\*\*\/\*\.js'/);
  });

  it('with yarn and a test runner it does not know: the whole suite, but only when sources change', () => {
    const repo = project({ 'yarn.lock': '', 'src/main.js': 'console.log(1);\n' }, { scripts: { test: 'node test.js' } });
    expect(repo.cli(['install', '--no-save']).code).toBe(0);
    const config = repo.read('spark-guard.config.mjs');
    expect(config).toContain("test: { run: 'yarn test', when: [");
    expect(config).toContain("'package.json'");
  });
});
