/**
 * What the docs gate reads out of Markdown, shared by both parsers: the exact one (./markdown.ts,
 * micromark + GFM, its own bundle) and the fast one for plain pages (./markdown-fast.ts).
 */

export type RefKind = 'link' | 'path' | 'script';

export interface Ref {
  kind: RefKind;
  /** link: the URL as written; path: the path; script: `<tool>\t<script>` */
  value: string;
  line: number;
}

export interface ParsedMarkdown {
  /** Links (external URLs left out: nothing checks them), backticked paths and script commands, in document order. */
  refs: Ref[];
  /** Heading anchors (GitHub's slugs, duplicates numbered) and explicit `id` / `name` anchors of HTML. */
  anchors: Set<string>;
}

/** A URL with a scheme (`https:`, `mailto:`) or protocol-relative: not a file of the repository. */
export const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

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

/** What code spans (which repeat: `npm test`, `src/index.ts`) refer to, by content. */
const CODE_SPANS = new Map<string, { kind: RefKind; value: string }[]>();

/** The refs of an inline code span's content (already stripped as CommonMark strips it). */
export function codeRefs(content: string, line: number, refs: Ref[]): void {
  let found = CODE_SPANS.get(content);
  if (!found) {
    const value = content.trim();
    const p = pathLike(value);
    found = p ? [{ kind: 'path', value: p }] : scriptRefs(value, false).map((s) => ({ kind: 'script' as const, value: s.value }));
    if (CODE_SPANS.size < 10000) CODE_SPANS.set(content, found);
  }
  for (const f of found) refs.push({ kind: f.kind, value: f.value, line });
}
