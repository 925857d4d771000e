/** Command gates judge exactly the staged content, concurrently and cached, and never lose work. */
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { installedRepo, type InstalledRepo } from '../helpers/installed.js';
import { cleanEnv, makeTempDir } from '../helpers/repo.js';
import { repoState, snapshotFolders as snapshotsOf } from '../helpers/state.js';

const repos: InstalledRepo[] = [];
const temps: string[] = [];
function installed(gates: object, files: Record<string, string> = {}, extra: object = {}): InstalledRepo {
  const repo = installedRepo({ extends: 'spark-guard/presets/recommended', gates, ...extra }, { 'a.txt': 'good\n', ...files });
  repos.push(repo);
  return repo;
}
function tempDir(): string {
  const d = makeTempDir('spark-guard-marks-');
  temps.push(d);
  return d;
}
afterEach(() => {
  while (repos.length) repos.pop()!.remove();
  while (temps.length) fs.rmSync(temps.pop()!, { recursive: true, force: true });
});

const failIfBad = 'grep -q good a.txt';

describe('staged snapshot', () => {
  it('judges the staged content, not unstaged edits; the work tree, index and untracked files are untouched', () => {
    const repo = installed({ check: failIfBad });
    repo.write({ 'a.txt': 'good\nmore\n' });
    repo.gitOk('add', 'a.txt');
    repo.write({ 'a.txt': 'bad\n', 'untracked.txt': 'keep me\n' });
    const before = repoState(repo);
    const r = repo.commit('stage good content, keep a bad edit');
    expect(r.code, r.output).toBe(0);
    expect(r.output).toMatch(/✓ check\s+pass/);
    const after = repoState(repo);
    expect(after.unstaged).toBe(before.unstaged);
    expect(after.untracked).toEqual(before.untracked);
    expect(after.tracked).toEqual(before.tracked);
    expect(repo.read('a.txt')).toBe('bad\n');
    expect(repo.gitOk('show', 'HEAD:a.txt')).toBe('good\nmore\n');
  });

  it('blocks staged bad content even when the work tree has it fixed, and loses nothing', () => {
    const repo = installed({ check: failIfBad });
    repo.write({ 'a.txt': 'bad\n' });
    repo.gitOk('add', 'a.txt');
    repo.write({ 'a.txt': 'good\n', 'notes.md': 'untracked notes\n' });
    const before = repoState(repo);
    const r = repo.commit('stage bad content, fix it in the work tree');
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/✗ check\s+fail/);
    expect(r.output).toContain('$ grep -q good a.txt');
    expect(repoState(repo)).toEqual(before);
    expect(snapshotFolders(repo)).toEqual([]);
  });

  it('git add -p: a file with staged and unstaged hunks is judged by its staged hunks only', () => {
    const body = Array.from({ length: 30 }, (_, i) => `line ${i}`);
    const repo = installed({ check: 'grep -q STAGED-GOOD a.txt && ! grep -q UNSTAGED-BAD a.txt' }, { 'a.txt': body.join('\n') + '\n' });
    const edited = [...body];
    edited[1] = 'STAGED-GOOD';
    edited[28] = 'UNSTAGED-BAD';
    repo.write({ 'a.txt': edited.join('\n') + '\n' });
    const add = repo.gitInput(['add', '-p', 'a.txt'], 'y\nn\n');
    expect(add.code, add.output).toBe(0);
    expect(repo.gitOk('diff', '--cached')).toContain('+STAGED-GOOD');
    const before = repoState(repo);
    const r = repo.commit('commit the first hunk of a.txt only');
    expect(r.code, r.output).toBe(0);
    expect(repo.gitOk('show', 'HEAD:a.txt')).toContain('STAGED-GOOD');
    expect(repo.gitOk('show', 'HEAD:a.txt')).not.toContain('UNSTAGED-BAD');
    expect(repo.read('a.txt')).toBe(edited.join('\n') + '\n');
    expect(repoState(repo).unstaged).toBe(before.unstaged);
  });

  it('untracked files do not influence a gate; ignored ones (node_modules) are there', () => {
    const repo = installed({ clean: 'test ! -e stray.js && test -d node_modules/spark-guard' });
    repo.write({ 'stray.js': 'throw new Error()\n', 'b.txt': 'b\n' });
    repo.gitOk('add', 'b.txt');
    const r = repo.commit('add b while a stray file lies around');
    expect(r.code, r.output).toBe(0);
    expect(repo.exists('stray.js')).toBe(true);
  });

  it('a crashing gate loses nothing', () => {
    const repo = installed({ crash: 'kill -SEGV $$' });
    repo.write({ 'a.txt': 'staged\n' });
    repo.gitOk('add', 'a.txt');
    repo.write({ 'a.txt': 'unstaged\n', 'u.txt': 'u\n' });
    const before = repoState(repo);
    const r = repo.commit('a commit whose gate crashes');
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/crash\s+fail .*(SIGSEGV|exit 139)/);
    expect(repoState(repo)).toEqual(before);
  });
});

