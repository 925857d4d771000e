import { describe, expect, it } from 'vitest';
import { addLine, earlierLines, hookLine, isEmptyHook, removeLine } from '../../../src/install/hook-lines.js';
import { withPrepare } from '../../../src/install/package-json.js';

describe('hook lines', () => {
  const line = hookLine('pre-commit');
  it('are the shims in hooks/, handling SPARK_GUARD=0 in sh', () => {
    expect(line).toContain('spark-guard run pre-commit "$@"');
    expect(line).toContain('SPARK_GUARD');
    expect(hookLine('post-commit')).toContain('note-pending');
    expect(hookLine('commit-msg')).toContain('|| spark-guard-commit-msg "$@"');
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
