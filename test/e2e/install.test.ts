import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createProject, type InstalledRepo } from '../helpers/installed.js';
import { makeTempDir, run, snapshotFiles } from '../helpers/repo.js';

const repos: InstalledRepo[] = [];
function project(...args: Parameters<typeof createProject>): InstalledRepo {
  const r = createProject(...args);
  repos.push(r);
  return r;
}
afterEach(() => {
  while (repos.length) repos.pop()!.remove();
});

const PRE_COMMIT_LINE = 'spark-guard run pre-commit "$@"';

describe('spark-guard install', () => {
  it('wires husky, the three hook lines, prepare and a starter config with the detected gates', () => {
    const repo = project({ 'tsconfig.json': '{}\n', 'src/a.ts': 'export const a = 1;\n' }, { scripts: { test: 'node -e 0' } });
    const r = repo.cli(['install']);
    expect(r.code, r.output).toBe(0);
    expect(repo.gitOk('config', 'core.hooksPath').trim()).toBe('.husky/_');
    expect(repo.exists('.husky/_/h')).toBe(true);
    expect(repo.read('.husky/pre-commit')).toContain(PRE_COMMIT_LINE);
    expect(repo.read('.husky/commit-msg')).toContain('spark-guard-commit-msg "$@"');
    expect(repo.read('.husky/post-commit')).toContain('spark-guard run post-commit "$@"');
    expect(JSON.parse(repo.read('package.json')).scripts.prepare).toBe('husky');
    const config = repo.read('spark-guard.config.mjs');
    expect(config).toContain("extends: ['spark-guard/presets/recommended']");
    expect(config).toContain("test: { run: 'npm test', when: ['**/*.ts', 'package.json'] }");
    expect(config).toContain("run: 'npx tsc --noEmit'");
  });

  it('is idempotent: a second run changes no byte and says so', () => {
    const repo = project({}, { scripts: { test: 'node -e 0' } });
    expect(repo.cli(['install']).code).toBe(0);
    const files = snapshotFiles(repo.dir);
    const hooks = snapshotFiles(path.join(repo.dir, '.husky'));
    const gitConfig = repo.read('.git/config');
    const again = repo.cli(['install']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already installed');
    expect(again.stdout).toContain('nothing to change');
    expect(snapshotFiles(repo.dir)).toEqual(files);
    expect(snapshotFiles(path.join(repo.dir, '.husky'))).toEqual(hooks);
    expect(repo.read('.git/config')).toBe(gitConfig);
  });

  it('keeps existing hook content and an existing prepare script, adding its line once', () => {
    const repo = project({ '.husky/pre-commit': 'echo "custom check ran"\n' }, { scripts: { prepare: 'node build.js' } });
    expect(repo.cli(['install']).code).toBe(0);
    const hook = repo.read('.husky/pre-commit');
    expect(hook.startsWith('echo "custom check ran"\n')).toBe(true);
    expect(hook.split(PRE_COMMIT_LINE).length - 1).toBe(1);
    expect(JSON.parse(repo.read('package.json')).scripts.prepare).toBe('node build.js && husky');
    repo.write({ 'a.txt': 'hello\n' });
    repo.gitOk('add', 'a.txt');
    const commit = repo.commit('add a greeting file');
    expect(commit.code, commit.output).toBe(0);
    expect(commit.output).toContain('custom check ran');
    expect(commit.output).toContain('spark-guard');
  });

  it("replaces an earlier version's hook line where it stands (doctor warns of it first); uninstall removes either", () => {
    const earlier = '[ "${SPARK_GUARD-}" = 0 ] && echo "spark-guard: SPARK_GUARD=0, commit-msg checks skipped." || spark-guard run commit-msg "$@"';
    const repo = project({}, { scripts: { test: 'node -e 0' } });
    expect(repo.cli(['install']).code).toBe(0);
    repo.write({ '.husky/commit-msg': `echo before\n${earlier}\necho after\n` });
    const doctor = repo.cli(['doctor']);
    expect(doctor.stdout).toContain("an earlier version's hook line in .husky/commit-msg: it works, only slower");
    expect(doctor.stdout).not.toContain('hook line missing');
    const r = repo.cli(['install']);
    expect(r.code, r.output).toBe(0);
    expect(r.stdout).toContain("update the spark-guard line in .husky/commit-msg (an earlier version's)");
    const hook = repo.read('.husky/commit-msg');
    expect(hook).toBe(`echo before\n${hook.split('\n')[1]}\necho after\n`);
    expect(hook).toContain('then spark-guard-commit-msg "$@"');
    expect(hook).not.toContain(earlier);
    expect(repo.cli(['install']).stdout).toContain('nothing to change');
    const earlierPost = '[ "${SPARK_GUARD-}" = 0 ] || [ ! -f "$(git rev-parse --git-dir)/spark-guard/note-pending" ] || spark-guard run post-commit "$@"';
    repo.write({ '.husky/post-commit': `${earlierPost}\n` });
    expect(repo.cli(['install']).stdout).toContain("update the spark-guard line in .husky/post-commit (an earlier version's)");
    expect(repo.read('.husky/post-commit')).not.toContain('$(git rev-parse --git-dir)/spark-guard');
    repo.write({ '.husky/commit-msg': `${earlier}\necho mine\n`, '.husky/post-commit': `${earlierPost}\necho mine too\n` });
    expect(repo.cli(['uninstall']).code).toBe(0);
    expect(repo.read('.husky/commit-msg')).toBe('echo mine\n');
    expect(repo.read('.husky/post-commit')).toBe('echo mine too\n');
  });

  it('works from a sub-folder: everything lands at the repository root', () => {
    const repo = project({ 'packages/app/index.js': 'x\n' });
    const r = repo.cli(['install'], {}, path.join(repo.dir, 'packages/app'));
    expect(r.code, r.output).toBe(0);
    expect(repo.exists('.husky/pre-commit')).toBe(true);
    expect(repo.exists('spark-guard.config.mjs')).toBe(true);
    expect(repo.exists('packages/app/.husky')).toBe(false);
  });

  it('--dry-run prints the plan and changes nothing', () => {
    const repo = project();
    const before = snapshotFiles(repo.dir);
    const r = repo.cli(['install', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('would wire git hooks through husky');
    expect(r.stdout).toContain('would create .husky/pre-commit');
    expect(r.stdout).toContain('would write spark-guard.config.mjs');
    expect(snapshotFiles(repo.dir)).toEqual(before);
    expect(repo.git('config', 'core.hooksPath').code).toBe(1);
  });

  it('outside a git work tree: exit 2 with "not a git repository"', () => {
    const dir = makeTempDir();
    try {
      const repo = project();
      const r = run(path.join(repo.dir, 'node_modules/.bin/spark-guard'), ['install'], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('not a git repository');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('works in a repository without package.json, calling spark-guard from PATH', () => {
    const repo = project({ 'README.md': '# hi\n' }, {}, { packageJson: false });
    const r = repo.cli(['install']);
    expect(r.code, r.output).toBe(0);
    expect(repo.exists('package.json')).toBe(false);
    repo.gitOk('add', 'README.md');
    const commit = repo.commit('add a readme file');
    expect(commit.code, commit.output).toBe(0);
    expect(commit.output).toContain('spark-guard pre-commit');
  });

  it('installs from a linked worktree, and doctor reports worktrees whose hooks would not run', () => {
    const repo = project({ 'a.txt': 'a\n' });
    repo.gitOk('add', '.');
    repo.gitOk('commit', '-q', '-m', 'initial commit');
    const wt = path.join(path.dirname(repo.dir), 'wt');
    repo.gitOk('worktree', 'add', '-q', wt);
    fs.symlinkSync(fs.realpathSync(path.join(repo.dir, 'node_modules')), path.join(wt, 'node_modules'));
    expect(repo.cli(['install'], {}, repo.dir).code).toBe(0);
    const doctor = repo.cli(['doctor'], {}, repo.dir);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain(`hooks would not run in 1 worktree: ${wt}`);
    const inWt = repo.cli(['install'], {}, wt);
    expect(inWt.code, inWt.output).toBe(0);
    expect(fs.existsSync(path.join(wt, '.husky/_/h'))).toBe(true);
    fs.writeFileSync(path.join(wt, 'b.txt'), 'b\n');
    run('git', ['add', 'b.txt'], wt);
    const commit = run('git', ['commit', '-m', 'add b from the worktree'], wt);
    expect(commit.code, commit.output).toBe(0);
    expect(commit.output).toContain('spark-guard pre-commit');
    expect(repo.cli(['doctor'], {}, repo.dir).stdout).toContain('hooks run in all 2 worktrees');
  });
});

describe('spark-guard uninstall', () => {
  it('removes exactly what install added', () => {
    const repo = project({ '.husky/pre-commit': 'echo mine\n' }, { scripts: { test: 'node -e 0' } });
    const before = snapshotFiles(repo.dir);
    expect(repo.cli(['install']).code).toBe(0);
    const r = repo.cli(['uninstall']);
    expect(r.code, r.output).toBe(0);
    expect(snapshotFiles(repo.dir)).toEqual(before);
    expect(repo.git('config', 'core.hooksPath').code).toBe(1);
    expect(repo.cli(['uninstall']).stdout).toContain('nothing to remove');
  });

  it('leaves a husky setup that was there before install alone', () => {
    const repo = project({ '.husky/pre-commit': 'npm run lint\n' });
    const h = run('node', ['-e', "import('husky').then((m) => process.exit(m.default() ? 1 : 0))"], repo.dir);
    expect(h.code, h.output).toBe(0);
    fs.appendFileSync(path.join(repo.dir, '.husky/_/h'), '# an older husky runner\n');
    expect(repo.cli(['install']).code).toBe(0);
    expect(repo.cli(['uninstall']).code).toBe(0);
    expect(repo.gitOk('config', 'core.hooksPath').trim()).toBe('.husky/_');
    expect(repo.exists('.husky/_/h')).toBe(true);
    expect(repo.read('.husky/pre-commit')).toBe('npm run lint\n');
  });

  it('keeps a starter config the user edited', () => {
    const repo = project();
    expect(repo.cli(['install']).code).toBe(0);
    repo.write({ 'spark-guard.config.mjs': "export default { diff: { maxLines: 10 } };\n" });
    const r = repo.cli(['uninstall']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('kept spark-guard.config.mjs');
    expect(repo.exists('spark-guard.config.mjs')).toBe(true);
  });
});
