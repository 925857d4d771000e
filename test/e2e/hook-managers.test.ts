/**
 * Issue 14.2: install in a repository whose hooks are run by something else today must not switch
 * them off silently. The hook files are the ones the tools write: simple-git-hooks' and lefthook's
 * were copied from what simple-git-hooks 2.14 and lefthook 2.2 wrote in a scratch repository (the
 * tools themselves are not installed here: the tests run offline); pre-commit's and husky 4's
 * headers are theirs. Each chained hook really runs in a real `git commit`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createProject, type InstalledRepo } from '../helpers/installed.js';
import { makeTempDir, run } from '../helpers/repo.js';

const repos: InstalledRepo[] = [];
const temps: string[] = [];
afterEach(() => {
  while (repos.length) repos.pop()!.remove();
  while (temps.length) fs.rmSync(temps.pop()!, { recursive: true, force: true });
});

const simpleGitHooksFile = (command: string) => `#!/bin/sh
if [ "$SKIP_SIMPLE_GIT_HOOKS" = "1" ]; then
    echo "[INFO] SKIP_SIMPLE_GIT_HOOKS is set to 1, skipping hook."
    exit 0
fi
if [ -f "$SIMPLE_GIT_HOOKS_RC" ]; then
    . "$SIMPLE_GIT_HOOKS_RC"
fi
${command}`;

const lefthookFile = (hook: string) => `#!/bin/sh

if [ "$LEFTHOOK_VERBOSE" = "1" -o "$LEFTHOOK_VERBOSE" = "true" ]; then
  set -x
fi

if [ "$LEFTHOOK" = "0" ]; then
  exit 0
fi

call_lefthook()
{
  if test -n "$LEFTHOOK_BIN"
  then
    "$LEFTHOOK_BIN" "$@"
  elif lefthook -h >/dev/null 2>&1
  then
    lefthook "$@"
  else
    echo "Can't find lefthook in PATH"
  fi
}

call_lefthook run "${hook}" "$@"
`;

/** A script that appends its name (and arguments) to $MARKS/log, and fails on a message containing "forbidden". */
const MARK = `const fs = require('fs');
const [name, file] = process.argv.slice(2);
fs.appendFileSync(process.env.MARKS + '/log', name + '\\n');
if (file && fs.readFileSync(file, 'utf8').includes('forbidden')) { console.error('check-msg: forbidden word'); process.exit(1); }
`;

function setup(files: Record<string, string>, pkg: Record<string, unknown> = {}): { repo: InstalledRepo; marks: string; log: () => string[] } {
  const repo = createProject({ 'scripts/mark.cjs': MARK, '.spark-guardrc.json': JSON.stringify({ review: { enabled: false } }), 'README.md': '# demo\n', ...files }, pkg);
  repos.push(repo);
  const marks = makeTempDir('spark-guard-marks-');
  temps.push(marks);
  fs.writeFileSync(path.join(marks, 'log'), '');
  const log = () => fs.readFileSync(path.join(marks, 'log'), 'utf8').split('\n').filter(Boolean).splice(0);
  return { repo, marks, log };
}

