/** lint-staged through the installed hook: fixes re-staged, failures block, no stash, nothing lost. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installedRepo, type InstalledRepo } from '../helpers/installed.js';

const repos: InstalledRepo[] = [];
function installed(config: object, files: Record<string, string> = {}): InstalledRepo {
  const repo = installedRepo({ extends: 'spark-guard/presets/recommended', ...config }, files);
  repos.push(repo);
  return repo;
}
afterEach(() => {
  while (repos.length) repos.pop()!.remove();
});

// A "formatter" that upper-cases .txt files, and a "linter" that rejects the word "bad".
const fix = 'fix.cjs';
const fixer = "const fs=require('fs');for(const f of process.argv.slice(2)){fs.writeFileSync(f,fs.readFileSync(f,'utf8').toUpperCase())}\n";
const lint = 'lint.cjs';
/** lint-staged's own patch of a file's unstaged edit (its diff arguments), where it keeps it. */
const writeLintStagedPatch = (repo: InstalledRepo, file: string) =>
  fs.writeFileSync(
    path.join(repo.dir, '.git', 'lint-staged_unstaged.patch'),
    repo.gitOk('diff', '--binary', '--unified=0', '--no-color', '--no-ext-diff', '--src-prefix=a/', '--dst-prefix=b/', '--patch', '--', file),
  );
const linter = "const fs=require('fs');for(const f of process.argv.slice(2)){if(/bad/i.test(fs.readFileSync(f,'utf8'))){console.error(f+': contains bad');process.exit(1)}}\n";

