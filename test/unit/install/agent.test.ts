import { describe, expect, it } from 'vitest';
import { isGuardCommand, withGuard, withoutGuard } from '../../../src/install/agent.js';

const ours = { type: 'command', command: 'node_modules/.bin/spark-guard guard' };

describe('the guard hook entry in agent settings', () => {
  it('recognises our command however spark-guard is called, and nothing else', () => {
    for (const c of ['spark-guard guard', 'node_modules/.bin/spark-guard guard', 'npx spark-guard guard', '"/x y/node_modules/.bin/spark-guard" guard']) expect(isGuardCommand(c), c).toBe(true);
    for (const c of ['spark-guard check', './audit.sh', 'my-spark-guard guard', 'spark-guard guard --command x', undefined]) expect(isGuardCommand(c), String(c)).toBe(false);
  });

  it('adds one entry, keeps every other key and hook, and updates an older matcher in place', () => {
    const theirs = { model: 'x', hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: './audit.sh' }] }], PostToolUse: [] } };
    const added = withGuard(theirs, 'Bash|Write|Edit|MultiEdit', ours.command)!;
    expect(added).toEqual({ model: 'x', hooks: { PreToolUse: [...theirs.hooks.PreToolUse, { matcher: 'Bash|Write|Edit|MultiEdit', hooks: [ours] }], PostToolUse: [] } });
    expect(withGuard(added, 'Bash|Write|Edit|MultiEdit', ours.command)).toBeNull();
    const older = withGuard({ hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'spark-guard guard' }] }] } }, 'Bash|Write|Edit|MultiEdit', ours.command)!;
    expect(older.hooks!.PreToolUse).toEqual([{ matcher: 'Bash|Write|Edit|MultiEdit', hooks: [ours] }]);
  });

  it('removes exactly our hook: an entry shared with another hook keeps that hook; empty lists and objects go', () => {
    const shared = { hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: './audit.sh' }, ours] }] } };
    expect(withoutGuard(shared)).toEqual({ hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: './audit.sh' }] }] } });
    expect(withoutGuard({ hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [ours] }] } })).toEqual({});
    expect(withoutGuard({ hooks: { Stop: [] } })).toBeNull();
  });
});
