/**
 * Sizes and contents of blobs read from their loose objects, without starting git: a blob that `git add` just
 * wrote is a loose object (`<objects>/ab/cdef…`, zlib-deflated `blob <size>\0<content>`), and the
 * header's size is the blob's, whatever the content. A `git cat-file` process costs a commit
 * ~5–10 ms; inflating the first bytes of a few files costs microseconds. Whatever is not loose here
 * (packed, in an alternate, a promisor remote's, a file git streamed straight into a pack for being
 * over core.bigFileThreshold) or does not read as a blob is left out, and the caller asks git.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Repo } from './repo.js';
import { readIndexFile } from './index-file.js';
import { inflateStart, inflateWhole } from './inflate.js';

/** The object directory git would use: GIT_OBJECT_DIRECTORY (relative to the work tree, where git runs), else `<common dir>/objects`. */
export function objectsDir(repo: Repo, env: NodeJS.ProcessEnv): string {
  return env.GIT_OBJECT_DIRECTORY ? path.resolve(repo.root, env.GIT_OBJECT_DIRECTORY) : path.join(repo.commonDir, 'objects');
}

/** A loose object's file, or null for what is not an object id (SHA-1 or SHA-256). */
function objectFile(dir: string, id: string): string | null {
  return /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(id) ? path.join(dir, id.slice(0, 2), id.slice(2)) : null;
}

/**
 * How much of the deflated object to read for its header (`blob ` + up to 20 digits + NUL): 64 bytes
 * mostly; when they are all Huffman tables (binary content), 512 hold the largest such table and the
 * header after it. A stream that still says nothing is left to git.
 */
const READS = [64, 512];

export function looseBlobSizes(dir: string, ids: readonly string[]): Map<string, number> {
  const sizes = new Map<string, number>();
  if (ids.length === 0) return sizes;
  const buffer = Buffer.alloc(READS[READS.length - 1]!);
  for (const id of ids) {
    const file = objectFile(dir, id);
    if (!file) continue;
    let fd: number | undefined;
    try {
      fd = fs.openSync(file, 'r');
    } catch {
      continue; // not loose here: git answers
    }
    try {
      let have = 0;
      for (const want of READS) {
        const asked = want - have;
        const n = fs.readSync(fd, buffer, have, asked, have);
        have += n;
        // The beginning of the stream: what the bytes read so far inflate to (git/inflate.ts).
        const head = inflateStart(buffer.subarray(0, have), 32).toString('latin1');
        const match = /^blob (0|[1-9]\d{0,19})\0/.exec(head);
        if (match) {
          sizes.set(id, Number(match[1]));
          break;
        }
        if (head.includes('\0') || n < asked) break; // another type, or the whole file was read
      }
    } catch {
      /* not a zlib stream, or unreadable: git answers */
    } finally {
      fs.closeSync(fd);
    }
  }
  return sizes;
}

/** Loose objects larger than this (deflated) are left to git: a whole inflate is only for small files. */
const WHOLE_AT_MOST = 256 * 1024;

/**
 * The content of a small blob from its loose object (VERIFY.md, PROGRESS.md on every commit), or
 * null when it is not a loose blob here, is larger, or does not read whole: the caller asks git.
 */
export function looseBlob(dir: string, id: string): Buffer | null {
  const file = objectFile(dir, id);
  if (!file) return null;
  try {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat || stat.size > WHOLE_AT_MOST) return null;
    const object = inflateWhole(fs.readFileSync(file));
    const nul = object.indexOf(0);
    const match = nul > 0 ? /^blob (0|[1-9]\d{0,19})$/.exec(object.toString('latin1', 0, nul)) : null;
    if (!match || Number(match[1]) !== object.length - nul - 1) return null;
    return object.subarray(nul + 1);
  } catch {
    return null; // not a zlib stream, truncated, unreadable: git answers
  }
}

/**
 * The staged content of one path (`git cat-file blob :<path>`) read from the index file and the loose
 * object, or null: not staged at stage 0, not loose, an index over 1 MB (~10,000 paths) or of a kind
 * the reader leaves to git. Null means "ask git", never "missing".
 */
export function stagedLooseBlob(repo: Repo, env: NodeJS.ProcessEnv, file: string): Buffer | null {
  const entry = readIndexFile(repo, env, 1 << 20)?.find((e) => e.path === file && e.stage === 0);
  return entry ? looseBlob(objectsDir(repo, env), entry.oid) : null;
}
