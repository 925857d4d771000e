/**
 * Markdown → the references the docs gate checks, through a real parser (mdast-util-from-markdown
 * with GFM), never regexes over raw text: code blocks and HTML (comments included) yield nothing,
 * an inline code span only when all of it is a path or a package-manager command. Bundled on its
 * own as dist/agent/markdown.js and imported only when a Markdown file is to be checked.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfm } from 'micromark-extension-gfm';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import GithubSlugger from 'github-slugger';

export type RefKind = 'link' | 'path' | 'script';

export interface Ref {
  kind: RefKind;
  /** link: the URL as written; path: the path; script: `<tool>\t<script>` */
  value: string;
  line: number;
}

export interface ParsedMarkdown {
  refs: Ref[];
  /** Heading anchors (GitHub's slugs, duplicates numbered) and explicit `id` / `name` anchors of HTML. */
  anchors: Set<string>;
}

interface Node {
  type: string;
  value?: string;
  url?: string;
  depth?: number;
  children?: Node[];
  position?: { start: { line: number } };
}

/** `pnpm x` / `yarn x` name a built-in command, not a script, for these. */
const BUILTINS = new Set(
  'add audit bin cache config create dedupe dlx env exec fetch help i import info init install link list licenses login logout ls node npm outdated pack patch plugin prune publish rebuild remove rm run set setup store uninstall unlink up update upgrade upgrade-interactive version view why workspace workspaces global constraints self-update dev-deps'.split(
    ' ',
  ),
);

/** A code span that is a relative path to a file (`src/a.ts`, `docs/x.md#y`) or a folder (`src/gates/`). */
const PATH = /^(?:\.{1,2}\/)*[\w@+-][\w@.+-]*(?:\/[\w@.+-]+)*(?:\/|\/?[\w@+-][\w@.+-]*\.[A-Za-z0-9]{1,8})$/;

export function pathLike(text: string): string | null {
  const value = text.replace(/(?::\d+(?::\d+)?|#L\d+(?:-L\d+)?)$/, '');
  if (!value.includes('/') || value.includes('//') || !PATH.test(value)) return null;
  return value;
}

/** `npm run x`, `pnpm [run] x`, `yarn [run] x` at the start of `text` (a code span) or anywhere (`prose`: `run` required). */
export function scriptRefs(text: string, prose: boolean): { value: string; index: number }[] {
  const found: { value: string; index: number }[] = [];
  const re = prose ? /(?:^|[\s(])(npm|pnpm|yarn|bun) run(?:-script)? ([\w:.@/-]+)/g : /^(npm) run(?:-script)? ([\w:.@/-]+)|^(pnpm|yarn)(?: run)? ([\w:.@/-]+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const tool = m[1] ?? m[3]!;
    const script = (m[2] ?? m[4]!).replace(/[.:]+$/, '');
    if (!script || script.startsWith('-')) continue;
    if (tool !== 'npm' && !/ run /.test(m[0]) && BUILTINS.has(script)) continue;
    found.push({ value: `${tool}\t${script}`, index: m.index });
    if (!prose) break;
  }
  return found;
}

function textOf(node: Node): string {
  if (node.value !== undefined && (node.type === 'text' || node.type === 'inlineCode')) return node.value;
  return (node.children ?? []).map(textOf).join('');
}

function countLines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

const HTML_ANCHOR = /\s(?:id|name)\s*=\s*["']([^"']+)["']/gi;

export function parseMarkdown(text: string): ParsedMarkdown {
  const tree = fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }) as unknown as Node;
  const slugger = new GithubSlugger();
  const refs: Ref[] = [];
  const anchors = new Set<string>();
  const walk = (node: Node) => {
    const line = node.position?.start.line ?? 0;
    switch (node.type) {
      case 'code':
        return;
      case 'html':
        // Comments and raw HTML are not checked; only the anchors they define count.
        if (!node.value!.startsWith('<!--')) for (const m of node.value!.matchAll(HTML_ANCHOR)) anchors.add(m[1]!.toLowerCase());
        return;
      case 'heading':
        anchors.add(slugger.slug(textOf(node)));
        break;
      case 'link':
      case 'image':
      case 'definition':
        if (node.url) refs.push({ kind: 'link', value: node.url, line });
        break;
      case 'inlineCode': {
        const value = node.value!.trim();
        const p = pathLike(value);
        if (p) refs.push({ kind: 'path', value: p, line });
        else for (const s of scriptRefs(value, false)) refs.push({ kind: 'script', value: s.value, line });
        return;
      }
      case 'text':
        for (const s of scriptRefs(node.value!, true)) refs.push({ kind: 'script', value: s.value, line: line + countLines(node.value!, s.index) });
        return;
    }
    for (const child of node.children ?? []) walk(child);
  };
  walk(tree);
  return { refs, anchors };
}
