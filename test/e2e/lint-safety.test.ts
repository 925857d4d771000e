/**
 * The lint gate's promises beyond fixing: `check` never writes (lint-staged only with --fix), its
 * failures read plainly, doctor lists it only when there is a config, another run's lock is never
 * taken, and an inline config with task functions stops on Ctrl-C like every other gate.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { createProject, installedRepo, type InstalledRepo } from '../helpers/installed.js';
import { cleanEnv } from '../helpers/repo.js';

const repos: InstalledRepo[] = [];
afterAll(() => {
  for (const r of repos) r.remove();
});
function installed(config: object, files: Record<string, string> = {}): InstalledRepo {
  const repo = installedRepo({ extends: 'spark-guard/presets/recommended', ...config }, files);
  repos.push(repo);
  return repo;
}

const fix = 'fix.cjs';
const fixer = "const fs=require('fs');for(const f of process.argv.slice(2)){fs.writeFileSync(f,fs.readFileSync(f,'utf8').toUpperCase())}\n";
const lint = 'lint.cjs';
const linter = "const fs=require('fs');for(const f of process.argv.slice(2)){if(/bad/i.test(fs.readFileSync(f,'utf8'))){console.error(f+': contains bad');process.exit(1)}}\n";

describe('lint gate: safety', () => {
  it('check --staged never writes: a formatting-only staged change stays staged; --fix runs lint-staged', () => {
    const repo = installed({}, { [fix]: fixer, '.lintstagedrc.json': JSON.stringify({ '*.txt': `node ${fix}` }) });
    repo.write({ 'a.txt': 'hello\n' });
    repo.gitOk('add', 'a.txt');
    const check = repo.cli(['check', '--staged']);
    expect(check.code, check.output).toBe(0);
    expect(check.output).toMatch(/- lint\s+skip\s+check never writes/);
    expect(repo.gitOk('show', ':a.txt')).toBe('hello\n');
    expect(repo.read('a.txt')).toBe('hello\n');
    const only = repo.cli(['check', '--staged', '--only', 'lint']);
    expect(only.code, only.output).toBe(2);
    expect(only.stderr).toContain('check never writes without --fix');
    const fixed = repo.cli(['check', '--staged', '--fix']);
    expect(fixed.code, fixed.output).toBe(0);
    expect(fixed.output).toMatch(/✓ lint\s+pass/);
    expect(repo.gitOk('show', ':a.txt')).toBe('HELLO\n');
  });

  it('a failing task reads plainly (no escapes, no --no-stash backup warning); doctor lists lint only with a config', () => {
    const repo = installed({}, { [lint]: linter, '.lintstagedrc.json': JSON.stringify({ '*.txt': `node ${lint}` }) });
    repo.write({ 'a.txt': 'a bad line\n' });
    repo.gitOk('add', 'a.txt');
    const r = repo.commit('add a text file the linter rejects');
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/✗ lint\s+fail/);
    expect(r.output).toContain(`node ${lint}`);
    expect(r.output).toContain('a.txt: contains bad');
    expect(r.output).not.toContain('\u001b');
    expect(r.output).not.toContain('Skipping backup');
    expect(r.output).not.toMatch(/\[(STARTED|COMPLETED)\]/);
    expect(repo.cli(['doctor']).stdout).toMatch(/gates: .*\blint\b/);
    fs.rmSync(path.join(repo.dir, '.lintstagedrc.json'));
    expect(repo.cli(['doctor']).stdout).not.toMatch(/gates: .*\blint\b/);
  });

  it('another live run\'s lint.lock is neither overwritten nor deleted: the commit waits its turn', () => {
    const repo = installed({ lintStaged: { '*.txt': `node ${fix}` } }, { [fix]: fixer });
    const lock = path.join(repo.dir, '.git', 'spark-guard', 'lint.lock');
    fs.mkdirSync(path.dirname(lock), { recursive: true });
    fs.writeFileSync(lock, String(process.pid)); // this test process: alive, and not the hook
    repo.write({ 'a.txt': 'hello\n' });
    repo.gitOk('add', 'a.txt');
    const r = repo.commit('add a text file while another run holds the lock');
    expect(r.code).toBe(1);
    expect(r.output).toContain(`holds its lock (process ${process.pid})`);
    expect(fs.readFileSync(lock, 'utf8')).toBe(String(process.pid));
    expect(repo.gitOk('show', ':a.txt')).toBe('hello\n');
    expect(repo.cli(['doctor']).code).not.toBe(2);
    expect(fs.readFileSync(lock, 'utf8')).toBe(String(process.pid));
    fs.rmSync(lock);
    expect(repo.commit('add a text file once the lock is free').code).toBe(0);
  });

  it('an inline config with task functions stops on Ctrl-C: its task is killed, the edits are back', async () => {
    const repo = createProject({
      'README.md': '# demo\n',
      'spark-guard.config.mjs': "export default { lintStaged: { '*.txt': () => 'node hang.cjs' } };\n",
      'hang.cjs': "require('fs').writeFileSync('hang.pid', String(process.pid)); setTimeout(() => {}, 90000);\n",
      '.gitignore': 'node_modules\nhang.pid\n',
    });
    repos.push(repo);
    expect(repo.cli(['install', '--no-save']).code).toBe(0);
    repo.gitOk('add', '-A');
    expect(repo.commit('initial commit of the demo project', { SPARK_GUARD: '0' }).code).toBe(0);
    repo.write({ 'a.txt': 'staged\n' });
    repo.gitOk('add', 'a.txt');
    repo.write({ 'a.txt': 'staged\nunstaged edit\n' });
    const child = spawn('git', ['commit', '-m', 'a commit interrupted while lint-staged runs'], { cwd: repo.dir, env: cleanEnv(), stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const pidFile = path.join(repo.dir, 'hang.pid');
    while (!fs.existsSync(pidFile) || !fs.readFileSync(pidFile, 'utf8')) await new Promise((r) => setTimeout(r, 50));
    const task = Number(fs.readFileSync(pidFile, 'utf8'));
    // Ctrl-C reaches the hook's spark-guard (the one running `run pre-commit`), found up the task's ancestry.
    let hook = task;
    while (hook > 1 && !fs.readFileSync(`/proc/${hook}/cmdline`, 'utf8').split('\0').includes('pre-commit')) {
      hook = Number(fs.readFileSync(`/proc/${hook}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]);
    }
    expect(hook).toBeGreaterThan(1);
    process.kill(hook, 'SIGINT');
    expect(await exited).not.toBe(0);
    // The task is gone with it (a zombie not yet reaped by init counts as gone: it runs nothing).
    const gone = () => {
      try {
        return /^\S+ \(.*\) Z /s.test(fs.readFileSync(`/proc/${task}/stat`, 'utf8'));
      } catch {
        return true;
      }
    };
    for (let i = 0; i < 100 && !gone(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(gone()).toBe(true);
    expect(repo.read('a.txt')).toBe('staged\nunstaged edit\n');
    expect(repo.gitOk('show', ':a.txt')).toBe('staged\n');
  }, 60_000);
});
