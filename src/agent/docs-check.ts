/**
 * SPEC §10 `docs`: deterministic drift checks on Markdown, against the tree the commit will hold
 * (the index): relative links and backticked paths to files that will not exist, `#anchor` links
 * to missing headings, `npm run x` / `pnpm x` / `yarn x` for scripts package.json lacks. For a
 * commit: the staged Markdown, and every other Markdown file that refers to a path the commit
 * deletes or renames; for `docs --all`: every tracked Markdown file. The parser
 * (./markdown.js, its own bundle) loads only when there is Markdown to read.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DocsConfig } from '../config/types.js';
import type { Change } from '../diff/model.js';
import type { Finding } from '../gates/gate.js';
import type { Repo } from '../git/repo.js';
import { git } from '../git/exec.js';
import { globMatcher } from '../diff/stats.js';
import type { ParsedMarkdown } from './markdown.js';

export const MARKDOWN = /\.(md|markdown|mdx)$/i;

export type DocsScope = { kind: 'change'; change: Change } | { kind: 'all' };

export interface DocsResult {
  findings: Finding[];
  /** Markdown files read. */
  checked: string[];
}

/** What the change removes: deleted paths (→ null) and renamed ones (→ the new path). */
export function removedPaths(change: Change): Map<string, string | null> {
  const removed = new Map<string, string | null>();
  for (const f of change.files) {
    if (f.status === 'D') removed.set(f.path, null);
    else if (f.status === 'R' && f.oldPath) removed.set(f.oldPath, f.path);
  }
  return removed;
}

/** Staged Markdown to check, from the change alone (no git, no parser): the gate's `applies`. */
export function stagedMarkdown(change: Change, config: DocsConfig): string[] {
  const wanted = globMatcher(config.files);
  return change.files.filter((f) => f.status !== 'D' && !f.submodule && !f.binary && wanted(f.path)).map((f) => f.path);
}

/** Contents of index paths (`:path`) or blobs, in one `git cat-file --batch`. Missing ones are absent. */
export async function readIndexed(repo: Repo, specs: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!specs.length) return out;
  const safe = specs.filter((s) => !s.includes('\n'));
  const { stdout } = await git(['cat-file', '--batch'], { cwd: repo.root, input: safe.map((s) => `${s}\n`).join('') });
  let at = 0;
  for (const spec of safe) {
    const nl = stdout.indexOf(10, at);
    if (nl < 0) break;
    const header = stdout.subarray(at, nl).toString('utf8');
    at = nl + 1;
    const m = / (\w+) (\d+)$/.exec(header);
    if (!m || header.endsWith(' missing')) continue;
    const size = Number(m[2]);
    if (m[1] === 'blob') out.set(spec, stdout.subarray(at, at + size).toString('utf8'));
    at += size + 1;
  }
  return out;
}

interface IndexListing {
  files: Set<string>;
  dirs: Set<string>;
}

async function listIndex(repo: Repo): Promise<IndexListing> {
  const { stdout } = await git(['ls-files', '-z', '--cached'], { cwd: repo.root });
  const files = new Set<string>();
  const dirs = new Set<string>();
  for (const p of stdout.toString('utf8').split('\0')) {
    if (!p) continue;
    files.add(p);
    for (let i = p.lastIndexOf('/'); i > 0; i = p.lastIndexOf('/', i - 1)) {
      const d = p.slice(0, i);
      if (dirs.has(d)) break;
      dirs.add(d);
    }
  }
  return { files, dirs };
}

/** Markdown files (not in `skip`) whose text names one of the removed paths' file names. */
async function referrers(repo: Repo, removed: Map<string, string | null>, config: DocsConfig, skip: Set<string>): Promise<string[]> {
  if (!removed.size) return [];
  const names = [...new Set([...removed.keys()].map((p) => path.posix.basename(p)))];
  const args = ['-c', 'core.quotePath=false', 'grep', '--cached', '-l', '-z', '-F', ...names.flatMap((n) => ['-e', n])];
  const r = await git(args, { cwd: repo.root, allowFailure: true });
  if (r.code !== 0) return [];
  const wanted = globMatcher(config.files);
  return r.stdout
    .toString('utf8')
    .split('\0')
    .filter((p) => p && !skip.has(p) && wanted(p));
}

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A repository-relative path (posix), or null when it leaves the repository. */
function resolveFrom(dir: string, target: string): string | null {
  const joined = target.startsWith('/') ? path.posix.normalize(target.slice(1)) : path.posix.normalize(path.posix.join(dir, target));
  if (joined === '..' || joined.startsWith('../')) return null;
  return joined.replace(/\/$/, '') || '.';
}

