/**
 * SPEC §10 `docs`: deterministic drift checks on Markdown, against the tree the commit will hold
 * (the index): relative links and backticked paths to files that will not exist, `#anchor` links
 * to missing headings, `npm run x` / `pnpm x` / `yarn x` for scripts package.json lacks. For a
 * commit: the staged Markdown, and every other Markdown file that refers to a path the commit
 * deletes or renames; for `docs --all`: every tracked Markdown file. Pages are read by
 * ./markdown-fast.ts; only what it is unsure of (HTML, escapes, …) goes to the full parser
 * (./markdown.js, its own bundle, loaded only then), whose results are cached by blob id.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DocsConfig } from '../config/types.js';
import type { Change } from '../diff/model.js';
import type { Finding } from '../gates/gate.js';
import type { Repo } from '../git/repo.js';
import { git } from '../git/exec.js';
import { globMatcher } from '../diff/stats.js';
import type { ParsedMarkdown, Ref } from './markdown-refs.js';
import { parseMarkdownFast } from './markdown-fast.js';
import { stateDir } from '../git/repo.js';
import { writeAtomic } from '../cache-files.js';
import { packageVersion } from '../paths.js';
import { blobId } from '../git/blob-id.js';
import { readIndexFile } from '../git/index-file.js';

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

/** Contents of index paths (`:path`) or blob ids, in one `git cat-file --batch`. Missing ones are absent. */
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

/**
 * Contents of staged files, handed to `each` as they come: from the work tree when the file there
 * is the staged blob (its git object id is the index's: files committed as they are, a CI checkout),
 * else from git in one `git cat-file --batch`. Reading and hashing 1,000 pages takes a third of what
 * piping them out of git does, and a commit of files as they are starts no process for them.
 */
async function readStaged(repo: Repo, paths: string[], oids: ReadonlyMap<string, string>, each: (path: string, text: string) => void): Promise<void> {
  const rest: string[] = [];
  const bulk = paths.length > 100;
  for (const p of paths) {
    const oid = oids.get(p);
    if (!oid) continue;
    const data = readRegularFile(path.join(repo.root, p));
    if (data && blobId(data, oid.length, bulk) === oid) each(p, data.toString('utf8'));
    else rest.push(p);
  }
  if (!rest.length) return;
  const texts = await readIndexed(
    repo,
    rest.map((p) => oids.get(p)!),
  );
  for (const p of rest) {
    const text = texts.get(oids.get(p)!);
    if (text !== undefined) each(p, text);
  }
}


/**
 * A regular file's bytes, else undefined (git has the blob): never through a symlink (`a.md` ->
 * /dev/zero) or into a FIFO, which a page in the index can be in the work tree.
 */