describe('lint gate', () => {
  it('runs the inline lint-staged config, re-stages its fixes and keeps unstaged edits of other files', () => {
    const repo = installed({ lintStaged: { '*.txt': `node ${fix}` } }, { [fix]: fixer, 'other.md': 'other\n' });
    repo.write({ 'a.txt': 'hello\n', 'other.md': 'unstaged edit\n' });
    repo.gitOk('add', 'a.txt');
    const r = repo.commit('add a text file to be fixed');
    expect(r.code, r.output).toBe(0);
    expect(r.output).toMatch(/✓ lint\s+pass/);
    expect(repo.gitOk('show', 'HEAD:a.txt')).toBe('HELLO\n');
    expect(repo.read('other.md')).toBe('unstaged edit\n');
    expect(repo.gitOk('stash', 'list')).toBe('');
  });

  it('a partially staged file: the fix is committed, the unstaged part stays in the work tree', () => {
    const repo = installed({ lintStaged: { '*.txt': `node ${fix}` } }, { [fix]: fixer });
    repo.write({ 'a.txt': 'hello\n' });
    repo.gitOk('add', 'a.txt');
    repo.write({ 'a.txt': 'hello\nworld\n' });
    const r = repo.commit('commit half of a text file');
    expect(r.code, r.output).toBe(0);
    expect(repo.gitOk('show', 'HEAD:a.txt')).toBe('HELLO\n');
    expect(repo.read('a.txt')).toBe('HELLO\nworld\n');
    expect(repo.gitOk('stash', 'list')).toBe('');
    // lint-staged (--no-stash) leaves its patch behind after a passing run: it is not "recovered"
    // later, which would add "world" a second time
    expect(fs.existsSync(path.join(repo.dir, '.git', 'lint-staged_unstaged.patch'))).toBe(false);
    repo.write({ 'b.txt': 'b\n' });
    repo.gitOk('add', 'b.txt');
    const next = repo.commit('add another file after the partial commit');
    expect(next.code, next.output).toBe(0);
    expect(next.output).not.toContain('restored unstaged changes');
    expect(repo.read('a.txt')).toBe('HELLO\nworld\n');
  });

  it('a formatter whose fix conflicts with the unstaged edit: edit back in the work tree, no unmerged index left', () => {
    const repo = installed({ lintStaged: { '*.txt': `node ${fix}` } }, { [fix]: fixer });
    repo.write({ 'a.txt': 'hello\n' });
    repo.gitOk('add', 'a.txt');
    repo.write({ 'a.txt': 'hello world\n' });
    const r = repo.commit('commit a file whose unstaged edit conflicts with the fix');
    expect(r.code).toBe(1);
    expect(repo.read('a.txt')).toBe('hello world\n');
    expect(repo.gitOk('ls-files', '-u')).toBe('');
    expect(repo.gitOk('show', ':a.txt')).toBe('HELLO\n');
    expect(fs.existsSync(path.join(repo.dir, '.git', 'lint-staged_unstaged.patch'))).toBe(false);
  });

  it('a partially staged file and a failing task: the commit is blocked and the unstaged edit is back at once', () => {
    const repo = installed({ lintStaged: { '*.txt': `node ${lint}` } }, { [lint]: linter });
    repo.write({ 'a.txt': 'a bad line\n' });
    repo.gitOk('add', 'a.txt');
    repo.write({ 'a.txt': 'a bad line\nan unstaged edit\n' });
    const r = repo.commit('add a text file the linter rejects, half staged');
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/✗ lint\s+fail/);
    expect(repo.read('a.txt')).toBe('a bad line\nan unstaged edit\n');
    expect(repo.gitOk('show', ':a.txt')).toBe('a bad line\n');
    expect(fs.existsSync(path.join(repo.dir, '.git', 'lint-staged_unstaged.patch'))).toBe(false);
    // fixing it and committing again neither loses nor doubles the edit
    repo.write({ 'a.txt': 'a good line\n' });
    repo.gitOk('add', 'a.txt');
    repo.write({ 'a.txt': 'a good line\nan unstaged edit\n' });
    const again = repo.commit('add a text file the linter accepts, half staged');
    expect(again.code, again.output).toBe(0);
    expect(repo.read('a.txt')).toBe('a good line\nan unstaged edit\n');
  });

  it('uses the project lint-staged config with lintStaged: true, and blocks on failure with its output', () => {
    const repo = installed({}, { [lint]: linter, '.lintstagedrc.json': JSON.stringify({ '*.txt': `node ${lint}` }) });
    repo.write({ 'a.txt': 'a bad line\n' });
    repo.gitOk('add', 'a.txt');
    const r = repo.commit('add a text file the linter rejects');
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/✗ lint\s+fail/);
    expect(r.output).toContain('contains bad');
    expect(repo.gitOk('stash', 'list')).toBe('');
  });

  it('does not run (and re-stage anything) once a cheap gate has blocked', () => {
    const repo = installed({ lintStaged: { '*.txt': `node ${fix}` } }, { [fix]: fixer });
    repo.write({ 'a.txt': 'hello\n', 'run.sh': 'git push --force\n' });
    repo.gitOk('add', '-A');
    const r = repo.commit('add a text file and a forced push');
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/- lint\s+skip\s+not run: banned blocked first/);
    expect(repo.gitOk('show', ':a.txt')).toBe('hello\n');
  });

  it('is skipped without a lint-staged config', () => {
    const repo = installed({});
    repo.write({ 'a.txt': 'x\n' });
    repo.gitOk('add', 'a.txt');
    const r = repo.commit('add a file without any linters');
    expect(r.code, r.output).toBe(0);
    expect(r.output).toMatch(/- lint\s+skip\s+no lint-staged configuration found/);
  });

  it('puts back unstaged changes that a killed lint-staged run left in its patch', () => {
    const repo = installed({ lintStaged: { '*.txt': 'true' } }, { 'p.txt': 'one\n' });
    const patchFile = path.join(repo.dir, '.git', 'lint-staged_unstaged.patch');
    const killedRun = (edit: string) => {
      repo.write({ 'p.txt': edit });
      fs.writeFileSync(patchFile, repo.gitOk('diff', '--', 'p.txt'));
      repo.gitOk('checkout', '--', 'p.txt'); // as if lint-staged hid the edit and was then SIGKILLed
    };
    killedRun('one\ntwo\n');
    repo.write({ 'q.txt': 'q\n' });
    repo.gitOk('add', 'q.txt');
    // git built this commit's index before the edits were back: it stops, so that the user looks first
    const r = repo.commit('add q after an interrupted run');
    expect(r.code, r.output).toBe(1);
    expect(r.output).toContain('dealt with first');
    expect(r.output).toContain('restored unstaged changes');
    expect(repo.read('p.txt')).toBe('one\ntwo\n');
    expect(fs.existsSync(patchFile)).toBe(false);
    const again = repo.commit('add q after an interrupted run');
    expect(again.code, again.output).toBe(0);
    repo.gitOk('checkout', '--', 'p.txt');
    killedRun('one\nthree\n');
    const doctor = repo.cli(['doctor']);
    expect(doctor.stdout).toContain('lint-staged_unstaged.patch from an interrupted lint-staged run');
    expect(doctor.stdout).toContain('restored unstaged changes');
    expect(repo.read('p.txt')).toBe('one\nthree\n');
  });

  it('a patch it cannot put back is moved aside before lint-staged runs: a later failing task never replays it over newer work', () => {
    const repo = installed({ lintStaged: { '*.txt': `node ${lint}` } }, { [lint]: linter, 'p.txt': 'one\n' });
    const patchFile = path.join(repo.dir, '.git', 'lint-staged_unstaged.patch');
    repo.write({ 'p.txt': 'one\nedit\n' });
    writeLintStagedPatch(repo, 'p.txt');
    repo.write({ 'p.txt': 'ONE (later work)\nedit\nmore later work\n', 'q.txt': 'a bad line\n' });
    repo.gitOk('add', 'q.txt');
    const first = repo.commit('add q while an old patch lies around');
    expect(first.code).toBe(1);
    expect(first.output).toContain('so spark-guard changed nothing');
    expect(fs.existsSync(patchFile)).toBe(false);
    const second = repo.commit('add q while an old patch lies around');
    expect(second.code).toBe(1);
    expect(second.output).toContain('contains bad');
    expect(repo.read('p.txt')).toBe('ONE (later work)\nedit\nmore later work\n');
  });

  it('puts them back exactly wherever the run was stopped: before or after hiding, while git rewrote the file (missing, empty), after a task', () => {
    const repo = installed({ lintStaged: { '*.txt': 'true' } }, { 'p.txt': 'one\n' });
    const patchFile = path.join(repo.dir, '.git', 'lint-staged_unstaged.patch');
    repo.write({ 'p.txt': 'one\nstaged\n' });
    repo.gitOk('add', 'p.txt');
    const edit = 'one\nstaged\nunstaged edit\n';
    for (const [stoppedAt, workTree, expected] of [
      ['before lint-staged hid the edit', edit, edit],
      ['while git removed the file to rewrite it', null, edit],
      ['while git wrote the file', '', edit],
      ['after hiding the edit', 'one\nstaged\n', edit],
    ] as const) {
      repo.write({ 'p.txt': edit });
      // lint-staged's patch of the unstaged edit, then the state it was stopped in
      writeLintStagedPatch(repo, 'p.txt');
      if (workTree === null) fs.rmSync(path.join(repo.dir, 'p.txt'));
      else repo.write({ 'p.txt': workTree });
      const doctor = repo.cli(['doctor']);
      // (nothing to put back, and nothing said, when the edit never left)
      if (workTree !== edit) expect(doctor.stdout, stoppedAt).toContain('restored unstaged changes');
      expect(repo.read('p.txt'), stoppedAt).toBe(expected);
      expect(repo.gitOk('show', ':p.txt'), stoppedAt).toBe('one\nstaged\n');
      expect(fs.existsSync(patchFile), stoppedAt).toBe(false);
    }
    // Anything else (a formatter's fixes, a later edit after a SIGKILL): a patch without context
    // lines could land twice or in the wrong place, so nothing is touched and the patch is kept
    for (const later of ['ONE\nSTAGED\n', 'ONE\nstaged\nunstaged edit\n']) {
      repo.write({ 'p.txt': edit });
      writeLintStagedPatch(repo, 'p.txt');
      repo.write({ 'p.txt': later });
      const doctor = repo.cli(['doctor']);
      expect(doctor.stdout, later).toContain('so spark-guard changed nothing');
      const kept = /The patch is at (\S+):/.exec(doctor.stdout)?.[1];
      expect(kept && fs.readFileSync(kept, 'utf8'), later).toContain('+unstaged edit');
      expect(repo.read('p.txt'), later).toBe(later);
      expect(fs.existsSync(patchFile), later).toBe(false); // never mistaken for a later run's own
    }
  });
});
