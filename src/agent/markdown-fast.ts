/**
 * The docs gate's fast Markdown reader: the same refs and anchors as ./markdown.ts (micromark +
 * GFM), ~100x faster, for the Markdown most pages are made of: paragraphs, ATX and one-line setext
 * headings, lists, block quotes, fenced and indented code, thematic breaks, HTML comment blocks,
 * one-line link reference definitions, tables, and inline links, images and code spans that open
 * and close on one line. Anything else — other HTML, backslash escapes, character references,
 * footnotes, tabs outside a top-level fence, a bracket or backtick left open at the end of a line, a
 * link whose title or destination would go on on the next line, a script named in prose, the lazy
 * lines after code in a container, a quote marker that moves — makes it answer null ("not sure"),
 * and the page goes to the full parser. It is a line scanner that follows micromark's block
 * algorithm for containers (list items, quotes), so what it answers is exactly what the full parser
 * would: test/unit/agent/markdown-fast.test.ts compares both over hand-written and generated Markdown.
 */
import GithubSlugger from 'github-slugger';
import { codeRefs, EXTERNAL, type ParsedMarkdown, type Ref } from './markdown-refs.js';

/** The open leaf block of the innermost container. */
const NONE = 0;
const PARA = 1;
const FENCE = 2;
const ICODE = 3;
/** An HTML comment block (`<!--` to the line holding `-->`): nothing in it counts. */
const COMMENT = 4;

/** Inline work for the second pass (every definition must be known first): [kind, start, end, line]. */
const J_PARA = 0;
const J_HEADING = 1;
const J_DEF = 2;

const ENTITY = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/y;
const SETEXT = /^(?:=+|-+) *$/;
const THEMATIC = /^([-*_])(?: *\1){2,} *$/;
const DELIMITER_ROW = /^ *\|? *:?-+:? *(?:\| *:?-+:? *)*\|? *$/;
const PROSE_SCRIPT = /(?:npm|pnpm|yarn|bun) run/;

/** micromark's normalizeIdentifier: how labels of definitions and references compare. */
function normalizeLabel(value: string): string {
  return value
    .replace(/[\t\n\r ]+/g, ' ')
    .replace(/^ | $/g, '')
    .toLowerCase()
    .toUpperCase();
}

function isEntity(src: string, at: number): boolean {
  ENTITY.lastIndex = at;
  return ENTITY.test(src);
}

