import { describe, expect, it } from 'vitest';
import { checkMessage, cleanMessage } from '../../../src/gates/message.js';

const config = { minLength: 10, maxSubjectLength: 72, conventional: false, banned: ['wip'] };
const rules = (msg: string, overrides: Partial<typeof config> = {}, merge = false) =>
  checkMessage(msg, { ...config, ...overrides }, { merge }).map((f) => f.rule.replace('commitMessage.', ''));

describe('cleanMessage', () => {
  it('strips comments, the scissors tail and surrounding blank lines', () => {
    expect(cleanMessage('\nSubject line\n\nBody\n# Please enter the commit message for your changes.\n#\n')).toBe('Subject line\n\nBody');
    expect(cleanMessage('Subject\n# ------------------------ >8 ------------------------\ndiff --git a b\n')).toBe('Subject');
    expect(cleanMessage('# Please enter the commit message for your changes.\n# only comments\n')).toBe('');
    // git commit -m keeps a leading #: an issue reference is a message, not a comment
    expect(cleanMessage('#123 Fix the login redirect loop\n')).toBe('#123 Fix the login redirect loop');
  });

  it('takes the comment character from git\'s template (core.commentChar, auto), never assumes #', () => {
    const template = (c: string, verb = 'ignored') =>
      `${c} Please enter the commit message for your changes. Lines starting\n${c} with '${c}' will be ${verb}, and an empty message aborts the commit.\n${c}\n${c} On branch main\n`;
    expect(cleanMessage(`tweak\n\n${template(';')}`)).toBe('tweak');
    expect(cleanMessage(`#42 keep CRLF endings\n${template(';')}`)).toBe('#42 keep CRLF endings');
    expect(cleanMessage(`#42 keep CRLF endings\n; body\n${template(';')}; ------------------------ >8 ------------------------\ndiff --git a/x b/x\n`)).toBe('#42 keep CRLF endings');
    expect(cleanMessage(`Subject\n@ note\n${template('@')}`)).toBe('Subject');
    // --cleanup=whitespace: git keeps comment lines, and so does the judgement
    expect(cleanMessage(`Subject\n${template('#', 'kept')}`)).toContain('# On branch main');
    // another prefix's scissors line in the message is text
    expect(cleanMessage(`Subject\n# ------------------------ >8 ------------------------\nmore\n${template(';')}`)).toContain('more');
  });
});

describe('checkMessage', () => {
  it.each([
    ['Add the check command to the CLI', {}, []],
    ['', {}, ['empty']],
    ['wip', {}, ['banned', 'minLength']],
    ['WIP.', {}, ['banned', 'minLength']],
    ['wip: half of the parser rewrite', {}, []],
    ['short', {}, ['minLength']],
    ['x'.repeat(73), {}, ['maxSubjectLength']],
    ['x'.repeat(72), {}, []],
    ['Add things to the parser', { conventional: true }, ['conventional']],
    ['feat(parser): add things', { conventional: true }, []],
    ['feat!: drop Node 18 support', { conventional: true }, []],
    ['fix:no space after colon', { conventional: true }, ['conventional']],
    ['fixup! x', { conventional: true }, []],
    ['squash! y', {}, []],
    ["Merge branch 'topic'", { conventional: true }, []],
  ])('%j %j → %j', (msg, overrides, expected) => {
    expect(rules(msg, overrides)).toEqual(expected);
  });

  it('merge commits are exempt from length and format rules, but not from emptiness', () => {
    expect(rules('x', { conventional: true }, true)).toEqual([]);
    expect(rules('', {}, true)).toEqual(['empty']);
  });
});
