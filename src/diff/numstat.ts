/**
 * Parses `git diff -z --raw --numstat` output: all raw records, then all numstat records.
 * Raw:     :<old mode> <new mode> <old blob> <new blob> <status>[score] NUL <path> NUL [<new path> NUL]
 * Numstat: <added> TAB <deleted> TAB <path> NUL   |   <added> TAB <deleted> TAB NUL <old> NUL <new> NUL
 */
import type { ChangedFile, ChangeStatus } from './model.js';

export function parseRawNumstat(output: Buffer | string): ChangedFile[] {
  const tokens = (typeof output === 'string' ? output : output.toString('utf8')).split('\0');
  const files: ChangedFile[] = [];
  let i = 0;
  while (i < tokens.length && tokens[i]!.startsWith(':')) {
    const [oldMode, newMode, oldBlob, newBlob, statusField] = tokens[i]!.slice(1).split(' ') as [string, string, string, string, string];
    const status = statusField[0] as ChangeStatus;
    const twoPaths = status === 'R' || status === 'C';
    const first = tokens[i + 1]!;
    const file: ChangedFile = {
      path: twoPaths ? tokens[i + 2]! : first,
      status,
      added: 0,
      deleted: 0,
      binary: false,
      oldMode,
      newMode,
      oldBlob,
      newBlob,
      submodule: oldMode === '160000' || newMode === '160000',
    };
    if (twoPaths) file.oldPath = first;
    files.push(file);
    i += twoPaths ? 3 : 2;
  }
  // Numstat records come in the same order as the raw ones.
  let index = 0;
  while (i < tokens.length && index < files.length) {
    const record = tokens[i]!;
    if (record === '') {
      i += 1;
      continue;
    }
    const [added, deleted, name] = record.split('\t') as [string, string, string];
    const file = files[index]!;
    file.binary = added === '-';
    file.added = file.binary ? 0 : Number(added);
    file.deleted = file.binary ? 0 : Number(deleted);
    i += name === '' ? 3 : 1;
    index += 1;
  }
  return files;
}
