import { messages } from '../messages.js';

/** Codex's apply_patch envelope: which files it adds, updates (or moves) and deletes, and the lines it adds. */
export interface PatchEntry {
  op: 'add' | 'update' | 'delete';
  path: string;
  /** Added lines with their 1-based index among the entry's added lines. */
  added: { text: string; line: number }[];
}

export class MalformedPatch extends Error {}

export function parsePatch(text: string): PatchEntry[] {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim() === '*** Begin Patch');
  if (start < 0) throw new MalformedPatch(messages.guardPatchNoBegin);
  const entries: PatchEntry[] = [];
  let current: PatchEntry | null = null;
  let ended = false;
  for (const line of lines.slice(start + 1)) {
    const header = /^\*\*\* (Add|Update|Delete) File: (.+)$/.exec(line);
    if (header) {
      current = { op: header[1]!.toLowerCase() as PatchEntry['op'], path: header[2]!.trim(), added: [] };
      entries.push(current);
      continue;
    }
    const move = /^\*\*\* Move to: (.+)$/.exec(line);
    if (move && current) {
      // A move adds the new path and deletes the old one.
      entries.push({ op: 'delete', path: current.path, added: [] });
      current.op = 'add';
      current.path = move[1]!.trim();
      continue;
    }
    if (line.trim() === '*** End Patch') {
      ended = true;
      break;
    }
    if (current && line.startsWith('+')) current.added.push({ text: line.slice(1), line: current.added.length + 1 });
  }
  if (!ended) throw new MalformedPatch(messages.guardPatchNoEnd);
  return entries;
}
