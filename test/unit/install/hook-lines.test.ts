import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addLine, earlierLines, hookLine, isEmptyHook, removeLine } from '../../../src/install/hook-lines.js';
import { withPrepare } from '../../../src/install/package-json.js';
import { GIT } from '../../../src/git/commands.js';
import { PIPED_DIFF_ENV } from '../../../src/diff/piped.js';

describe('hook lines', () => {
  const line = hookLine('pre-commit');
  it('are the shims in hooks/, handling SPARK_GUARD=0 in sh', () => {
    expect(line).toContain('spark-guard run pre-commit "$@"');
    expect(line).toContain('SPARK_GUARD');
    expect(hookLine('post-commit')).toContain('note-pending');
    expect(hookLine('commit-msg')).toContain('then spark-guard-commit-msg "$@"');
    expect(line).toContain('then spark-guard-pre-commit "$@"');
  });
  it('pre-commit: the shim runs the very git diff the TypeScript side would run, and pipes it to Node', () => {
    const shim = fs.readFileSync(path.join(import.meta.dirname, '../../../bin/spark-guard-pre-commit'), 'utf8');
    const gitLine = shim.split('\n').find((l) => l.trim().startsWith('git '))!;
    expect(gitLine.trim().replace(/ 2>\/dev\/null$/, '').split(' ').slice(1)).toEqual(GIT.rawNumstatPatch({ kind: 'staged' }));
    expect(shim).toContain(`| ${PIPED_DIFF_ENV}=stdin spark-guard run pre-commit "$@"`);
  });
  it('pre-commit: spark-guard-pre-commit when installed, else (an older package) spark-guard run pre-commit', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-guard-hook-line-'));
    try {
      const script = (name: string) => fs.writeFileSync(path.join(dir, name), `#!/bin/sh\necho "${name} $*"\n`, { mode: 0o755 });
      script('spark-guard');
      const run = () => spawnSync('sh', ['-e', '-c', line, 'sh'], { env: { PATH: `${dir}:/usr/bin:/bin` }, encoding: 'utf8' });
      expect(run().stdout).toBe('spark-guard run pre-commit\n');
      script('spark-guard-pre-commit');
      expect(run().stdout).toBe('spark-guard-pre-commit \n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  it('commit-msg: spark-guard-commit-msg when installed, else (an older package) spark-guard run commit-msg', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-guard-hook-line-'));
    try {
      const script = (name: string) => fs.writeFileSync(path.join(dir, name), `#!/bin/sh\necho "${name} $*"\n`, { mode: 0o755 });
      script('spark-guard');
      const run = () => spawnSync('sh', ['-e', '-c', hookLine('commit-msg'), 'sh', '.git/COMMIT_EDITMSG'], { env: { PATH: `${dir}:/usr/bin:/bin` }, encoding: 'utf8' });
      expect(run().stdout).toBe('spark-guard run commit-msg .git/COMMIT_EDITMSG\n');
      script('spark-guard-commit-msg');
      expect(run().stdout).toBe('spark-guard-commit-msg .git/COMMIT_EDITMSG\n');
      expect(spawnSync('sh', ['-e', '-c', hookLine('commit-msg')], { env: { PATH: `${dir}:/usr/bin:/bin`, SPARK_GUARD: '0' }, encoding: 'utf8' }).stdout).toContain('SPARK_GUARD=0');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  it.each(['commit-msg', 'pre-commit'] as const)("take an earlier version's line's place, and both go on removal (%s)", (hook) => {
    const now = hookLine(hook);
    const [earlier] = earlierLines(hook);
    expect(addLine(`a\n${earlier}\nb\n`, now, [earlier!])).toBe(`a\n${now}\nb\n`);
    expect(addLine(`a\n${now}\n${earlier}\n`, now, [earlier!])).toBe(`a\n${now}\n`);
    expect(addLine(`a\n${now}\n`, now, [earlier!])).toBeNull();
    expect(removeLine(`${earlier}\nb\n`, now, [earlier!])).toBe('b\n');
  });
  it('are added once, keeping content, and removed exactly', () => {
    expect(addLine(null, line)).toBe(`${line}\n`);
    const added = addLine('echo hi', line)!;
    expect(added).toBe(`echo hi\n${line}\n`);
    expect(addLine(added, line)).toBeNull();
    expect(removeLine(added, line)).toBe('echo hi\n');
    expect(removeLine('echo hi\n', line)).toBeNull();
    expect(isEmptyHook('#!/bin/sh\n\n')).toBe(true);
    expect(isEmptyHook('echo hi\n')).toBe(false);
  });
  it('prepare gains husky once', () => {
    expect(withPrepare(undefined)).toBe('husky');
    expect(withPrepare('tsc')).toBe('tsc && husky');
    expect(withPrepare('husky')).toBeNull();
    expect(withPrepare('tsc && husky')).toBeNull();
    expect(withPrepare('husky-ish')).toBe('husky-ish && husky');
  });
});
