import { describe, expect, it } from 'vitest';
import { parseVerifyCommands } from '../../../src/agent/verify.js';
import { checklist, tickedItems } from '../../../src/agent/memory.js';
import { parseWorktreeList } from '../../../src/agent/overlap.js';
import { parseMarkdown, pathLike, scriptRefs } from '../../../src/agent/markdown.js';
import { GUARDRAILS_END, GUARDRAILS_START, withGuardrails } from '../../../src/agent/init.js';
import { normalisePatch } from '../../../src/agent/suggest.js';

describe('VERIFY.md commands', () => {
  it('takes each command line of sh/bash/shell fences, in order, with its line', () => {
    const text = ['# Verify', '```sh', '# types first', 'npm run typecheck', '', '$ npm test', '```', '```js', 'not(a, command)', '```', '~~~bash', 'npx eslint \\', '  src', '~~~', '````shell', 'echo "```"', '````'].join('\n');
    expect(parseVerifyCommands(text)).toEqual([
      { n: 1, line: 4, command: 'npm run typecheck' },
      { n: 2, line: 6, command: 'npm test' },
      { n: 3, line: 12, command: 'npx eslint src' },
      { n: 4, line: 16, command: 'echo "```"' },
    ]);
  });

  it('finds nothing outside fences or in an unclosed fence without commands', () => {
    expect(parseVerifyCommands('npm test\n\n```sh\n# only a comment\n```\n')).toEqual([]);
  });
});

describe('plan items', () => {
  it('counts items ticked by the change, new ticked ones included, edits of other lines not', () => {
    const before = '- [ ] one\n- [ ] two\n- [x] done before\n* [ ] three\n';
    const after = '- [x] one\n- [ ] two (reworded)\n- [x] done before\n* [X] three\n- [x] brand new\n';
    expect(tickedItems(before, after)).toEqual(['one', 'three', 'brand new']);
    expect(checklist('1. [x] numbered\n  - [ ] nested\n').get('numbered')).toBe(true);
    expect(tickedItems(after, before)).toEqual([]);
  });
});

describe('git worktree list --porcelain -z', () => {
  it('reads each worktree with its branch', () => {
    const out = ['worktree /r/main', 'HEAD abc', 'branch refs/heads/main', '', 'worktree /r/wt two', 'HEAD def', 'detached', '', 'worktree /r/gone', 'HEAD 123', 'branch refs/heads/x', 'prunable gitdir file points to non-existent location', '', ''].join('\0');
    expect(parseWorktreeList(out)).toEqual([
      { path: '/r/main', branch: 'main', bare: false, prunable: false },
      { path: '/r/wt two', branch: '(detached HEAD)', bare: false, prunable: false },
      { path: '/r/gone', branch: 'x', bare: false, prunable: true },
    ]);
  });
});

describe('Markdown references', () => {
  it('takes links, definitions, images, path and script code spans; skips code blocks, HTML, comments and external URLs', () => {
    const md = [
      '# Title `x`',
      '',
      '[a](a.md) ![i](img/i.png) [ref][r] <https://x.y/z>',
      '',
      '[r]: docs/ref.md',
      '',
      'Use `src/a.ts:12`, `npm run build`, `pnpm lint`, `yarn add x`, `not a path`, `https://x.y/a.md`, `*.md`, `a/b`.',
      'Then npm run check and yarn run fmt.',
      '',
      '```sh',
      'npm run hidden [h](hidden.md) `src/hidden.ts`',
      '```',
      '',
      '    [indented](code.md)',
      '',
      '<!-- [c](comment.md) npm run commented -->',
      '<a name="custom-anchor"></a>',
      '',
      '## Title `x`',
    ].join('\n');
    const { refs, anchors } = parseMarkdown(md);
    expect(refs).toEqual([
      { kind: 'link', value: 'a.md', line: 3 },
      { kind: 'link', value: 'img/i.png', line: 3 }, // <https://x.y/z>: external, not kept
      { kind: 'link', value: 'docs/ref.md', line: 5 },
      { kind: 'path', value: 'src/a.ts', line: 7 },
      { kind: 'script', value: 'npm\tbuild', line: 7 },
      { kind: 'script', value: 'pnpm\tlint', line: 7 },
      { kind: 'script', value: 'npm\tcheck', line: 8 },
      { kind: 'script', value: 'yarn\tfmt', line: 8 },
    ]);
    expect([...anchors].sort()).toEqual(['custom-anchor', 'title-x', 'title-x-1']);
  });

  it('takes no anchor from an HTML comment, indented or not', () => {
    expect([...parseMarkdown(' <!-- <a name="x"></a> -->\n<!--\n<a id="y"></a>\n-->\n<a id="z"></a>\n').anchors]).toEqual(['z']);
  });

  it('knows a path from other code', () => {
    expect(pathLike('src/gates/')).toBe('src/gates/');
    expect(pathLike('docs/a.md:3')).toBe('docs/a.md');
    expect(pathLike('src/a.ts#L3')).toBe('src/a.ts');
    expect(pathLike('spark-guard/presets/recommended')).toBeNull();
    expect(pathLike('a b/c.md')).toBeNull();
    expect(scriptRefs('npm run -s x', false)).toEqual([]);
  });
});

describe('Guardrails markers', () => {
  it('replaces only what stands between them, or appends them', () => {
    const text = `# A\n\n${GUARDRAILS_START}\nold\n${GUARDRAILS_END}\n\n## After\n`;
    expect(withGuardrails(text, 'new')).toBe(`# A\n\n${GUARDRAILS_START}\nnew\n${GUARDRAILS_END}\n\n## After\n`);
    expect(withGuardrails('# B\n\n', 'x')).toBe(`# B\n\n${GUARDRAILS_START}\nx\n${GUARDRAILS_END}\n`);
  });
});

describe('suggested patch', () => {
  it('is unwrapped from a code fence and ends with a newline', () => {
    expect(normalisePatch('```diff\n--- a/x\n+++ b/x\n```')).toBe('--- a/x\n+++ b/x\n');
    expect(normalisePatch('--- a/x\r\n+++ b/x')).toBe('--- a/x\n+++ b/x\n');
  });
});
