/** What install added in this clone, so that uninstall removes exactly that. Kept in the common git dir. */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

export interface InstallState {
  /** core.hooksPath before husky set it; null when it was unset. Absent when install did not set it. */
  hooksPathBefore?: string | null;
  /** Hook files install created (rather than appended to). */
  createdHooks?: string[];
  /** The prepare script before install changed it (null: there was none), and what install set. */
  prepare?: { before: string | null; after: string };
  devDependencyAdded?: boolean;
  /** Hooks that ran before install and that `.husky/<hook>` now calls first. */
  chained?: { hook: string; shown: string; by: string }[];
  /** `.husky/<hook>` files created only to chain an old hook (not one of spark-guard's three). */
  chainCreated?: string[];
  /** Hooks that ran before install and that the user let stop (`install --replace`). */
  replaced?: { shown: string; by: string }[];
  /** The starter config install wrote, with the sha256 of its content. */
  config?: { file: string; sha256: string };
}

export function stateFile(commonDir: string): string {
  return path.join(commonDir, 'spark-guard', 'install.json');
}

export function readState(commonDir: string): InstallState {
  try {
    return JSON.parse(fs.readFileSync(stateFile(commonDir), 'utf8')) as InstallState;
  } catch {
    return {};
  }
}

export function writeState(commonDir: string, state: InstallState): void {
  const file = stateFile(commonDir);
  if (Object.keys(state).length === 0) {
    fs.rmSync(file, { force: true });
    return;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`);
}

export function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}
