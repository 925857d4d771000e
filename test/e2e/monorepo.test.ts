/** examples/monorepo as a real npm-workspaces repository: package scopes, package gates, a shared preset. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createRepo, makeTempDir, run, type TestRepo } from '../helpers/repo.js';

const example = path.resolve(import.meta.dirname, '../../examples/monorepo');
let repo: TestRepo;
let marks: string;

beforeAll(() => {
  repo = createRepo();
  fs.cpSync(example, repo.dir, { recursive: true });
  const pkg = JSON.parse(repo.read('package.json'));
  pkg.devDependencies['spark-guard'] = `file:${inject('tarball')}`;
  repo.write({ 'package.json': JSON.stringify(pkg, null, 2) });
  const i = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], repo.dir);
  if (i.code !== 0) throw new Error(i.output);
  const s = run('npx', ['--no-install', 'spark-guard', 'install', '--no-save'], repo.dir);
  if (s.code !== 0) throw new Error(s.output);
  repo.gitOk('add', '-A');
  const c = run('git', ['commit', '-q', '-m', 'the acme monorepo'], repo.dir, { SPARK_GUARD: '0' });
  if (c.code !== 0) throw new Error(c.output);
  marks = makeTempDir('spark-guard-marks-');
}, 180_000);
afterAll(() => {
  repo?.remove();
  fs.rmSync(marks, { recursive: true, force: true });
});

const env = () => ({ SPARK_GUARD_EXAMPLE_MARKS: marks });
const commit = (message: string) => run('git', ['commit', '-m', message], repo.dir, env());
const readMarks = (name: string) => (fs.existsSync(path.join(marks, name)) ? fs.readFileSync(path.join(marks, name), 'utf8') : '');
function reset() {
  for (const f of fs.readdirSync(marks)) fs.rmSync(path.join(marks, f));
}

describe('monorepo', () => {
  it('install at the root wires one set of hooks and writes no config into the packages', () => {
    expect(repo.gitOk('config', 'core.hooksPath').trim()).toBe('.husky/_');
    expect(repo.exists('packages/api/.husky')).toBe(false);
    expect(repo.read('packages/web/spark-guard.config.mjs')).toBe(fs.readFileSync(path.join(example, 'packages/web/spark-guard.config.mjs'), 'utf8'));
  });

  it("a package's gate runs in the package folder, only when that package is touched", () => {
    reset();
    repo.write({ 'packages/api/src/index.js': 'export function health() {\n  return { ok: true, v: 2 };\n}\n' });
    repo.gitOk('add', '-A');
    const r = commit('change the api health answer');
    expect(r.code, r.output).toBe(0);
    expect(r.output).toMatch(/✓ packages\/api › test\s+pass/);
    // A commit reads only the configs above its files: an untouched package's gate is not listed.
    expect(r.output).not.toMatch(/packages\/web › test/);
    expect(fs.realpathSync(readMarks('api').trim())).toBe(fs.realpathSync(path.join(repo.dir, 'packages/api')));
    expect(readMarks('web')).toBe('');
  });

  it('two packages touched run their gates at once', () => {
    reset();
    const waitFor = (other: string) =>
      `node -e "const fs=require('fs');fs.writeFileSync('${marks}/'+require('path').basename(process.cwd()),'');let n=0;const t=setInterval(()=>{if(fs.existsSync('${marks}/${other}'))process.exit(0);if(++n>80)process.exit(1)},100)"`;
    repo.write({
      'packages/api/spark-guard.config.mjs': `export default { extends: ['@acme/spark-guard-preset'], gates: { test: ${JSON.stringify(waitFor('web'))} } };\n`,
      'packages/web/spark-guard.config.mjs': `export default { extends: ['@acme/spark-guard-preset'], gates: { test: ${JSON.stringify(waitFor('api'))} } };\n`,
    });
    repo.gitOk('add', '-A');
    const r = commit('gates in both packages wait for each other');
    expect(r.code, r.output).toBe(0);
    expect(r.output).toMatch(/✓ packages\/api › test\s+pass/);
    expect(r.output).toMatch(/✓ packages\/web › test\s+pass/);
    repo.gitOk('checkout', 'HEAD~1', '--', 'packages/api/spark-guard.config.mjs', 'packages/web/spark-guard.config.mjs');
    repo.gitOk('commit', '-q', '-m', 'restore the package configs', '--no-verify');
  });

  it("a package's banned rule applies only below it; the shared preset's rules apply everywhere", () => {
    repo.write({ 'packages/api/src/log.js': 'console.log("x");\n', 'packages/web/src/log.js': 'console.log("fine in web");\n' });
    repo.gitOk('add', '-A');
    let r = commit('add logging to both packages');
    expect(r.code).toBe(1);
    expect(r.output).toContain('packages/api/src/log.js:1  no-console  Use the request logger in the API.');
    expect(r.output).not.toContain('packages/web/src/log.js');
    repo.gitOk('reset', '-q', 'HEAD', '--', 'packages/api/src/log.js');
    fs.rmSync(path.join(repo.dir, 'packages/api/src/log.js'));
    repo.write({ 'packages/web/src/page.test.js': 'it.only("x", () => {});\n' });
    repo.gitOk('add', '-A');
    r = commit('add a focused test in web');
    expect(r.code).toBe(1);
    expect(r.output).toContain('packages/web/src/page.test.js:1  no-only');
    repo.gitOk('reset', '-q', '--', 'packages/web');
    fs.rmSync(path.join(repo.dir, 'packages/web/src/page.test.js'));
    fs.rmSync(path.join(repo.dir, 'packages/web/src/log.js'));
  });

  it("the shared preset's limits apply through extends; config --file shows which config applies", () => {
    const doc = JSON.parse(run('npx', ['--no-install', 'spark-guard', 'config', '--json'], repo.dir).stdout);
    expect(doc.config.diff.maxLines).toBe(200);
    const which = run('npx', ['--no-install', 'spark-guard', 'config', '--file', 'packages/api/src/index.js'], repo.dir);
    expect(which.stdout).toContain('files, banned, secrets, gates: packages/api/spark-guard.config.mjs (gates run in packages/api/)');
    expect(which.stdout).toContain('diff, commitMessage, review:    spark-guard.config.mjs');
    const doctor = run('npx', ['--no-install', 'spark-guard', 'doctor'], repo.dir);
    expect(doctor.stdout).toContain('package configs (nearest applies to files below it): packages/api/spark-guard.config.mjs, packages/web/spark-guard.config.mjs');
  });

  it('check --base judges a multi-commit branch with the package rules', () => {
    repo.gitOk('checkout', '-q', '-b', 'feature');
    repo.write({ 'packages/api/src/a.js': 'export const a = 1;\n' });
    repo.gitOk('add', '-A');
    repo.gitOk('commit', '-q', '--no-verify', '-m', 'add a to the api package');
    repo.write({ 'packages/api/src/b.js': 'console.log("b");\n' });
    repo.gitOk('add', '-A');
    repo.gitOk('commit', '-q', '--no-verify', '-m', 'add b to the api package');
    const r = run('npx', ['--no-install', 'spark-guard', 'check', '--base', 'main', '--json'], repo.dir);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    const banned = doc.gates.find((g: { name: string }) => g.name === 'banned');
    expect(banned.findings).toEqual([expect.objectContaining({ file: 'packages/api/src/b.js', line: 1, rule: 'no-console' })]);
    expect(doc.gates.find((g: { name: string }) => g.name === 'diff').status).toBe('pass');
    repo.gitOk('checkout', '-q', 'main');
  });

  it("ignoreConfigs leaves another project's config out (an example, a fixture): its files follow the root config", () => {
    // A demo project inside the repository, whose config extends a package this repository does not install.
    repo.write({ 'demo/app/.spark-guardrc.json': JSON.stringify({ extends: '@elsewhere/preset' }), 'demo/app/run.sh': 'rm -rf /\n' });
    repo.gitOk('add', 'demo');
    const broken = commit('add the demo app');
    expect(broken.code, broken.output).toBe(1); // the hook's exit 2 (a config error), as git reports it
    expect(broken.output).toContain("extends '@elsewhere/preset'");
    const root = repo.read('spark-guard.config.mjs');
    repo.write({ 'spark-guard.config.mjs': root.replace('export default {', "export default {\n  ignoreConfigs: ['demo/**'],") });
    repo.gitOk('add', 'spark-guard.config.mjs');
    const judged = commit('add the demo app');
    expect(judged.code, judged.output).toBe(1); // judged by the root config: the shared preset's rm-rf rule
    expect(judged.output).toContain('demo/app/run.sh:1');
    expect(judged.output).toContain('rm-rf');
    repo.gitOk('reset', '-q', '--hard', 'HEAD');
    repo.gitOk('clean', '-qfd', 'demo');
  });
});
