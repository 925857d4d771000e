import { describe, expect, it } from 'vitest';
import { addLine, hookLine, isEmptyHook, removeLine } from '../../../src/install/hook-lines.js';
import { withPrepare } from '../../../src/install/package-json.js';

describe('hook lines', () => {
  const line = hookLine('pre-commit');
  it('are the shims in hooks/, handling SPARK_GUARD=0 in sh', () => {
    expect(line).toContain('spark-guard run pre-commit "$@"');
    expect(line).toContain('SPARK_GUARD');
    expect(hookLine('post-commit')).toContain('note-pending');
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
