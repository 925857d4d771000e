import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addLine, earlierLines, hookLine, isEmptyHook, removeLine } from '../../../src/install/hook-lines.js';
import { withPrepare } from '../../../src/install/package-json.js';

describe('hook lines', () => {
  const line = hookLine('pre-commit');
  it('are the shims in hooks/, handling SPARK_GUARD=0 in sh', () => {
    expect(line).toContain('spark-guard run pre-commit "$@"');
    expect(line).toContain('SPARK_GUARD');
    expect(hookLine('post-commit')).toContain('note-pending');
    expect(hookLine('commit-msg')).toContain('then spark-guard-commit-msg "$@"');
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
  it("take an earlier version's line's place, and both go on removal", () => {
    const now = hookLine('commit-msg');
    const [earlier] = earlierLines('commit-msg');
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
