import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../../src/agent/markdown.js';
import { parseMarkdownFast } from '../../../src/agent/markdown-fast.js';
import type { ParsedMarkdown } from '../../../src/agent/markdown-refs.js';

/** What the docs gate reads: refs in document order, anchors as a set. */
const view = (p: ParsedMarkdown) => ({ refs: p.refs, anchors: [...p.anchors].sort() });

/** The fast reader answers exactly what the full parser does, or null. */
function agrees(md: string): boolean {
  const fast = parseMarkdownFast(md);
  if (!fast) return false;
  expect(view(fast), md).toEqual(view(parseMarkdown(md)));
  return true;
}

/** Pages the fast reader must take (and agree on): the Markdown most docs are made of. */
const PLAIN = [
  // the bench's generated page
  ['# Page 7', '', '## Usage', '', ...Array.from({ length: 5 }, (_, k) => `- See [page ${k}](p${k}.md#usage), \`src/a.js\` and [the top](#page-7).`), ''].join('\n'),
  '# Title `x`\n\n## Title `x`\n\n### Title   `` `x` ``  ###\n\n#### Q&A: a_b and *em* ~~del~~ **strong** ####\n\nSetext\n======\n\nTwo\n---\n',
  '1. Install:\n\n   ```sh\n   npm run build [x](not-a-link.md)\n   ```\n\n2. Then `npm run test` and [the guide](docs/guide.md#set-up).\n   - nested [n](n.md)\n     - deeper `src/deep.ts:12`\n10) ten [t](t.md)\n',
  '[ref]: docs/ref.md\n[Other Ref]: https://example.com "title"\n\nUse [ref], [the ref][ref], [ref][], [other ref][] and [unknown].\n',
  '| a | b |\n|---|:-:|\n| [x](x.md) | `src/a.ts` |\n| `pnpm lint` | [y](y.md "t") |\n',
  '[![build](https://img.example/b.svg)](https://ci.example) [![local](img/b.png)](docs/ci.md) ![alt `src/alt.ts`](img/a.png)\n',
  '    [indented](code.md) `src/code.ts`\n\n~~~\n[in](tilde.md)\n~~~\n\n````md\n```\n[in](nested.md)\n```\n````\n',
  'Links: [a](a.md "t"), [c](c(1).md), [d]( d.md ), [e](e.md \'t\'), [f](f.md (t)), [g](), [h](#h), [i](https://x.y/i.md), [j](j.md?x#y).\n',
  'See https://example.com/a and www.example.com and me@example.com, [https://x.y](z.md).\n',
  '* * *\n- - -\n___\n\n+ plus [p](p.md)\n* star [s](s.md)\n\n3. three\n4. four `docs/four.md`\n',
  'para\n  continued [c](c.md)\n    more `src/more.ts`\nlazy? [l](l.md)\n\n- item\nlazy [li](li.md)\n',
  'Windows line endings [w](w.md)\r\n\r\n## Heading\r\n',
  '<!-- [c](comment.md) -->\n',
  '> **Note** see [n](n.md) and `src/n.ts`.\n> lazy\ncontinued [l](l.md)\n>\n> - a quoted item [q](q.md)\n>   ```\n>   [in](fence.md)\n>   ```\n> > ## Nested `quote`\n\n- > in an item [i](i.md)\n  > more\n',
  '<!-- perf:start -->\n| a |\n|---|\n<!-- perf:end -->\n\n<!--\n[hidden](h.md) `src/h.ts`\n\n## not a heading\n-->\n- item\n  <!-- in an item [i](i.md) --> [after](after.md)\n',
];

/** Pages it leaves to the full parser (null), each for a reason the header of markdown-fast.ts gives. */
const LEFT = [
  '<div>\n\n[x](x.md)\n\n</div>\n',
  'Inline <a name="anchor"></a> html.\n',
  '> quoted [q](q.md)\n>moved [m](m.md)\n',
  '> ```\nfence closed by a line without `>`\n',
  'An \\[escaped](e.md) bracket.\n',
  'An &amp; [entity](a&amp;b.md).\n',
  'A footnote[^1].\n\n[^1]: note.md\n',
  'Run npm run build first.\n',
  'A [link\nover two lines](two.md).\n',
  'A `code span\nover two lines`.\n',
  '[def]:\n  next-line.md\n',
  '- \tTabbed item\n',
  '-\n  empty item\n',
  '[outer [inner](i.md)](o.md)\n',
  'A [pointy](<b.md>) destination.\n',
  '<!-->\n[x](x.md)\n',
  '- a\n  <!--\nlazy -->\n',
];

