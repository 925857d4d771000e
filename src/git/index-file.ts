/**
 * The index's entries read from the index file itself, as `git ls-files --stage` lists them: on a
 * commit, starting git costs more (~5–10 ms a process) than reading a few kilobytes. Formats 2, 3
 * and 4 (https://git-scm.com/docs/index-format); a split or sparse index, an unknown required
 * extension, SHA-256 object ids or anything unexpected answer null, and the caller asks git.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Repo } from './repo.js';

export interface IndexEntry {
  path: string;
  /** The blob id (40 hex digits). */
  oid: string;
  mode: number;
  /** 0, or 1–3 for an unmerged path. */
  stage: number;
}

/** The file git would read: GIT_INDEX_FILE (relative to the work tree, where git runs), else `<git dir>/index`. */
export function indexFilePath(repo: Repo, env: NodeJS.ProcessEnv): string {
  return env.GIT_INDEX_FILE ? path.resolve(repo.root, env.GIT_INDEX_FILE) : path.join(repo.gitDir, 'index');
}

/** `maxBytes`: a larger index answers null (git reads one path faster than this parses them all). */
export function readIndexFile(repo: Repo, env: NodeJS.ProcessEnv, maxBytes = Number.POSITIVE_INFINITY): IndexEntry[] | null {
  let buf: Buffer;
  try {
    if (/^\s*objectformat\s*=/im.test(fs.readFileSync(path.join(repo.commonDir, 'config'), 'utf8'))) return null;
    const file = indexFilePath(repo, env);
    if (Number.isFinite(maxBytes) && fs.statSync(file).size > maxBytes) return null;
    buf = fs.readFileSync(file);
  } catch {
    return null; // no index yet (git lists nothing then), or unreadable: git decides
  }
  return parseIndexFile(buf);
}

export function parseIndexFile(buf: Buffer): IndexEntry[] | null {
  if (buf.length < 32 || buf.toString('latin1', 0, 4) !== 'DIRC') return null;
  const version = buf.readUInt32BE(4);
  if (version < 2 || version > 4) return null;
  const count = buf.readUInt32BE(8);
  const end = buf.length - 20; // the trailing checksum
  const entries: IndexEntry[] = [];
  let at = 12;
  let previous: Buffer = Buffer.alloc(0);
  for (let i = 0; i < count; i++) {
    if (at + 62 > end) return null;
    const mode = buf.readUInt32BE(at + 24);
    const oid = buf.toString('hex', at + 40, at + 60);
    const flags = buf.readUInt16BE(at + 60);
    let p = at + 62;
    if (flags & 0x4000) {
      if (version < 3) return null;
      p += 2; // extended flags (skip-worktree, intent-to-add): listed all the same
    }
    let name: Buffer;
    if (version === 4) {
      // Prefix compression: how many bytes of the previous path to drop (git's varint), then the rest.
      let c = buf[p++]!;
      let drop = c & 127;
      while (c & 128) {
        c = buf[p++]!;
        drop = ((drop + 1) << 7) | (c & 127);
        if (drop > previous.length) return null;
      }
      if (drop > previous.length) return null;
      const nul = buf.indexOf(0, p);
      if (nul < 0 || nul >= end) return null;
      name = Buffer.concat([previous.subarray(0, previous.length - drop), buf.subarray(p, nul)]);
      at = nul + 1;
    } else {
      const nul = buf.indexOf(0, p);
      if (nul < 0 || nul >= end) return null;
      name = buf.subarray(p, nul);
      at += ((p - at + (nul - p) + 8) & ~7) >>> 0; // NUL-padded to a multiple of 8
    }
    previous = name;
    if ((mode & 0o170000) === 0o040000) return null; // a sparse index's folder entry
    entries.push({ path: name.toString('utf8'), oid, mode, stage: (flags >> 12) & 3 });
  }
  // Extensions: optional ones (upper-case signature) are skipped; a required one (split index
  // `link`, sparse `sdir`, …) changes what the entries mean.
  while (at + 8 <= end) {
    const first = buf[at]!;
    if (first < 0x41 || first > 0x5a) return null;
    at += 8 + buf.readUInt32BE(at + 4);
  }
  return at === end ? entries : null;
}