function readRegularFile(file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
    return fs.fstatSync(fd).isFile() ? fs.readFileSync(fd) : undefined;
  } catch {
    return undefined; // not in the work tree (deleted, sparse, a folder)
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

interface IndexListing {
  files: Set<string>;
  dirs: Set<string>;
  /** Blob id of each staged file (stage 0, or the first stage of an unmerged one). */
  oids: Map<string, string>;
}

/** The index's paths and blob ids: from the index file (no process on a commit), else `git ls-files`. */
async function listIndex(repo: Repo): Promise<IndexListing> {
  let entries: { path: string; oid: string }[] | null = readIndexFile(repo, process.env);
  if (!entries) {
    const { stdout } = await git(['-c', 'core.quotePath=false', 'ls-files', '-z', '--stage'], { cwd: repo.root });
    entries = [];
    for (const entry of stdout.toString('utf8').split('\0')) {
      const tab = entry.indexOf('\t');
      if (tab >= 0) entries.push({ path: entry.slice(tab + 1), oid: entry.split(' ')[1]! });
    }
  }
  const files = new Set<string>();
  const dirs = new Set<string>();
  const oids = new Map<string, string>();
  for (const { path: p, oid } of entries) {
    if (!oids.has(p)) oids.set(p, oid);
    files.add(p);
    for (let i = p.lastIndexOf('/'); i > 0; i = p.lastIndexOf('/', i - 1)) {
      const d = p.slice(0, i);
      if (dirs.has(d)) break;
      dirs.add(d);
    }
  }
  return { files, dirs, oids };
}

/**
 * What the full parser found in a blob, by blob id, kept under the git dir: micromark reads
 * ~0.1–1 MB/s, so a page the fast reader leaves to it is parsed once. Pages the fast reader takes
 * (~100x faster) are not cached: reading them again costs less than a cache that large would.
 */
const PARSE_VERSION = 3;
const KINDS: Ref['kind'][] = ['link', 'path', 'script'];

/** Refs as one flat array (kind index, value, line, …): a third of the JSON of objects. */
function packRefs(refs: Ref[]): (string | number)[] {
  return refs.flatMap((r) => [KINDS.indexOf(r.kind), r.value, r.line]);
}

function unpackRefs(packed: (string | number)[]): Ref[] {
  const refs: Ref[] = [];
  for (let i = 0; i + 2 < packed.length; i += 3) refs.push({ kind: KINDS[packed[i] as number]!, value: packed[i + 1] as string, line: packed[i + 2] as number });
  return refs;
}
const MAX_CACHED = 20000;

/** A JSON file of entries by blob id, under the git dir: what was found in a blob never changes. */
interface BlobCache<T> {
  file: string;
  entries: Record<string, T>;
  used: Set<string>;
  dirty: boolean;
}

/** The full parser's refs (packed) and anchors. */
type ParseCache = BlobCache<[(string | number)[], string[]]>;

/**
 * The anchors of pages a commit links into (`page.md#heading`), read and parsed otherwise on every
 * commit that links there: a few bytes per page, so a commit reads this file whole.
 */
type AnchorCache = BlobCache<string[]>;

function openBlobCache<T>(repo: Repo, name: string): BlobCache<T> {
  const file = path.join(stateDir(repo), 'cache', name);
  let entries: Record<string, T> = {};
  try {
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { key: string; entries: typeof entries };
    if (data.key === `${PARSE_VERSION}:${packageVersion()}`) entries = data.entries;
  } catch {
    /* none yet */
  }
  return { file, entries, used: new Set(), dirty: false };
}

function saveBlobCache<T>(cache: BlobCache<T>): void {
  if (!cache.dirty) return;
  let keys = Object.keys(cache.entries);
  if (keys.length > MAX_CACHED) keys = [...cache.used, ...keys.filter((k) => !cache.used.has(k))].slice(0, MAX_CACHED);
  const entries = Object.fromEntries(keys.map((k) => [k, cache.entries[k]!]));
  try {
    writeAtomic(cache.file, JSON.stringify({ key: `${PARSE_VERSION}:${packageVersion()}`, entries }));
  } catch {
    /* only slower next time */
  }
}

/**
 * Parsed Markdown of index paths (contents read in one git call): by the fast reader, else from
 * the cache by blob id, else by the full parser (loaded only then). `cache` opens the cache file
 * on first use: a commit whose Markdown the fast reader takes never reads it.
 */
async function parseIndexed(repo: Repo, paths: string[], oids: ReadonlyMap<string, string>, cache: () => ParseCache): Promise<Map<string, ParsedMarkdown>> {
  const out = new Map<string, ParsedMarkdown>();
  const slow = new Map<string, string>();
  // Pages repeat their links: one string per distinct value keeps what survives parsing small.
  const values = new Map<string, string>();
  await readStaged(repo, paths, oids, (p, text) => {
    const fast = parseMarkdownFast(text);
    if (!fast) {
      slow.set(p, text);
      return;
    }
    for (const ref of fast.refs) {
      const known = values.get(ref.value);
      if (known === undefined) values.set(ref.value, ref.value);
      else ref.value = known;
    }
    out.set(p, fast);
  });
  if (!slow.size) return out;
  const c = cache();
  const missing: string[] = [];
  for (const p of slow.keys()) {
    const oid = oids.get(p)!;
    const hit = c.entries[oid];
    c.used.add(oid);
    if (hit) out.set(p, { refs: unpackRefs(hit[0]), anchors: new Set(hit[1]) });
    else missing.push(p);
  }
  if (!missing.length) return out;
  const { parseMarkdown } = await import('./markdown.js');
  for (const p of missing) {
    const parsed = parseMarkdown(slow.get(p)!);
    out.set(p, parsed);
    c.entries[oids.get(p)!] = [packRefs(parsed.refs), [...parsed.anchors]];
    c.dirty = true;
  }
  return out;
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
  let cacheFile: ParseCache | undefined;
  const cache = () => (cacheFile ??= openBlobCache(repo, 'docs-parsed.json'));
  const others = await referrers(repo, removed, config, new Set(own));
  const files = [...own, ...others];
  if (!files.length) return { findings: [], checked: [] };

  const index = await listing;
  const parsed = await parseIndexed(repo, files, index.oids, cache);

  const onDisk = new Map<string, boolean>();
  const exists = (p: string): boolean => {
    if (p === '.' || index.files.has(p) || index.dirs.has(p)) return true;
    if (removed.has(p)) return false;
    // Built or ignored files (dist/, .git/…) exist too.
    let found = onDisk.get(p);
    if (found === undefined) onDisk.set(p, (found = fs.existsSync(path.join(repo.root, p))));
    return found;
  };
  // Pages repeat their links (a nav bar, the same few targets): each URL is resolved once per folder.
  const linksByDir = new Map<string, Map<string, LinkTarget>>();
  const linksIn = (dir: string): Map<string, LinkTarget> => {
    let links = linksByDir.get(dir);
    if (!links) linksByDir.set(dir, (links = new Map()));
    return links;
  };
  const linkOf = (dir: string, links: Map<string, LinkTarget>, url: string): LinkTarget => {
    let link = links.get(url);
    if (!link) {
      const [rawTarget, anchor] = splitUrl(url);
      const target = safeDecode(rawTarget);
      link = { target, anchor, resolved: target ? resolveFrom(dir, target) : null };
      links.set(url, link);
    }
    return link;
  };
  const packages = new Map<string, string | null>();
  const packageOf = (dir: string): string | null => {
    let pkg = packages.get(dir);
    if (pkg === undefined) packages.set(dir, (pkg = nearestPackage(dir, index.files)));
    return pkg;
  };

  // Anchors of other Markdown files that links point into, and the package.json files scripts are looked up in.
  const wantHeadings = new Set<string>();
  const wantPackages = new Set<string>();
  for (const [file, md] of parsed) {
    const dir = path.posix.dirname(file);
    const links = linksIn(dir);
    for (const ref of md.refs) {
      if (ref.kind === 'script') {
        const pkg = packageOf(dir);
        if (pkg) wantPackages.add(pkg);
      } else if (ref.kind === 'link') {
        const { anchor, resolved } = linkOf(dir, links, ref.value);
        if (anchor && resolved && !parsed.has(resolved) && !wantHeadings.has(resolved) && MARKDOWN.test(resolved) && index.files.has(resolved)) wantHeadings.add(resolved);
      }
    }
  }
  const extra = new Map<string, string>();
  const targets = new Map<string, Set<string>>();
  const anchorCache: AnchorCache | undefined = wantHeadings.size ? openBlobCache(repo, 'docs-anchors.json') : undefined;
  const unseen: string[] = [];
  for (const t of wantHeadings) {
    const oid = index.oids.get(t)!;
    const hit = anchorCache!.entries[oid];
    anchorCache!.used.add(oid);
    if (hit) targets.set(t, new Set(hit));
    else unseen.push(t);
  }
  const [read] = await Promise.all([parseIndexed(repo, unseen, index.oids, cache), readStaged(repo, [...wantPackages], index.oids, (p, text) => extra.set(p, text))]);
  for (const [t, md] of read) {
    targets.set(t, md.anchors);
    anchorCache!.entries[index.oids.get(t)!] = [...md.anchors];
    anchorCache!.dirty = true;
  }
  if (cacheFile) saveBlobCache(cacheFile);
  if (anchorCache) saveBlobCache(anchorCache);
  const anchorsOf = (file: string): Set<string> | null => parsed.get(file)?.anchors ?? targets.get(file) ?? null;
  const scripts = new Map<string, Set<string> | null>();
  const scriptsOf = (pkg: string): Set<string> | null => {
    if (!scripts.has(pkg)) {
      try {
        const data = JSON.parse(extra.get(pkg) ?? 'null') as { scripts?: Record<string, unknown> } | null;
        scripts.set(pkg, data ? new Set(Object.keys(data.scripts ?? {})) : null);
      } catch {
        scripts.set(pkg, null);
      }
    }
    return scripts.get(pkg)!;
  };

  const ownSet = new Set(own);
  const candidatesByDir = new Map<string, Map<string, string[]>>();
  const findings: Finding[] = [];
  const gone = (p: string) => {
    const to = removed.get(p);
    return to === undefined ? 'which does not exist' : to === null ? 'which this commit deletes' : `which this commit renames to ${to}`;
  };
  for (const file of files) {
    const md = parsed.get(file);
    if (!md) continue;
    const dir = path.posix.dirname(file);
    const links = linksIn(dir);
    let pathCandidates = candidatesByDir.get(dir);
    if (!pathCandidates) candidatesByDir.set(dir, (pathCandidates = new Map()));
    const onlyRemoved = !ownSet.has(file); // a referrer: only its references to removed paths are this commit's business
    const add = (line: number, rule: string, message: string) => findings.push({ file, line, rule, message });
    for (const ref of md.refs) {
      if (ref.kind === 'link') {
        const { target, anchor, resolved } = linkOf(dir, links, ref.value);
        if (!target) {
          if (anchor && !onlyRemoved && !md.anchors.has(anchor.toLowerCase())) add(ref.line, 'docs.anchor', `links to #${anchor}, but ${file} has no such heading`);
          continue;
        }
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
        let candidates = pathCandidates.get(ref.value);
        if (!candidates) {
          candidates = [resolveFrom('', ref.value), resolveFrom(dir, ref.value)].filter((p): p is string => p !== null);
          pathCandidates.set(ref.value, candidates);
        }
        if (!candidates.length || candidates.some(exists)) continue;
        const hit = candidates.find((p) => removed.has(p)) ?? candidates[0]!;
        if (!onlyRemoved || removed.has(hit)) add(ref.line, 'docs.path', `refers to \`${ref.value}\`, ${gone(hit)}`);
      } else if (!onlyRemoved) {
        const [tool, script] = ref.value.split('\t') as [string, string];
        const pkg = packageOf(dir);
        const known = pkg ? scriptsOf(pkg) : null;
        if (known && !known.has(script)) add(ref.line, 'docs.script', `\`${tool}${tool === 'npm' ? ' run' : ''} ${script}\`: ${pkg} has no script "${script}"`);
      }
    }
  }
  return { findings, checked: files };
}

interface LinkTarget {
  /** The path part, percent-decoded ('' for `#anchor` alone). */
  target: string;
  anchor: string;
  /** Repository-relative, or null when it leaves the repository (or there is no path part). */
  resolved: string | null;
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
