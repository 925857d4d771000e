import { describe, expect, it } from 'vitest';
import { resolveSkips } from '../../../src/run/skips.js';

describe('resolveSkips', () => {
  it('SPARK_GUARD_SKIP skips with a warning; --skip silently; unknown names warn', () => {
    const { skip, warnings } = resolveSkips(['diff', 'files', 'test'], { SPARK_GUARD_SKIP: 'diff, test,nope' }, 'files');
    expect([...skip]).toEqual([
      ['diff', 'SPARK_GUARD_SKIP'],
      ['test', 'SPARK_GUARD_SKIP'],
      ['files', '--skip'],
    ]);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('skipping diff, test because SPARK_GUARD_SKIP asks to');
    expect(warnings[1]).toContain('nope is not a gate');
  });
});
