/**
 * A file an agent is about to write, add or delete, against `files`: where it really is (`..` and
 * symlinks resolved), whether it leaves the repository, whether it is protected, whether it is new.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FilesConfig } from '../config/types.js';
import { globMatcher } from '../diff/stats.js';
import { messages } from '../messages.js';
import type { Block } from './run.js';

export interface WriteVerdict {
  rule: 'outside-repo' | 'protect' | 'allowCreate' | 'allowDelete';
  /** The path as the repository sees it (or the absolute path outside it). */
  part: string;
}

/** The real location of a path that may not exist yet: its nearest existing parent resolved. */
export function realPath(file: string): string {
  const tail: string[] = [];
  let current = file;
  for (let links = 0; ; ) {
    try {
      return path.join(fs.realpathSync(current), ...tail.reverse());
    } catch {
      // A dangling symlink: writing through it creates its target.
      try {
        if (links++ < 40 && fs.lstatSync(current).isSymbolicLink()) {
          current = path.resolve(path.dirname(current), fs.readlinkSync(current));
          continue;
        }
      } catch {
        /* not there at all */
      }
      const parent = path.dirname(current);
      if (parent === current) return path.join(current, ...tail.reverse());
      tail.push(path.basename(current));
      current = parent;
    }
  }
}

function inside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export function tempRoots(): string[] {
  const roots = new Set<string>();
  for (const dir of [process.getBuiltinModule('node:os').tmpdir(), '/tmp', '/var/tmp', process.env.TMPDIR].filter((d): d is string => !!d)) {
    roots.add(path.resolve(dir));
    try {
      roots.add(fs.realpathSync(dir));
    } catch {
      /* absent */
    }
  }
  return [...roots];
}

/** A path of a call as the repository names it (`src/a.ts`), resolved like a write; outside it, the absolute path. */
export function repoRelative(file: string, cwd: string, root: string): string {
  const real = realPath(path.resolve(cwd, file));
  const realRoot = realPath(root);
  return inside(realRoot, real) ? path.relative(realRoot, real).split(path.sep).join('/') : real;
}

/**
 * `op` is what happens to the file: `write` (create or change; a missing file is a creation),
 * `add` (a patch adds it), `update`, `delete`.
 */
export function judgeWrite(file: string, cwd: string, root: string, files: FilesConfig, op: 'write' | 'add' | 'update' | 'delete'): WriteVerdict | null {
  const absolute = path.resolve(cwd, file);
  const real = realPath(absolute);
  const realRoot = realPath(root);
  if (!inside(realRoot, real)) {
    if (tempRoots().some((t) => inside(t, real))) return null;
    return { rule: 'outside-repo', part: real };
  }
  const rel = path.relative(realRoot, real).split(path.sep).join('/');
  if (rel === '' || rel === '.git' || rel.startsWith('.git/')) return { rule: 'protect', part: rel || '.' };
  if (files.protect.length && globMatcher(files.protect)(rel)) return { rule: 'protect', part: rel };
  const exists = fs.existsSync(real);
  if (!files.allowCreate && !exists && (op === 'write' || op === 'add')) return { rule: 'allowCreate', part: rel };
  if (!files.allowDelete && op === 'delete') return { rule: 'allowDelete', part: rel };
  return null;
}

const WRITE_MESSAGES: Record<WriteVerdict['rule'], string> = {
  'outside-repo': messages.guardOutsideRepo,
  protect: messages.guardProtected,
  allowCreate: messages.guardNoCreate,
  allowDelete: messages.guardNoDelete,
};

export function writeBlock(v: WriteVerdict): Block {
  const rule = v.rule === 'outside-repo' ? 'outside-repo' : `files.${v.rule}`;
  return { rule, part: v.part, message: WRITE_MESSAGES[v.rule] };
}

/** A Write/Edit call against `files` (dist/guard/writes.cjs: dist/guard.cjs loads this for those, without the secret rules). */
export function writeBlocks(call: { path: string; cwd: string }, root: string, files: FilesConfig): Block[] {
  const v = judgeWrite(call.path, call.cwd, root, files, 'write');
  return v ? [writeBlock(v)] : [];
}
