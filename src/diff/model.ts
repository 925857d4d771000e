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
  /** Blob ids before and after the change (all zeros where there is none). */
  oldBlob: string;
  newBlob: string;
  /** A gitlink (submodule pointer): mode 160000 on either side. */
  submodule: boolean;
}

export interface AddedLine {
  path: string;
  /** 1-based line number in the new file. */
  line: number;
  /** The line's text, without the end-of-line (a CRLF's CR removed). */
  text: string;
  /** The line above it in the new file, when the patch shows it (for `spark-guard-allow`). */
  previous?: string;
}

export interface Change {
  files: ChangedFile[];
  /** Added lines of text files, grouped by file; read from git on first use and then kept. */
  addedLines(): Promise<{ file: ChangedFile; added: AddedLine[] }[]>;
  /** Size in bytes of each added or modified blob, by path; read on first use. */
  blobSizes(): Promise<Map<string, number>>;
  /** The patch with three lines of context, for the reviewer; read on first use. */
  reviewPatch(): Promise<string>;
}

export interface DiffStats {
  files: number;
  lines: number;
}
