/** Faults and hostile input: parallel worktrees, odd file names, configs that throw or do not parse. */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { installedRepo, type InstalledRepo } from '../helpers/installed.js';
import { cleanEnv, makeTempDir, run } from '../helpers/repo.js';
import { repoState } from '../helpers/state.js';

const repos: InstalledRepo[] = [];
afterEach(() => {
  while (repos.length) repos.pop()!.remove();
});

function installed(config: object, files: Record<string, string> = {}): InstalledRepo {
  const repo = installedRepo({ extends: 'spark-guard/presets/recommended', ...config }, { 'a.txt': 'a\n', ...files });
  repos.push(repo);
  return repo;
}

function commitAsync(cwd: string, message: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('git', ['commit', '-m', message], { cwd, env: cleanEnv() });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('parallel agents in sibling worktrees', () => {
  it('commit at once with slow gates, unstaged edits and untracked files: right content, nothing touched, no stash', async () => {
    const repo = installed({ gates: { slow: 'sleep 1 && grep -q staged-ok work.txt' } }, { 'work.txt': 'base\n' });
    const trees = [repo.dir];
    for (const name of ['wt1', 'wt2']) {
      const wt = path.join(path.dirname(repo.dir), name);
      repo.gitOk('worktree', 'add', '-q', '-b', name, wt);
      fs.symlinkSync(fs.realpathSync(path.join(repo.dir, 'node_modules')), path.join(wt, 'node_modules'));
      expect(run('npx', ['--no-install', 'spark-guard', 'install', '--no-save'], wt).code).toBe(0);
      trees.push(wt);
    }
    const views = trees.map((dir) => ({ dir, git: (...a: string[]) => run('git', a, dir) }));
    for (const [i, v] of views.entries()) {
      fs.writeFileSync(path.join(v.dir, 'work.txt'), `staged-ok ${i}\n`);
      v.git('add', 'work.txt');
      fs.writeFileSync(path.join(v.dir, 'work.txt'), `unstaged edit ${i}\n`);
      fs.writeFileSync(path.join(v.dir, `untracked-${i}.txt`), `mine ${i}\n`);
    }
    const before = views.map((v) => repoState({ ...repo, dir: v.dir, gitOk: (...a: string[]) => v.git(...a).stdout }));
    const results = await Promise.all(views.map((v, i) => commitAsync(v.dir, `commit from agent number ${i}`)));
    results.forEach((r) => expect(r.code, r.output).toBe(0));
    views.forEach((v, i) => {
      expect(v.git('show', 'HEAD:work.txt').stdout).toBe(`staged-ok ${i}\n`);
      const after = repoState({ ...repo, dir: v.dir, gitOk: (...a: string[]) => v.git(...a).stdout });
      expect(after.unstaged).toBe(before[i]!.unstaged);
      expect(after.untracked).toEqual(before[i]!.untracked);
    });
    expect(repo.gitOk('stash', 'list')).toBe('');
  });

  it('both blocked: nothing committed, nothing changed', async () => {
    const repo = installed({ gates: { slow: 'sleep 1 && false' } });
    const wt = path.join(path.dirname(repo.dir), 'wt');
    repo.gitOk('worktree', 'add', '-q', '-b', 'other', wt);
    fs.symlinkSync(fs.realpathSync(path.join(repo.dir, 'node_modules')), path.join(wt, 'node_modules'));
    run('npx', ['--no-install', 'spark-guard', 'install', '--no-save'], wt);
    for (const dir of [repo.dir, wt]) {
      fs.writeFileSync(path.join(dir, 'a.txt'), 'changed\n');
      run('git', ['add', 'a.txt'], dir);
      fs.writeFileSync(path.join(dir, 'a.txt'), 'changed again\n');
    }
    const heads = [repo.gitOk('rev-parse', 'HEAD'), run('git', ['rev-parse', 'HEAD'], wt).stdout];
    const results = await Promise.all([commitAsync(repo.dir, 'blocked commit number one'), commitAsync(wt, 'blocked commit number two')]);
    results.forEach((r) => expect(r.code).not.toBe(0));
    expect([repo.gitOk('rev-parse', 'HEAD'), run('git', ['rev-parse', 'HEAD'], wt).stdout]).toEqual(heads);
    expect(fs.readFileSync(path.join(wt, 'a.txt'), 'utf8')).toBe('changed again\n');
    expect(repo.read('a.txt')).toBe('changed again\n');
  });
});

describe('hostile file names (seeded)', () => {
  it('counts always equal git numstat, and a commit loses nothing', () => {
    let seed = Number(process.env.SPARK_GUARD_TEST_SEED ?? 20261126);
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    // é both composed (NFC) and decomposed (NFD): two different files to git.
    const pieces = ['new\nline', 'tab\there', 'quote"d', "apo'strophe", 'back\\slash', '-leading-dash', 'star*', 'sp ace', 'ünï', 'e\u0301', 'é', '日本', 'x'.repeat(120)];
    // a command gate, so that the staged snapshot is written with these names too (unstaged edits force a copy)
    const repo = installed({ diff: { maxLines: false, maxFiles: false, ignore: [] }, files: { maxFileKb: false }, gates: { files: 'test "$(find . -path ./node_modules -prune -o -type f -print | wc -l)" -ge 28' } });
    const names: string[] = [];
    for (let i = 0; i < 25; i++) {
      const name = `${pieces[Math.floor(random() * pieces.length)]}-${i}${random() < 0.3 ? '.bin' : '.txt'}`;
      names.push(name);
      const lines = Math.floor(random() * 20);
      fs.writeFileSync(path.join(repo.dir, name), name.endsWith('.bin') ? Buffer.from([0, 1, 2, i]) : Array.from({ length: lines }, (_, k) => `line ${k}\r`).join('\n'));
    }
    // Names that are not UTF-8 at all (Latin-1 bytes, a lone continuation byte): git keeps bytes.
    const raw = (bytes: number[], suffix: string) => Buffer.concat([Buffer.from(bytes), Buffer.from(suffix)]);
    const nonUtf8 = [raw([0x63, 0x61, 0x66, 0xe9], '-latin1.txt'), raw([0xff, 0xfe, 0x41], '-bom-like.txt'), raw([0x80], '-lone.bin')];
    for (const [k, name] of nonUtf8.entries()) {
      fs.writeFileSync(Buffer.concat([Buffer.from(`${repo.dir}/`), name]), name.toString('latin1').endsWith('.bin') ? Buffer.from([0, 9, k]) : `line one ${k}\nline two\n`);
    }
    repo.gitOk('add', '-A');
    for (const name of names.slice(0, 5)) fs.appendFileSync(path.join(repo.dir, name), 'unstaged\n');
    fs.appendFileSync(Buffer.concat([Buffer.from(`${repo.dir}/`), nonUtf8[0]!]), 'unstaged too\n');
    fs.writeFileSync(path.join(repo.dir, 'untracked\nfile.txt'), 'keep\n');
    fs.writeFileSync(Buffer.concat([Buffer.from(`${repo.dir}/`), raw([0xe9, 0x74, 0xe9], '-untracked.txt')]), 'keep\n');
    const numstat = repo.gitOk('diff', '--cached', '--numstat', '-z').split('\0').filter((t) => t.includes('\t'));
    const expected = { files: numstat.length, lines: numstat.reduce((n, t) => { const [a, d] = t.split('\t'); return a === '-' ? n : n + Number(a) + Number(d); }, 0) };
    const doc = JSON.parse(repo.cli(['check', '--staged', '--json', '--only', 'diff']).stdout);
    expect(doc.diff, `seed ${process.env.SPARK_GUARD_TEST_SEED ?? 20261126}`).toEqual(expected);
    const before = repoState(repo);
    const r = repo.commit('add many oddly named files');
    expect(r.code, r.output).toBe(0);
    const after = repoState(repo);
    expect(after.unstaged).toBe(before.unstaged);
    expect(after.untracked).toEqual(before.untracked);
  });
});

describe('bad configuration', () => {
  it.each([
    ['a config that throws', 'spark-guard.config.mjs', "throw new Error('boom from config');\n", /could not load the configuration .*spark-guard\.config\.mjs: boom from config/],
    ['broken YAML', '.spark-guardrc.yaml', 'diff:\n  maxLines: [1,\n', /could not load the configuration .*\.spark-guardrc\.yaml/],
    ['a config that is not an object', '.spark-guardrc.json', '[1, 2]\n', /must export an object/],
  ])('%s: exit 2, the file named, no stack trace', (_name, file, content, expected) => {
    const dir = makeTempDir();
    try {
      const repo = installed({});
      fs.rmSync(path.join(repo.dir, '.spark-guardrc.json'));
      repo.write({ [file]: content });
      const r = repo.cli(['check']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(expected);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('git situations', () => {
  it('amend, detached HEAD and a rebase stop commit through the hooks; cherry-pick works', () => {
    const repo = installed({ gates: { check: 'grep -q ok a.txt' } }, { 'a.txt': 'ok\n' });
    const hooked = (r: { code: number; output: string }) => {
      expect(r.code, r.output).toBe(0);
      expect(r.output).toContain('spark-guard pre-commit');
    };
    repo.write({ 'b.txt': 'b\n' });
    repo.gitOk('add', '-A');
    hooked(repo.commit('add the b text file'));
    repo.write({ 'b.txt': 'b2\n' });
    repo.gitOk('add', '-A');
    hooked(run('git', ['commit', '--amend', '-m', 'add the b text file, amended'], repo.dir));
    repo.gitOk('checkout', '-q', '-b', 'side', 'HEAD~1');
    repo.write({ 'c.txt': 'c\n' });
    repo.gitOk('add', '-A');
    hooked(repo.commit('add the c text file on a side branch'));
    const side = repo.gitOk('rev-parse', 'HEAD').trim();
    repo.gitOk('checkout', '-q', 'main');
    // git runs no pre-commit hook for a clean cherry-pick; it must simply work with ours installed
    expect(run('git', ['cherry-pick', side], repo.dir).code).toBe(0);
    repo.gitOk('checkout', '-q', '--detach', 'HEAD');
    repo.write({ 'd.txt': 'd\n' });
    repo.gitOk('add', '-A');
    hooked(repo.commit('a commit on a detached head'));
    repo.gitOk('checkout', '-q', 'main');
    const rebase = run('git', ['rebase', '-i', 'HEAD~1'], repo.dir, { GIT_SEQUENCE_EDITOR: "sed -i -e 's/^pick/edit/'" });
    expect(rebase.code, rebase.output).toBe(0);
    repo.write({ 'e.txt': 'e\n' });
    repo.gitOk('add', '-A');
    hooked(repo.commit('a commit made during a rebase stop'));
    expect(run('git', ['rebase', '--continue'], repo.dir, { GIT_EDITOR: 'true' }).code).toBe(0);
    expect(repo.gitOk('log', '--format=%s', '-3').trim().split('\n')).toContain('a commit made during a rebase stop');
  });
});