/** Refs and anchors of `text`, or null when this reader cannot be sure of them. */
export function parseMarkdownFast(text: string): ParsedMarkdown | null {
  if (text.charCodeAt(0) === 0xfeff) return null;
  let src = text;
  if (src.includes('\r')) {
    if (/\r(?!\n)/.test(src)) return null;
    src = src.replace(/\r\n/g, '\n');
  }
  const size = src.length;
  let nextTab = src.indexOf('\t'); // searches go forward only: a page is scanned once, not once per line
  if (nextTab < 0) nextTab = size;
  // A GFM table splits its rows into cells before inline parsing: with one in the page, no code
  // span, link text or destination may hold a pipe (and a few block starts are left to the full parser).
  let table = false;
  for (let bar = src.indexOf('|'); bar >= 0 && !table; bar = src.indexOf('|', bar + 1)) {
    const from = src.lastIndexOf('\n', bar) + 1;
    let to = src.indexOf('\n', bar);
    if (to < 0) to = size;
    const row = src.slice(from, to);
    if (row.includes('-') && DELIMITER_ROW.test(row.replace(/^[ >]*/, ''))) table = true; // (in a block quote too)
    bar = to;
  }

  const jobs: number[] = [];
  const defs = new Set<string>();

  /** The open containers, outermost first: a list item as its content column, a block quote as -1 - its content column. */
  const stack: number[] = [];
  let leaf = NONE;
  let fenceChar = 0;
  let fenceLen = 0;
  let defsOnly = false; // the open paragraph holds only definitions so far
  let hadDefs = false;
  let paraLines = 0;
  let paraJob = -1;
  // micromark lets an ordered list starting at other than 1 interrupt neither a paragraph nor
  // indented code (blank lines after it included) of the same container.
  let codeCurrent = false;

  let lineNo = 0;
  for (let start = 0; start <= size; ) {
    let end = src.indexOf('\n', start);
    if (end < 0) end = size;
    const next = end + 1;
    lineNo++;
    let indent = start;
    while (src.charCodeAt(indent) === 32) indent++;
    if (nextTab < end) {
      if (nextTab < start) {
        nextTab = src.indexOf('\t', start);
        if (nextTab < 0) nextTab = size;
      }
      if (nextTab < end) {
        // Tabs move columns: only a top-level fence's content is safe (unless the line could close it).
        if (leaf !== FENCE || stack.length || (indent - start <= 3 && src.charCodeAt(indent) === fenceChar)) return null;
        start = next;
        continue;
      }
    }
    // Which open containers the line goes on: a block quote by its `>`, a list item by indentation
    // (or a blank line: none starts blank here).
    let p = start;
    let matched = 0;
    let shifted = -1; // a quote whose content column moved on this line
    for (; matched < stack.length; matched++) {
      const open = stack[matched]!;
      if (open < 0) {
        let q = p;
        while (q - p < 3 && src.charCodeAt(q) === 32) q++;
        if (src.charCodeAt(q) !== 62) break;
        p = src.charCodeAt(q + 1) === 32 ? q + 2 : q + 1;
        if (p - start !== -1 - open && shifted < 0) shifted = matched;
      } else {
        let q = p;
        while (src.charCodeAt(q) === 32) q++;
        if (q === end) p = q;
        else if (q - start >= open) p = start + open;
        else break;
      }
    }
    indent = p;
    while (src.charCodeAt(indent) === 32) indent++;
    let all = matched === stack.length;
    if (indent === end) {
      // Blank: what it does not go on closes (a quote without its `>`); a fence or comment keeps it, anything else ends.
      if (!all) {
        if (leaf === FENCE || leaf === COMMENT) return null;
        stack.length = matched;
        leaf = NONE;
        codeCurrent = false; // code in a closed container interrupts nothing after it
      } else if (leaf !== FENCE && leaf !== COMMENT) leaf = NONE;
      start = next;
      continue;
    }
    // A quote's content column moved (`> a`, then `>b`): what it holds would be measured from elsewhere.
    if (shifted >= 0) return null;
    const col = indent - start;
    let base = p - start;
    if (!all && (leaf === FENCE || leaf === COMMENT)) return null; // micromark's lazy lines: left to the full parser
    if (leaf === FENCE) {
      if (all) {
        if (col - base <= 3 && src.charCodeAt(indent) === fenceChar) {
          let k = indent;
          while (src.charCodeAt(k) === fenceChar) k++;
          let e = k;
          while (src.charCodeAt(e) === 32) e++;
          if (k - indent >= fenceLen && e === end) leaf = NONE;
        }
        start = next;
        continue;
      }
      leaf = NONE; // an unmatched list item closes, and its fence with it
    } else if (leaf === COMMENT) {
      if (closesComment(src, indent, end)) leaf = NONE;
      start = next;
      continue;
    } else if (leaf === ICODE) {
      if (all && col - base >= 4) {
        start = next;
        continue;
      }
      leaf = NONE;
    }
    let pos = indent;
    const interrupt = all && (leaf === PARA || codeCurrent); // micromark keeps it for the containers nested on the line
    codeCurrent = false;
    for (;;) {
      const rel = pos - start - base;
      const c = src.charCodeAt(pos);
      if (rel >= 4) {
        if (leaf === PARA) {
          if (table || (defsOnly && !all)) return null; // after a table, indented code
          defsOnly = false;
          paraLines++;
          jobs.push(J_PARA, pos, end, lineNo);
        } else {
          // Indented code on a line that closes a list item: micromark takes the line as lazy first
          // and then splits and interrupts unlike elsewhere. Left to the full parser.
          if (!all) return null;
          stack.length = matched;
          leaf = ICODE;
          codeCurrent = true;
        }
        break;
      }
      if (c === 62) {
        // A block quote: `>` and one space, then blocks of its own.
        if (table && leaf === PARA) return null;
        stack.length = matched;
        pos = src.charCodeAt(pos + 1) === 32 ? pos + 2 : pos + 1;
        stack.push(-1 - (pos - start));
        matched = stack.length;
        all = true;
        base = pos - start;
        leaf = NONE;
        while (src.charCodeAt(pos) === 32) pos++;
        if (pos === end) break;
        continue;
      }
      if (c === 60) {
        // HTML: only a comment block is read (kind 2 of CommonMark's HTML blocks); `<!-->` and `<!--->` are left too.
        if (!src.startsWith('<!--', pos) || src.startsWith('<!-->', pos) || src.startsWith('<!--->', pos)) return null;
        stack.length = matched;
        leaf = closesComment(src, pos + 4, end) ? NONE : COMMENT;
        break;
      }
      if (c === 96 || c === 126) {
        let k = pos;
        while (src.charCodeAt(k) === c) k++;
        if (k - pos >= 3) {
          if (c === 96) {
            const tick = src.indexOf('`', k);
            if (tick >= 0 && tick < end) return null;
          }
          stack.length = matched;
          leaf = FENCE;
          fenceChar = c;
          fenceLen = k - pos;
          break;
        }
      }
      if (c === 35) {
        let k = pos;
        while (src.charCodeAt(k) === 35) k++;
        if (k - pos <= 6 && (k === end || src.charCodeAt(k) === 32)) {
          if (table && hasBar(src, pos, end)) return null; // a heading, or a table row?
          stack.length = matched;
          leaf = NONE;
          // The text: trimmed, without its closing sequence of `#`.
          let from = k;
          while (from < end && src.charCodeAt(from) === 32) from++;
          let to = end;
          while (to > from && src.charCodeAt(to - 1) === 32) to--;
          let h = to;
          while (h > from && src.charCodeAt(h - 1) === 35) h--;
          if (h === from) to = from;
          else if (h < to && src.charCodeAt(h - 1) === 32) {
            to = h;
            while (to > from && src.charCodeAt(to - 1) === 32) to--;
          }
          jobs.push(J_HEADING, from, to, lineNo);
          break;
        }
      }
      if ((c === 61 || c === 45) && leaf === PARA && SETEXT.test(src.slice(pos, end))) {
        if (!all || hadDefs || paraLines !== 1 || (table && hasBar(src, jobs[paraJob + 1]!, jobs[paraJob + 2]!))) return null;
        jobs[paraJob] = J_HEADING;
        let to = jobs[paraJob + 2]!;
        while (src.charCodeAt(to - 1) === 32) to--;
        jobs[paraJob + 2] = to;
        leaf = NONE;
        break;
      }
      if ((c === 42 || c === 45 || c === 95) && THEMATIC.test(src.slice(pos, end))) {
        stack.length = matched;
        leaf = NONE;
        break;
      }
      const marker = listMarker(src, pos);
      if (marker > 0) {
        if (table && leaf === PARA) return null; // after a table, any list item starts
        if (!interrupt || c === 42 || c === 43 || c === 45 || (marker === pos + 2 && c === 49)) {
          let k = marker;
          while (src.charCodeAt(k) === 32) k++;
          if (k === end || k - marker >= 5) return null; // an empty item, or one opening with indented code
          if (k > marker) {
            if (table && hasBar(src, pos, end)) return null; // a list item, or a table row?
            stack.length = matched;
            stack.push(k - start);
            matched = stack.length;
            all = true;
            base = k - start;
            pos = k;
            leaf = NONE;
            continue;
          }
        }
      }
      if (c === 91 && (leaf !== PARA || (defsOnly && all))) {
        const d = definition(src, pos, end, table);
        if (d === null) return null;
        if (d !== false) {
          if (leaf !== PARA) {
            stack.length = matched;
            leaf = PARA;
            defsOnly = true;
            hadDefs = true;
            paraLines = 0;
          }
          // A title may follow on the next line.
          if (d.open && /^ *["'(]/.test(src.slice(next, next + 80))) return null;
          defs.add(normalizeLabel(d.label));
          jobs.push(J_DEF, d.destStart, d.destEnd, lineNo);
          break;
        }
      }
      if (leaf === PARA) {
        if ((defsOnly || table) && !all) return null; // lazy: a table or definitions take none
        if (table && c === 91) return null;
        defsOnly = false;
        paraLines++;
      } else {
        stack.length = matched;
        leaf = PARA;
        defsOnly = false;
        hadDefs = false;
        paraLines = 1;
        paraJob = jobs.length;
      }
      jobs.push(J_PARA, pos, end, lineNo);
      break;
    }
    start = next;
  }

  const refs: Ref[] = [];
  const anchors = new Set<string>();
  let slugger: GithubSlugger | undefined;
  for (let j = 0; j < jobs.length; j += 4) {
    const kind = jobs[j]!;
    if (kind === J_DEF) {
      const dest = src.slice(jobs[j + 1]!, jobs[j + 2]!);
      if (!EXTERNAL.test(dest)) refs.push({ kind: 'link', value: dest, line: jobs[j + 3]! });
      continue;
    }
    const heading = scanInline(src, jobs[j + 1]!, jobs[j + 2]!, jobs[j + 3]!, kind === J_HEADING, table, defs, refs);
    if (heading === null) return null;
    if (kind === J_HEADING) anchors.add((slugger ??= new GithubSlugger()).slug(heading));
  }
  return { refs, anchors };
}

/** Whether src[from, to) holds `-->`. */
function closesComment(src: string, from: number, to: number): boolean {
  for (let k = from; k + 2 < to; k++) if (src.charCodeAt(k) === 45 && src.charCodeAt(k + 1) === 45 && src.charCodeAt(k + 2) === 62) return true;
  return false;
}

function hasBar(src: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (src.charCodeAt(k) === 124) return true;
  return false;
}

/** The index after a list marker (`-`, `+`, `*`, `1.`, `1)`) at `pos`, or -1. */
function listMarker(src: string, pos: number): number {
  const c = src.charCodeAt(pos);
  if (c === 42 || c === 43 || c === 45) return pos + 1;
  let k = pos;
  while (k - pos < 9 && src.charCodeAt(k) >= 48 && src.charCodeAt(k) <= 57) k++;
  if (k === pos) return -1;
  const d = src.charCodeAt(k);
  return d === 46 || d === 41 ? k + 1 : -1;
}

/**
 * A one-line link reference definition at `pos` (a `[`): its label and where its destination is;
 * false when the line is no definition (no `:` after the label); null when unsure.
 */
function definition(src: string, pos: number, end: number, table: boolean): { label: string; destStart: number; destEnd: number; open: boolean } | false | null {
  let k = pos + 1;
  for (; k < end; k++) {
    const c = src.charCodeAt(k);
    if (c === 93) break;
    if (c === 91) return false; // a label holds no bracket: a paragraph (`[![badge](…)](…)`)
    if (c === 92 || c < 32 || c === 127) return null;
  }
  if (k >= end) return null;
  const label = src.slice(pos + 1, k);
  if (label.length > 999 || label.trim() === '' || label.charCodeAt(0) === 94) return null;
  k++;
  if (src.charCodeAt(k) !== 58) return false;
  if (table && hasBar(src, pos, end)) return null;
  k++;
  while (src.charCodeAt(k) === 32) k++;
  if (k >= end || src.charCodeAt(k) === 60) return null;
  const destStart = k;
  let depth = 0;
  for (; k < end; k++) {
    const c = src.charCodeAt(k);
    if (c === 32) break;
    if (c === 92 || c === 60 || c < 32 || c === 127 || (c === 38 && isEntity(src, k))) return null;
    if (c === 40) depth++;
    else if (c === 41 && --depth < 0) return null;
  }
  if (depth !== 0) return null;
  const destEnd = k;
  while (src.charCodeAt(k) === 32) k++;
  if (k >= end) return { label, destStart, destEnd, open: true };
  const c = src.charCodeAt(k);
  if (c !== 34 && c !== 39 && c !== 40) return null; // `[a]: b c` is a paragraph
  const close = c === 40 ? 41 : c;
  let e = k + 1;
  for (; e < end; e++) {
    const d = src.charCodeAt(e);
    if (d === 92 || d < 32 || d === 127 || (c === 40 && d === 40)) return null;
    if (d === close) break;
  }
  if (e >= end) return null;
  e++;
  while (src.charCodeAt(e) === 32) e++;
  return e >= end ? { label, destStart, destEnd, open: false } : null;
}

/** The destination of the last resource() that found one. */
let resourceDest = '';

/** Where a resource `(dest "title")` at `at` (after its `(`) ends: after its `)`; -1 when it is none; -2 when unsure. */
function resource(src: string, at: number, end: number, table: boolean): number {
  let k = at;
  while (src.charCodeAt(k) === 32) k++;
  if (k >= end) return -2; // the destination may follow on the next line
  let c = src.charCodeAt(k);
  if (c === 41) {
    resourceDest = '';
    return k + 1;
  }
  if (c === 60) return -2;
  const destStart = k;
  let depth = 0;
  for (; k < end; k++) {
    c = src.charCodeAt(k);
    if (c === 32) break;
    if (c === 92 || c === 60 || c < 32 || c === 127 || (c === 38 && isEntity(src, k))) return -2;
    if (c === 40) {
      if (++depth > 8) return -2;
    } else if (c === 41) {
      if (depth === 0) break;
      depth--;
    }
  }
  if (depth !== 0 || k >= end) return -2;
  if (table && hasBar(src, destStart, k)) return -2;
  resourceDest = src.slice(destStart, k);
  while (src.charCodeAt(k) === 32) k++;
  if (k >= end) return -2; // a title may follow on the next line
  c = src.charCodeAt(k);
  if (c === 41) return k + 1;
  if ((c !== 34 && c !== 39 && c !== 40) || src.charCodeAt(k - 1) !== 32) return -1;
  const close = c === 40 ? 41 : c;
  let e = k + 1;
  for (; e < end; e++) {
    const d = src.charCodeAt(e);
    if (d === 92 || d < 32 || d === 127 || (c === 40 && d === 40) || (table && d === 124)) return -2;
    if (d === close) break;
  }
  if (e >= end) return -2;
  e++;
  while (src.charCodeAt(e) === 32) e++;
  if (e >= end) return -2;
  return src.charCodeAt(e) === 41 ? e + 1 : -1;
}

/** Open labels (reused): [index after `[` or `![`, 1 if an image, refs.length when it opened], at most two. */
const OPEN: number[] = [];
const MASKED: number[] = [];

function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * One line of inline content, src[from, end): its code spans, links and images into `refs`; for a
 * heading, its text as the slug sees it. Null when unsure.
 */
function scanInline(src: string, from: number, end: number, line: number, heading: boolean, table: boolean, defs: Set<string>, refs: Ref[]): string | null {
  // A script named in prose is left to the full parser (its text nodes decide): `run` after a
  // space makes the line's text, code spans and destinations masked out, go through PROSE_SCRIPT.
  let run = false;
  const masked = MASKED;
  masked.length = 0;
  let out = '';
  // Open labels, at most two: a link's, and an image's inside it (a badge: `[![alt](src)](href)`).
  const open = OPEN;
  open.length = 0;
  let i = from;
  while (i < end) {
    const c = src.charCodeAt(i);
    switch (c) {
      case 96: {
        let k = i + 1;
        while (src.charCodeAt(k) === 96) k++;
        const ticks = k - i;
        let close = -1;
        for (let j = src.indexOf('`', k); j >= 0 && j < end; j = src.indexOf('`', j)) {
          let e = j + 1;
          while (src.charCodeAt(e) === 96) e++;
          if (e - j === ticks) {
            close = j;
            break;
          }
          j = e;
        }
        if (close < 0) return null; // may close on a later line
        for (let x = k; x < close; x++) {
          const d = src.charCodeAt(x);
          if (d < 32 || d === 127 || (table && d === 124)) return null;
        }
        // One space each side goes when both are there and the span is not all spaces.
        let a = k;
        let b = close;
        if (src.charCodeAt(a) === 32 && src.charCodeAt(b - 1) === 32) {
          let x = a;
          while (x < b && src.charCodeAt(x) === 32) x++;
          if (x < b) {
            a++;
            b--;
          }
        }
        const content = src.slice(a, b);
        codeRefs(content, line, refs);
        if (heading) out += content;
        masked.push(i, close + ticks);
        i = close + ticks;
        continue;
      }
      case 92: // backslash escape
      case 60: // HTML, autolink
        return null;
      case 38:
        if (isEntity(src, i)) return null;
        break;
      case 33:
        if (src.charCodeAt(i + 1) === 91) {
          if (heading || open.length > 3 || open[1] === 1) return null;
          open.push(i + 2, 1, refs.length);
          i += 2;
          continue;
        }
        break;
      case 91:
        // A link inside a label would make the outer one text: left to the full parser.
        if (heading || open.length || src.charCodeAt(i + 1) === 94) return null;
        open.push(i + 1, 0, refs.length);
        i++;
        continue;
      case 93: {
        if (heading) return null;
        if (!open.length) break;
        const first = open.pop()!;
        const image = open.pop() === 1;
        const labelStart = open.pop()!;
        if (table && hasBar(src, labelStart, i)) return null;
        if (src.charCodeAt(i + 1) === 40) {
          const after = resource(src, i + 2, end, table);
          if (after === -2) return null;
          if (after >= 0) {
            // A link's own ref comes before those of its text; an image's text (alt) yields none.
            if (image) refs.length = first;
            if (resourceDest && !EXTERNAL.test(resourceDest)) {
              const ref: Ref = { kind: 'link', value: resourceDest, line };
              if (first === refs.length) refs.push(ref);
              else refs.splice(first, 0, ref);
            }
            masked.push(i, after);
            i = after;
            continue;
          }
        }
        if (defs.size) {
          // A reference (`[text][label]`, `[label][]`, `[label]`) to a definition: no ref of its own.
          if (i - labelStart > 999) return null;
          const defined = defs.has(normalizeLabel(src.slice(labelStart, i)));
          let after = -1;
          if (src.charCodeAt(i + 1) === 91) {
            const close = src.indexOf(']', i + 2);
            if (close >= 0 && close < end) {
              const second = src.slice(i + 2, close);
              if (second.includes('[') || second.length > 999) return null;
              if (second.trim() !== '' && defs.has(normalizeLabel(second))) after = close + 1;
              else if (defined && close === i + 2) after = close + 1;
            }
          } else if (defined) after = i + 1;
          if (after >= 0) {
            if (image) refs.length = first;
            i = after;
            continue;
          }
        }
        break;
      }
      case 95:
        // In a heading, `_` emphasis would change the slug: only a run between letters or digits is surely literal.
        if (heading) {
          let k = i;
          while (src.charCodeAt(k) === 95) k++;
          if (i === from || k >= end || !isAsciiAlnum(src.charCodeAt(i - 1)) || !isAsciiAlnum(src.charCodeAt(k))) return null;
          out += src.slice(i, k);
          i = k;
          continue;
        }
        break;
      case 32:
        if (src.charCodeAt(i + 1) === 114 && src.charCodeAt(i + 2) === 117 && src.charCodeAt(i + 3) === 110) run = true;
        break;
      case 58: // :
      case 64: // @
      case 87: // W
      case 119: // w
        // GFM autolink literals (`http://`, `www.`, e-mail) could swallow a backtick or a bracket.
        if (
          !open.length &&
          (c === 64 ||
            (c === 58
              ? src.charCodeAt(i + 1) === 47 && src.charCodeAt(i + 2) === 47
              : (src.charCodeAt(i + 1) | 32) === 119 && (src.charCodeAt(i + 2) | 32) === 119 && src.charCodeAt(i + 3) === 46))
        ) {
          let s = i;
          while (s > from && src.charCodeAt(s - 1) !== 32) s--;
          let e = i;
          while (e < end && src.charCodeAt(e) !== 32) e++;
          if (/[`[\]]/.test(src.slice(s, e))) return null;
        }
        break;
    }
    // A control character (NUL is U+FFFD to micromark, none goes in a destination): left to the full parser.
    if (c < 32 || c === 127) return null;
    if (heading) out += src[i];
    i++;
  }
  if (open.length) return null; // may close on a later line
  if (run) {
    let at = from;
    for (let m = 0; m <= masked.length; m += 2) {
      const to = m < masked.length ? masked[m]! : end;
      if (PROSE_SCRIPT.test(src.slice(at, to))) return null;
      at = masked[m + 1]!;
    }
  }
  return heading ? out : '';
}