export async function checkDocs(repo: Repo, config: DocsConfig, scope: DocsScope): Promise<DocsResult> {
  const removed = scope.kind === 'change' ? removedPaths(scope.change) : new Map<string, string | null>();
  const listing = listIndex(repo);
  listing.catch(() => undefined);
  let own: string[];
  if (scope.kind === 'change') own = stagedMarkdown(scope.change, config);
  else {
    const wanted = globMatcher(config.files);
    own = [...(await listing).files].filter((p) => wanted(p));
  }
  const others = await referrers(repo, removed, config, new Set(own));
  const files = [...own, ...others];
  if (!files.length) return { findings: [], checked: [] };

  const [index, texts, { parseMarkdown }] = await Promise.all([listing, readIndexed(repo, files.map((f) => `:${f}`)), import('./markdown.js')]);
  const parsed = new Map<string, ParsedMarkdown>();
  for (const f of files) {
    const text = texts.get(`:${f}`);
    if (text !== undefined) parsed.set(f, parseMarkdown(text));
  }

  const exists = (p: string): boolean => {
    if (p === '.' || index.files.has(p) || index.dirs.has(p)) return true;
    if (removed.has(p)) return false;
    return fs.existsSync(path.join(repo.root, p)); // built or ignored files (dist/, .git/…) exist too
  };

  // Anchors of other Markdown files that links point into, and the package.json files scripts are looked up in.
  const wantHeadings = new Set<string>();
  const wantPackages = new Set<string>();
  for (const [file, md] of parsed) {
    const dir = path.posix.dirname(file);
    for (const ref of md.refs) {
      if (ref.kind === 'script') {
        const pkg = nearestPackage(dir, index.files);
        if (pkg) wantPackages.add(pkg);
      } else if (ref.kind === 'link' && !EXTERNAL.test(ref.value)) {
        const [target, anchor] = splitUrl(ref.value);
        const resolved = target ? resolveFrom(dir, target) : null;
        if (anchor && resolved && MARKDOWN.test(resolved) && !parsed.has(resolved) && index.files.has(resolved)) wantHeadings.add(resolved);
      }
    }
  }
  const extra = await readIndexed(repo, [...wantHeadings, ...wantPackages].map((f) => `:${f}`));
  const anchorsOf = (file: string): Set<string> | null => {
    const md = parsed.get(file);
    if (md) return md.anchors;
    const text = extra.get(`:${file}`);
    if (text === undefined) return null;
    const p = parseMarkdown(text);
    parsed.set(file, p);
    return p.anchors;
  };
  const scripts = new Map<string, Set<string> | null>();
  const scriptsOf = (pkg: string): Set<string> | null => {
    if (!scripts.has(pkg)) {
      try {
        const data = JSON.parse(extra.get(`:${pkg}`) ?? 'null') as { scripts?: Record<string, unknown> } | null;
        scripts.set(pkg, data ? new Set(Object.keys(data.scripts ?? {})) : null);
      } catch {
        scripts.set(pkg, null);
      }
    }
    return scripts.get(pkg)!;
  };

  const findings: Finding[] = [];
  const gone = (p: string) => {
    const to = removed.get(p);
    return to === undefined ? 'which does not exist' : to === null ? 'which this commit deletes' : `which this commit renames to ${to}`;
  };
  for (const file of files) {
    const md = parsed.get(file);
    if (!md) continue;
    const dir = path.posix.dirname(file);
    const onlyRemoved = !own.includes(file); // a referrer: only its references to removed paths are this commit's business
    const add = (line: number, rule: string, message: string) => findings.push({ file, line, rule, message });
    for (const ref of md.refs) {
      if (ref.kind === 'link') {
        if (EXTERNAL.test(ref.value)) continue;
        const [rawTarget, anchor] = splitUrl(ref.value);
        const target = safeDecode(rawTarget);
        if (!target) {
          if (anchor && !onlyRemoved && !md.anchors.has(anchor.toLowerCase())) add(ref.line, 'docs.anchor', `links to #${anchor}, but ${file} has no such heading`);
          continue;
        }
        const resolved = resolveFrom(dir, target);
        if (resolved === null) continue;
        if (!exists(resolved)) {
          if (!onlyRemoved || removed.has(resolved)) add(ref.line, 'docs.link', `links to ${ref.value} (${resolved}), ${gone(resolved)}`);
          continue;
        }
        if (anchor && !onlyRemoved && MARKDOWN.test(resolved)) {
          const anchors = anchorsOf(resolved);
          if (anchors && !anchors.has(anchor.toLowerCase())) add(ref.line, 'docs.anchor', `links to ${target}#${anchor}, but ${resolved} has no such heading`);
        }
      } else if (ref.kind === 'path') {
        const candidates = [resolveFrom('', ref.value), resolveFrom(dir, ref.value)].filter((p): p is string => p !== null);
        if (!candidates.length || candidates.some(exists)) continue;
        const hit = candidates.find((p) => removed.has(p)) ?? candidates[0]!;
        if (!onlyRemoved || removed.has(hit)) add(ref.line, 'docs.path', `refers to \`${ref.value}\`, ${gone(hit)}`);
      } else if (!onlyRemoved) {
        const [tool, script] = ref.value.split('\t') as [string, string];
        const pkg = nearestPackage(dir, index.files);
        const known = pkg ? scriptsOf(pkg) : null;
        if (known && !known.has(script)) add(ref.line, 'docs.script', `\`${tool}${tool === 'npm' ? ' run' : ''} ${script}\`: ${pkg} has no script "${script}"`);
      }
    }
  }
  return { findings, checked: files };
}

function splitUrl(url: string): [string, string] {
  const hash = url.indexOf('#');
  const base = hash < 0 ? url : url.slice(0, hash);
  const anchor = hash < 0 ? '' : safeDecode(url.slice(hash + 1));
  return [base.replace(/\?.*$/, ''), anchor];
}

function nearestPackage(dir: string, files: Set<string>): string | null {
  for (let d = dir; ; d = path.posix.dirname(d)) {
    const candidate = d === '.' || d === '' ? 'package.json' : `${d}/package.json`;
    if (files.has(candidate)) return candidate;
    if (d === '.' || d === '' || d === '/') return null;
  }
}
