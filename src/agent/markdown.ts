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
import { codeRefs, EXTERNAL, scriptRefs, type ParsedMarkdown, type Ref } from './markdown-refs.js';

export type { ParsedMarkdown, Ref, RefKind } from './markdown-refs.js';
export { pathLike, scriptRefs } from './markdown-refs.js';

interface Node {
  type: string;
  value?: string;
  url?: string;
  depth?: number;
  children?: Node[];
  position?: { start: { line: number } };
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
        if (!node.value!.trimStart().startsWith('<!--')) for (const m of node.value!.matchAll(HTML_ANCHOR)) anchors.add(m[1]!.toLowerCase());
        return;
      case 'heading':
        anchors.add(slugger.slug(textOf(node)));
        break;
      case 'link':
      case 'image':
      case 'definition':
        if (node.url && !EXTERNAL.test(node.url)) refs.push({ kind: 'link', value: node.url, line });
        break;
      case 'inlineCode':
        codeRefs(node.value!, line, refs);
        return;
      case 'text':
        for (const s of scriptRefs(node.value!, true)) refs.push({ kind: 'script', value: s.value, line: line + countLines(node.value!, s.index) });
        return;
    }
    for (const child of node.children ?? []) walk(child);
  };
  walk(tree);
  return { refs, anchors };
}
