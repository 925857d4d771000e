/** The change being judged: staged, against a base, or one commit of a range. Pure data. */

/** git's status letters: Added, Copied, Deleted, Modified, Renamed, Type change, Unmerged. */
export type ChangeStatus = 'A' | 'C' | 'D' | 'M' | 'R' | 'T' | 'U';

export interface ChangedFile {
  /** Path after the change (for a deletion: the deleted path). Repository-relative, `/`-separated. */
  path: string;
  /** Path before a rename or copy. */
  oldPath?: string;
  status: ChangeStatus;
  /** Lines added / deleted, from numstat; 0 for binaries. */
  added: number;
  deleted: number;
  binary: boolean;
  oldMode: string;
  newMode: string;
  /** Blob id after the change (all zeros for a deletion). */
  newBlob: string;
  /** A gitlink (submodule pointer): mode 160000 on either side. */
  submodule: boolean;
}

export interface AddedLine {
  path: string;
  line: number;
  text: string;
}

export interface Change {
  files: ChangedFile[];
}

export interface DiffStats {
  files: number;
  lines: number;
}

export function lineCount(file: ChangedFile): number {
  return file.added + file.deleted;
}