function writeHook(repo: InstalledRepo, rel: string, content: string) {
  fs.mkdirSync(path.dirname(path.join(repo.dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(repo.dir, rel), content, { mode: 0o755 });
}

function commitFile(repo: InstalledRepo, marks: string, message: string, name = `f${Math.random().toString(36).slice(2, 8)}.txt`) {
  repo.write({ [name]: `${name}\n` });
  repo.gitOk('add', name);
  return repo.commit(message, { MARKS: marks });
}

describe('install with simple-git-hooks (lint-staged plus a commit-message check)', () => {
  it('stops and names them; --chain keeps both running before spark-guard; uninstall restores them', () => {
    const { repo, marks, log } = setup({}, { 'simple-git-hooks': { 'pre-commit': 'node scripts/mark.cjs sgh-pre-commit', 'commit-msg': 'node scripts/mark.cjs sgh-commit-msg $1' } });
    writeHook(repo, '.git/hooks/pre-commit', simpleGitHooksFile('node scripts/mark.cjs sgh-pre-commit'));
    writeHook(repo, '.git/hooks/commit-msg', simpleGitHooksFile('node scripts/mark.cjs sgh-commit-msg $1'));
    repo.gitOk('add', '-A');
    repo.gitOk('-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', 'the project before spark-guard');

    const stop = repo.cli(['install', '--no-save']);
    expect(stop.code, stop.output).toBe(2);
    expect(stop.output).toContain('simple-git-hooks');
    expect(stop.output).toContain('.git/hooks/pre-commit');
    expect(stop.output).toContain('.git/hooks/commit-msg');
    expect(stop.output).toContain('--chain');
    expect(stop.output).toContain('--replace');
    expect(repo.git('config', 'core.hooksPath').code).toBe(1); // nothing changed

    const r = repo.cli(['install', '--no-save', '--chain']);
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain('pre-commit: .git/hooks/pre-commit (simple-git-hooks), then spark-guard');
    expect(r.output).toContain('commit-msg: .git/hooks/commit-msg (simple-git-hooks), then spark-guard');

    const c = commitFile(repo, marks, 'add a file through both hook sets');
    expect(c.code, c.output).toBe(0);
    expect(log()).toEqual(['sgh-pre-commit', 'sgh-commit-msg']);
    expect(c.output).toMatch(/✓ diff\s+pass/); // spark-guard ran too

    fs.writeFileSync(path.join(marks, 'log'), '');
    const bad = commitFile(repo, marks, 'a message with a forbidden word');
    expect(bad.code).not.toBe(0);
    expect(bad.output).toContain('check-msg: forbidden word');

    expect(repo.cli(['install', '--no-save', '--chain']).stdout).toContain('nothing to change');
    expect(repo.cli(['install', '--no-save']).stdout).toContain('nothing to change');
    const doctor = repo.cli(['doctor']);
    expect(doctor.stdout).toContain('✓ chained: .git/hooks/pre-commit (simple-git-hooks), .git/hooks/commit-msg (simple-git-hooks) run before spark-guard');

    // `npx simple-git-hooks` run by hand now writes into core.hooksPath, over husky's runner.
    writeHook(repo, '.husky/_/pre-commit', simpleGitHooksFile('node scripts/mark.cjs sgh-pre-commit'));
    const broken = repo.cli(['doctor']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain("husky's runner was replaced in .husky/_/pre-commit");
    const fix = repo.cli(['install', '--no-save']);
    expect(fix.code, fix.output).toBe(0);
    expect(repo.read('.husky/_/pre-commit')).toContain('/h"');

    const u = repo.cli(['uninstall']);
    expect(u.code, u.output).toBe(0);
    expect(u.output).toContain('.git/hooks/pre-commit (simple-git-hooks) runs again');
    expect(u.output).toMatch(/leaves spark-guard in devDependencies[^\n]*\.git\/spark-guard\//);
    expect(repo.git('config', 'core.hooksPath').code).toBe(1);
    fs.writeFileSync(path.join(marks, 'log'), '');
    const after = commitFile(repo, marks, 'a commit after uninstall');
    expect(after.code, after.output).toBe(0);
    expect(log()).toEqual(['sgh-pre-commit', 'sgh-commit-msg']);
    expect(after.output).not.toMatch(/✓ diff/);
  });
});

describe('install with lefthook, --replace', () => {
  it('says which hooks stop running; doctor reports them; uninstall makes them run again', () => {
    const { repo, marks, log } = setup({ 'lefthook.yml': 'pre-commit:\n  commands:\n    mark:\n      run: node scripts/mark.cjs lefthook\n', 'scripts/lefthook.sh': '#!/bin/sh\nnode scripts/mark.cjs lefthook-$2\n' });
    fs.chmodSync(path.join(repo.dir, 'scripts/lefthook.sh'), 0o755);
    writeHook(repo, '.git/hooks/pre-commit', lefthookFile('pre-commit'));
    repo.gitOk('add', '-A');
    repo.gitOk('-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', 'the project before spark-guard');
    const env = { MARKS: marks, LEFTHOOK_BIN: path.join(repo.dir, 'scripts/lefthook.sh') };

    const r = repo.cli(['install', '--no-save', '--replace']);
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain('.git/hooks/pre-commit (lefthook) will no longer run');
    repo.write({ 'a.txt': 'a\n' });
    repo.gitOk('add', 'a.txt');
    expect(repo.commit('a commit without lefthook now', env).code).toBe(0);
    expect(log()).toEqual([]);

    const doctor = repo.cli(['doctor']);
    expect(doctor.stdout).toContain('.git/hooks/pre-commit (lefthook) no longer runs');
    expect(doctor.stdout).toContain('install --chain');

    expect(repo.cli(['uninstall']).code).toBe(0);
    repo.write({ 'b.txt': 'b\n' });
    repo.gitOk('add', 'b.txt');
    expect(repo.commit('lefthook runs again', env).code).toBe(0);
    expect(log()).toEqual(['lefthook-pre-commit']);
  });
});

describe('install with a core.hooksPath folder', () => {
  it('chains every hook there, pre-commit and post-checkout alike; a hook added later is reported by doctor', () => {
    const { repo, marks, log } = setup({});
    writeHook(repo, '.githooks/pre-commit', '#!/bin/sh\nnode scripts/mark.cjs githooks-pre-commit\n');
    writeHook(repo, '.githooks/post-checkout', '#!/bin/sh\nnode scripts/mark.cjs githooks-post-checkout\n');
    repo.gitOk('config', 'core.hooksPath', '.githooks');
    repo.gitOk('add', '-A');
    repo.gitOk('-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', 'the project before spark-guard');

    const r = repo.cli(['install', '--no-save', '--chain']);
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain('chain post-checkout: .githooks/post-checkout (a hook script) (from .husky/post-checkout)');
    const c = commitFile(repo, marks, 'a commit through the chained hooks');
    expect(c.code, c.output).toBe(0);
    expect(run('git', ['checkout', '-q', '-b', 'topic'], repo.dir, { MARKS: marks }).code).toBe(0);
    expect(log()).toEqual(['githooks-pre-commit', 'githooks-post-checkout']);

    writeHook(repo, '.githooks/pre-push', '#!/bin/sh\nexit 0\n');
    const doctor = repo.cli(['doctor']);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain('.githooks/pre-push (a hook script) no longer runs');

    const u = repo.cli(['uninstall']);
    expect(u.code, u.output).toBe(0);
    expect(repo.gitOk('config', 'core.hooksPath').trim()).toBe('.githooks');
  });
});

describe('install names other hook managers it finds', () => {
  it('pre-commit (the Python tool) and husky 4', () => {
    const a = setup({ '.pre-commit-config.yaml': 'repos: []\n' }).repo;
    writeHook(a, '.git/hooks/pre-commit', '#!/usr/bin/env bash\n# File generated by pre-commit: https://pre-commit.com\n# ID: 138fd403232d2ddd5efb44317e38bf03\nexit 0\n');
    const ra = a.cli(['install', '--no-save']);
    expect(ra.code).toBe(2);
    expect(ra.output).toContain('.git/hooks/pre-commit (pre-commit)');

    const b = setup({}, { husky: { hooks: { 'pre-commit': 'lint-staged' } } }).repo;
    for (const hook of ['pre-commit', 'commit-msg', 'post-merge']) {
      writeHook(b, `.git/hooks/${hook}`, '#!/bin/sh\n# husky\n\n# Created by Husky v4.3.8 (https://github.com/typicode/husky#readme)\n\n. "$(dirname "$0")/husky.local.sh"\n. "$(dirname "$0")/husky.sh"\n');
    }
    const rb = b.cli(['install', '--no-save']);
    expect(rb.code).toBe(2);
    expect(rb.output).toContain('.git/hooks/pre-commit (husky 4)');
    // husky 4 installs every hook but runs only those its config names.
    expect(rb.output).not.toContain('post-merge');
  });
});
