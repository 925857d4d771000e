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

/** The lines earlier versions of install added: install puts the current line in their place, uninstall removes them too. */
const EARLIER: Record<HookName, readonly string[]> = {
  'pre-commit': ['[ "${SPARK_GUARD-}" = 0 ] && echo "spark-guard: SPARK_GUARD=0, pre-commit checks skipped." || spark-guard run pre-commit "$@"'],
  'commit-msg': ['[ "${SPARK_GUARD-}" = 0 ] && echo "spark-guard: SPARK_GUARD=0, commit-msg checks skipped." || spark-guard run commit-msg "$@"'],
  'post-commit': ['[ "${SPARK_GUARD-}" = 0 ] || [ ! -f "$(git rev-parse --git-dir)/spark-guard/note-pending" ] || spark-guard run post-commit "$@"'],
};

export function earlierLines(hook: HookName): readonly string[] {
  return EARLIER[hook];
}

/** Whether a hook file holds a line of an earlier version of install. */
export function holdsEarlierLine(content: string, hook: HookName): boolean {
  return content.split('\n').some((l) => EARLIER[hook].includes(l.trim()));
}

/**
 * Adds the line once, keeping everything already there; a line of an earlier version is replaced
 * where it stands. Returns null when nothing changes.
 */
export function addLine(content: string | null, line: string, earlier: readonly string[] = []): string | null {
  if (content === null || content === '') return `${line}\n`;
  const lines = content.split('\n');
  const isEarlier = (l: string) => earlier.includes(l.trim());
  if (lines.some((l) => l.trim() === line)) return lines.some(isEarlier) ? lines.filter((l) => !isEarlier(l)).join('\n') : null;
  const at = lines.findIndex(isEarlier);
  if (at >= 0) return lines.flatMap((l, i) => (i === at ? [line] : isEarlier(l) ? [] : [l])).join('\n');
  return `${content}${content.endsWith('\n') ? '' : '\n'}${line}\n`;
}

/** Removes exactly the line install added (and an earlier version's). Returns null when none is there. */
export function removeLine(content: string, line: string, earlier: readonly string[] = []): string | null {
  const lines = content.split('\n');
  const kept = lines.filter((l) => l.trim() !== line && !earlier.includes(l.trim()));
  return kept.length === lines.length ? null : kept.join('\n');
}

/** A hook file that holds nothing but blank lines, comments and a shebang. */
export function isEmptyHook(content: string): boolean {
  return content.split('\n').every((l) => !l.trim() || l.trim().startsWith('#'));
}
