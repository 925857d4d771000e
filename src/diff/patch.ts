/**
 * Added lines from a `-U1` patch, parsed with parse-diff. Sections come in the same order as the
 * raw records, so they are paired by position (parse-diff cannot unquote git's path quoting).
 */
import parseDiff from 'parse-diff';
import type { AddedLine, ChangedFile } from './model.js';

export interface FileLines {
  file: ChangedFile;
  added: AddedLine[];
}

/** For each text file: its added lines, each with the line above it in the new file (context or added). */
export function addedLinesByFile(patch: string, files: readonly ChangedFile[]): FileLines[] {
  const sections = parseDiff(patch);
  const out: FileLines[] = [];
  sections.forEach((section, index) => {
    const file = files[index];
    if (!file || file.binary || file.submodule || file.status === 'D') return;
    const added: AddedLine[] = [];
    for (const chunk of section.chunks) {
      let previous: string | undefined;
      for (const change of chunk.changes) {
        if (change.type === 'del') continue;
        const text = stripEol(change.content.slice(1));
        if (change.type === 'add') added.push({ path: file.path, line: change.ln, text, previous });
        previous = text;
      }
    }
    if (added.length) out.push({ file, added });
  });
  return out;
}

function stripEol(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}