describe('the fast Markdown reader', () => {
  it.each(PLAIN.map((md) => [md.slice(0, 40), md]))('takes %j and agrees with the full parser', (_, md) => {
    expect(agrees(md)).toBe(true);
  });

  it.each(LEFT.map((md) => [md.slice(0, 40), md]))('leaves %j to the full parser', (_, md) => {
    expect(parseMarkdownFast(md)).toBeNull();
  });

  it('agrees with the full parser on generated Markdown (or leaves it)', () => {
    let taken = 0;
    let total = 0;
    for (const [mode, count] of [['plain', 800], ['mild', 300], ['wild', 300]] as const) {
      const rnd = random(mode.length * 7919);
      for (let n = 0; n < count; n++) {
        total++;
        if (agrees(generate(rnd, mode))) taken++;
      }
    }
    // Most of it must be taken, or the comparison proves little.
    expect(taken).toBeGreaterThan(total / 5);
  });
});

/** mulberry32: a small seeded generator, so a failure reproduces. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Markdown from the pieces the reader models and the ones it must leave: lists nested and lazy,
 * fences in items, definitions and references, tables, headings, and (outside `plain`) HTML,
 * escapes, entities, footnotes, links across lines, autolink literals next to brackets.
 */
function generate(rnd: () => number, mode: 'plain' | 'mild' | 'wild'): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const wild = mode === 'wild';
  const plain = mode === 'plain';
  const words = ['see', 'the', 'docs', 'a', 'Bar', 'x_y', 'run', 'npm', 'Q&A', 'a*b', '~x~', '**bold**', '*em*', '_em_', '(paren)', '!', '|', '#', '1.', '-', '*', ':', '"q"', 'é'];
  const odd = ['&amp;', '&', '\\', '<b>', '[', ']', '`', '``', '[^1]', '<!-- c -->', '<https://a.b>', '\\[x](y)', 'https://a.b/`x`', 'www.a.com/[x](y.md)'];
  const dests = ['a.md', 'docs/b.md#usage', '#top', '../up.md', 'https://ext.com/x', 'img/i.png', 'p(1).md', 'a b', '', 'd.md "title"', "e.md 'title'", 'f.md (title)', 'g.md "t" x', 'h%20i.md'];
  const oddDests = ['<c.md>', 'j.md?x=1&amp;y=2', 'k.md|l'];
  const labels = ['ref', 'Ref', 'other', 'x y', 'undefined'];
  const inline = (depth = 0): string => {
    const parts: string[] = [];
    for (let n = 1 + Math.floor(rnd() * 6); n > 0; n--) {
      const r = rnd();
      const dest = wild && rnd() < 0.2 ? pick(oddDests) : pick(dests);
      if (r < 0.35) parts.push(wild && rnd() < 0.3 ? pick(odd) : pick(words));
      else if (r < 0.5) parts.push(`[${depth < 1 && rnd() < (plain ? 0.03 : 0.2) ? inline(depth + 1) : pick(words)}](${dest})`);
      else if (r < 0.55) parts.push(`![${pick(words)}](${dest})`);
      else if (r < 0.68) parts.push('`' + pick(['src/a.ts', 'docs/x.md', 'npm run build', 'pnpm lint', 'yarn add x', ' a ', ' ', 'a|b', 'src/gates/', 'not a path']) + '`');
      else if (r < 0.7) parts.push('``' + pick(['a ` b', ' `x` ']) + '``');
      else if (r < 0.76) parts.push(pick([`[${pick(labels)}][${pick(labels)}]`, `[${pick(labels)}][]`, `[${pick(labels)}]`, `[${pick(labels)}] (x.md)`]));
      else if (r < 0.8 && !plain) parts.push(pick(['npm run check', 'pnpm run x', 'yarn run fmt', 'bun run y']));
      else if (r < 0.88) parts.push(pick(['https://a.b/x', 'www.a.com', 'a@b.com', '[https://x.com](y.md)', '[w](www.x.com)']));
      else if (r < 0.95) parts.push(pick(['[![a](b.png)](c.md)', '[a ![b `src/c.ts`](c.png) d](e.md)', '[![a][ref]](x.md)', '![a ![b](c)](d.md)', '[![a](b)', '[`x/y.md`](z.md)', '![`x/y.md`](z.md)', '[a](b"t")', '[a](b(c)d)']));
      else parts.push(pick(words) + pick(words));
    }
    return parts.join(rnd() < 0.9 ? ' ' : '');
  };
  const block = (indent: string, depth: number): string[] => {
    const r = rnd();
    const out: string[] = [];
    if (depth < 3 && rnd() < 0.12) {
      // a block quote around a block, its markers now and then moved, left out (lazy) or alone
      const mark = pick(['> ', '>', ' > ', '>  ']);
      for (const line of block('', depth + 1)) out.push(indent + (rnd() < 0.1 ? '' : pick([mark, mark, mark, '>', '> '])) + line);
      if (rnd() < 0.3) out.push(indent + pick(['>', '> ', '']));
      return out;
    }
    if (r < 0.12) out.push(indent + '#'.repeat(1 + Math.floor(rnd() * 7)) + pick([' ', '', '  ']) + inline() + pick(['', ' #', ' ##  ', '#']));
    else if (r < 0.16) out.push(indent + inline(), indent + pick(['===', '---', '-', '= =', '  ---  ']));
    else if (r < 0.4) for (let k = 1 + Math.floor(rnd() * 3); k > 0; k--) out.push(indent + pick(['', '', '', ' ', '  ', '    ']) + inline());
    else if (r < 0.6 && depth < 3) {
      const ordered = rnd() < 0.4;
      for (let k = 1 + Math.floor(rnd() * 3); k > 0; k--) {
        const marker = ordered ? pick(['1.', '2.', '1)', '10.', '3.']) : pick(['-', '*', '+']);
        const space = pick(plain ? [' ', ' ', '  ', '   ', '    '] : [' ', ' ', '  ', '   ', '     ']);
        const inner = indent + ' '.repeat(marker.length + space.length);
        const sub = block(inner, depth + 1);
        sub[0] = indent + marker + space + sub[0]!.slice(inner.length);
        out.push(...sub);
        if (rnd() < 0.3) out.push('');
        if (rnd() < 0.3) out.push(...block(inner, depth + 1));
        if (rnd() < 0.15) out.push(inline()); // lazy
      }
    } else if (r < 0.7) {
      out.push(indent + pick(['```', '~~~', '````', '``` js', '```sh']));
      for (let k = 0; k < 2; k++) out.push(indent + pick(['', '  ', '      ', '']) + inline());
      if (rnd() < 0.9) out.push(indent + pick(['```', '~~~', '````', '  ```', '```  ']));
    } else if (r < 0.75) out.push(indent + '    ' + inline(), indent + pick(['    ', '      ', '']) + inline());
    else if (r < 0.8) out.push(indent + pick(['---', '***', '* * *', '___', '- - -']));
    else if (r < 0.87) out.push(indent + `[${pick(labels)}]:` + pick([' ', '', '  ']) + pick(['ref.md', 'docs/ref.md', 'ref.md "t"', "ref.md 't'", 'ref.md (t)', 'https://x.y', 'x.md junk', '']));
    else if (r < 0.92) out.push(indent + '| a | b |', indent + pick(['|---|---|', '| - | :-: |', '--|--', '- | -']), `${indent}| ${inline()} | ${inline()} |`);
    else if (r < 0.96 && rnd() < 0.5) {
      out.push(indent + pick(['<!-- a -->', '<!--', '<!-- [x](c.md) `src/c.ts`', '<!---->', '<!-->', '<!--->', '<!-- a --> [y](d.md)', '  <!-- b', '    <!-- code -->', ' <!-- name="n"']));
      for (let k = rnd() < 0.5 ? 0 : 2; k > 0; k--) out.push(indent + pick(['', '  ', '']) + inline());
      if (rnd() < 0.8) out.push(indent + pick(['-->', 'x -->', '  -->', '--> [z](e.md)', '- -->']));
    } else if (r < 0.94 && wild) out.push(indent + pick(['> ' + inline(), '<div>', '<!-- x -->', '<a name="n"></a>', '\t' + inline()]));
    else out.push(indent + inline());
    return out;
  };
  const lines: string[] = [];
  for (let k = 1 + Math.floor(rnd() * 6); k > 0; k--) {
    lines.push(...block('', 0));
    if (rnd() < 0.6) lines.push('');
  }
  return lines.join('\n') + (rnd() < 0.8 ? '\n' : '');
}
