/** The one commit-message decision every route takes (src/commit-msg/decide.ts), from a table. */
import { describe, expect, it } from 'vitest';
import { decideMessage, messageOutcome, type MessageVerdict } from '../../../src/commit-msg/decide.js';

const rules = { minLength: 10, maxSubjectLength: 72, conventional: false, banned: ['wip'] };
const template = (c: string) => `${c} Please enter the commit message for your changes. Lines starting\n${c} with '${c}' will be ignored, and an empty message aborts the commit.\n`;
const decide = (message: string | Buffer, env: NodeJS.ProcessEnv = {}, merge = false) => decideMessage({ env, rules, message, merge });
const short = (v: MessageVerdict) => (v.status === 'fail' ? `fail ${v.findings.map((f) => f.rule.replace('commitMessage.', '')).join(',')}` : `${v.status}${v.silent ? ' silent' : ''}`);

describe('decideMessage', () => {
  it.each<[string, string | Buffer, NodeJS.ProcessEnv, boolean, string]>([
    ['a good message passes silently', 'Describe the change well\n', {}, false, 'pass silent'],
    ['bytes as git wrote them', Buffer.from('Describe the change well\n'), {}, false, 'pass silent'],
    ['a banned, short message fails', 'wip\n', {}, false, 'fail banned,minLength'],
    ['an empty message fails even in a merge', '\n', {}, true, 'fail empty'],
    ['a merge is exempt from length', 'wip\n', {}, true, 'pass silent'],
    ['SPARK_GUARD=0 is off, whatever the message', 'wip\n', { SPARK_GUARD: '0' }, false, 'off'],
    ['SPARK_GUARD_SKIP=message skips (and so says something)', 'wip\n', { SPARK_GUARD_SKIP: 'diff, message' }, false, 'skip'],
    ['SPARK_GUARD_SKIP naming other gates judges', 'wip\n', { SPARK_GUARD_SKIP: 'diff,messages' }, false, 'fail banned,minLength'],
    ['SPARK_GUARD_SKIP naming other gates, passing: silent', 'Describe the change well\n', { SPARK_GUARD_SKIP: 'diff' }, false, 'pass silent'],
    ['DEBUG=spark-guard: a pass that shows its work', 'Describe the change well\n', { DEBUG: 'spark-guard' }, false, 'pass'],
    ['another DEBUG namespace: silent', 'Describe the change well\n', { DEBUG: 'express:*' }, false, 'pass silent'],
    ["the editor's comments are not the message", `tweak\n${template('#')}`, {}, false, 'fail minLength'],
    ['nor are they with core.commentChar=;', `tweak\n${template(';')}`, {}, false, 'fail minLength'],
    ['with ; as the comment char, a # line is the message', `#42 keep CRLF line endings\n${template(';')}`, {}, false, 'pass silent'],
  ])('%s', (_, message, env, merge, expected) => {
    expect(short(decide(message, env, merge))).toBe(expected);
  });

  it('a failure says what is wrong and how to fix it; a skip carries its warning', () => {
    const fail = decide('wip\n');
    expect(messageOutcome(fail)).toMatchObject({ status: 'fail', message: '2 message rules broken' });
    expect(messageOutcome(fail).details).toContain('Say what changed and why');
    const skip = decide('wip\n', { SPARK_GUARD_SKIP: 'message' });
    expect(skip.status === 'skip' && skip.warning).toContain('skipping message because SPARK_GUARD_SKIP asks to');
    expect(messageOutcome(skip)).toEqual({ status: 'skip', message: 'skipped by SPARK_GUARD_SKIP' });
  });
});