describe('process control', () => {
  it('a timeout kills the whole process tree', () => {
    const marks = tempDir();
    const repo = installed({ slow: { run: `sh -c 'sleep 30; touch ${marks}/grandchild-survived' & sleep 30; touch ${marks}/child-survived`, timeout: 1 } });
    repo.write({ 'b.txt': 'b\n' });
    repo.gitOk('add', '-A');
    const r = repo.commit('a commit whose gate hangs forever');
    expect(r.code).toBe(1);
    expect(r.output).toContain('timed out after 1 s; its process tree was killed');
    const ps = spawnSyncText('ps', ['-eo', 'args']);
    expect(ps).not.toContain(`${marks}/grandchild-survived`);
  });

  it('a gate is done when its process exits, even if a child keeps its output open', () => {
    const marks = tempDir();
    const repo = installed({ leaky: `(sleep 60; echo late) & echo started > ${marks}/started` });
    repo.write({ 'b.txt': 'b\n' });
    repo.gitOk('add', '-A');
    const t = Date.now();
    const r = repo.commit('a commit whose gate leaves a child');
    expect(r.code, r.output).toBe(0);
    expect(Date.now() - t).toBeLessThan(30_000);
  });

  it('gates run without the variables git sets for hooks, so git elsewhere cannot touch this repo', () => {
    const other = tempDir();
    const repo = installed({ env: `test -z "$GIT_INDEX_FILE$GIT_DIR$GIT_WORK_TREE" && cd ${other} && git init -q && git add -A && git -c user.name=x -c user.email=x@y commit -q --allow-empty -m other` });
    repo.write({ 'b.txt': 'b\n' });
    repo.gitOk('add', '-A');
    const r = repo.commit('add b and run git elsewhere', {}, '--', 'b.txt');
    expect(r.code, r.output).toBe(0);
    expect(repo.gitOk('log', '--format=%s', '-1').trim()).toBe('add b and run git elsewhere');
    expect(fs.existsSync(path.join(other, '.git'))).toBe(true);
  });

  it('command gates run concurrently with each other', () => {
    const marks = tempDir();
    const gate = (n: string) => `echo start >> ${marks}/${n}; for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do [ -e ${marks}/${n === 'a' ? 'b' : 'a'} ] && break; sleep 0.25; done; test -e ${marks}/${n === 'a' ? 'b' : 'a'}`;
    const repo = installed({ a: gate('a'), b: gate('b') });
    repo.write({ 'b.txt': 'b\n' });
    repo.gitOk('add', '-A');
    const r = repo.commit('two gates that must see each other');
    expect(r.code, r.output).toBe(0);
  });

  it.each(['SIGINT', 'SIGINT twice', 'SIGTERM', 'SIGHUP'] as const)('%s to the process group (Ctrl-C) stops the gates and loses nothing', async (how) => {
    const sig = how === 'SIGINT twice' ? 'SIGINT' : how;
    const marks = tempDir();
    const repo = installed({ wait: `touch ${marks}/started; sleep 30` });
    repo.write({ 'a.txt': 'staged\n' });
    repo.gitOk('add', 'a.txt');
    repo.write({ 'a.txt': 'unstaged\n', 'u.txt': 'untracked\n' });
    const before = repoState(repo);
    const child = spawn('git', ['commit', '-m', 'a commit interrupted by the user'], { cwd: repo.dir, env: cleanEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    for (let i = 0; i < 200 && !fs.existsSync(path.join(marks, 'started')); i++) await new Promise((r) => setTimeout(r, 100));
    expect(fs.existsSync(path.join(marks, 'started'))).toBe(true);
    process.kill(-child.pid!, sig);
    if (how === 'SIGINT twice') setTimeout(() => { try { process.kill(-child.pid!, 'SIGINT'); } catch { /* gone */ } }, 20);
    const code = await closed;
    expect(code).not.toBe(0);
    if (sig === 'SIGINT') expect(output).toContain('interrupted (SIGINT)');
    expect(repoState(repo)).toEqual(before);
    expect(snapshotFolders(repo)).toEqual([]);
    expect(spawnSyncText('ps', ['-eo', 'args'])).not.toContain(`touch ${marks}/started; sleep 30`);
  });
});

describe('SIGKILL', () => {
  it('a killed run leaves only a snapshot copy, removed by the next run and reported by doctor', async () => {
    const marks = tempDir();
    const repo = installed({ wait: `touch ${marks}/started; sleep 30` });
    repo.write({ 'a.txt': 'staged\n' });
    repo.gitOk('add', 'a.txt');
    repo.write({ 'a.txt': 'unstaged\n' });
    const before = repoState(repo);
    const child = spawn('npx', ['--no-install', 'spark-guard', 'run', 'pre-commit'], { cwd: repo.dir, env: cleanEnv(), detached: true, stdio: 'ignore' });
    const closed = new Promise((resolve) => child.on('close', resolve));
    for (let i = 0; i < 200 && !fs.existsSync(path.join(marks, 'started')); i++) await new Promise((r) => setTimeout(r, 100));
    process.kill(-child.pid!, 'SIGKILL');
    await closed;
    expect(repoState(repo)).toEqual(before);
    expect(snapshotFolders(repo)).toHaveLength(1);
    const pid = Number(snapshotFolders(repo)[0]!.split('-')[0]);
    for (let i = 0; i < 50 && isRunning(pid); i++) await new Promise((r) => setTimeout(r, 100));
    const doctor = repo.cli(['doctor']);
    expect(doctor.stdout).toContain('removed 1 snapshot folder(s) left by killed runs');
    expect(snapshotFolders(repo)).toEqual([]);
    expect(repoState(repo)).toEqual(before);
  });
});

describe('cache', () => {
  it('a gate that passed on the same staged tree is cached and not run again', () => {
    const marks = tempDir();
    const repo = installed({ count: `echo run >> ${marks}/runs` }, {}, { commitMessage: { minLength: 20 } });
    repo.write({ 'b.txt': 'b\n' });
    repo.gitOk('add', '-A');
    // An editor's message is judged only in commit-msg, after the gates passed (a -m one would block first).
    const first = spawnSync('git', ['commit'], { cwd: repo.dir, env: cleanEnv({ GIT_EDITOR: 'printf "too short\\n" >' }), encoding: 'utf8' });
    expect(first.status).toBe(1);
    expect(first.stdout + first.stderr).toContain('commitMessage.minLength');
    const second = repo.commit('a message that is long enough now');
    expect(second.code, second.output).toBe(0);
    expect(second.output).toMatch(/✓ count\s+cached/);
    expect(fs.readFileSync(path.join(marks, 'runs'), 'utf8')).toBe('run\n');
  });

  it('a different staged tree or a changed command runs again; when globs skip unrelated changes', () => {
    const marks = tempDir();
    const repo = installed({ ts: { run: `echo ts >> ${marks}/runs`, when: ['**/*.ts'] } });
    repo.write({ 'b.txt': 'b\n' });
    repo.gitOk('add', '-A');
    const r = repo.commit('a text-only change skips the ts gate');
    expect(r.code).toBe(0);
    expect(r.output).toMatch(/- ts\s+skip\s+no staged file matches \*\*\/\*\.ts/);
    repo.write({ 'src/x.ts': 'export {};\n' });
    repo.gitOk('add', '-A');
    expect(repo.commit('add a typescript module here').code).toBe(0);
    expect(fs.readFileSync(path.join(marks, 'runs'), 'utf8')).toBe('ts\n');
  });
});

function spawnSyncText(cmd: string, args: string[]): string {
  return spawnSync(cmd, args, { encoding: 'utf8' }).stdout;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** The worktree's snapshot folders (in the temp folder, keyed by its git dir; see src/git/snapshot.ts). */
const snapshotFolders = (repo: InstalledRepo) => snapshotsOf(repo.dir);
