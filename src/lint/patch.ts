/**
 * lint-staged's `lint-staged_unstaged.patch`, read (pure): the unstaged edits of partially staged
 * files, one section per file, with the blob ids of its preimage (the staged version) and of its
 * postimage (staged + edits), and no context lines (`-U0`).
 */
import { sectionPath } from '../diff/header.js';

/** What a work-tree file holds when it is not a regular file with content (see recover.ts). */
export const MISSING = 'missing';
export const EMPTY = 'empty';
export const OTHER = 'other';

export interface PatchSection {
  path: string;
  /** The preimage blob id (abbreviated); null for a mode-only change (no `index` line). */
  pre: string | null;
  /** The postimage blob id (abbreviated), MISSING for a deletion, OTHER when not known (mode only). */
  post: string;
  mode: string;
  text: string;
}

/**
 * The patch's sections, or null when one is not what lint-staged writes for an edit of a staged
 * file (a rename, a file not in the index) or a section names no file.
 */
export function parsePatch(text: string): PatchSection[] | null {
  const sections: PatchSection[] = [];
  for (const part of text.split(/^(?=diff --git )/m).filter((t) => t.startsWith('diff --git '))) {
    const header = part.split(/^(?:@@|GIT binary patch)/m)[0]!;
    if (/^(?:rename|copy) from /m.test(header)) return null;
    const name = sectionPath(header);
    if (name === null) return null;
    const index = /^index ([0-9a-f]{4,64})\.\.([0-9a-f]{4,64})(?: (\d{6}))?$/m.exec(header);
    if (index && zero(index[1]!)) return null; // not in the index: not lint-staged's
    const mode = index?.[3] ?? /^new mode (\d{6})$/m.exec(header)?.[1] ?? '100644';
    sections.push({ path: name, pre: index ? index[1]! : null, post: index ? (zero(index[2]!) ? MISSING : index[2]!) : OTHER, mode, text: part });
  }
  return sections;
}

const zero = (id: string) => /^0+$/.test(id);

/** Whether a work-tree state (a full blob id, MISSING, EMPTY or OTHER) is `id` (abbreviated, or one of those). */
export function sameState(state: string, id: string | null): boolean {
  if (id === null) return false;
  if (id === MISSING || id === EMPTY || id === OTHER) return state === id;
  return state.startsWith(id);
}
