/** The hook lines install adds: the last line of each shim in the package's hooks/ folder. */
import fs from 'node:fs';
import path from 'node:path';
import { hooksDir } from '../paths.js';

export const HOOKS = ['pre-commit', 'commit-msg', 'post-commit'] as const;
export type HookName = (typeof HOOKS)[number];

export function hookLine(hook: HookName): string {
  const lines = fs.readFileSync(path.join(hooksDir, hook), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  return lines[lines.length - 1]!;
}

/** Adds the line once, keeping everything already there. Returns null when nothing changes. */
export function addLine(content: string | null, line: string): string | null {
  if (content !== null && content.split('\n').some((l) => l.trim() === line)) return null;
  if (content === null || content === '') return `${line}\n`;
  return `${content}${content.endsWith('\n') ? '' : '\n'}${line}\n`;
}

/** Removes exactly the line install added. Returns null when it is not there. */
export function removeLine(content: string, line: string): string | null {
  const lines = content.split('\n');
  const kept = lines.filter((l) => l.trim() !== line);
  return kept.length === lines.length ? null : kept.join('\n');
}

/** A hook file that holds nothing but blank lines, comments and a shebang. */
export function isEmptyHook(content: string): boolean {
  return content.split('\n').every((l) => !l.trim() || l.trim().startsWith('#'));
}
