/** `spark-guard-allow <id>` on the line itself or the line above exempts it from rule `<id>`. */
import type { AddedLine } from '../diff/model.js';

export function isAllowed(line: AddedLine, id: string): boolean {
  return allows(line.text, id) || (line.previous !== undefined && allows(line.previous, id));
}

/** Whether a line's own text says `spark-guard-allow <id>`. */
export function allows(text: string, id: string): boolean {
  const at = text.indexOf('spark-guard-allow');
  if (at < 0) return false;
  const ids = text.slice(at + 'spark-guard-allow'.length).match(/^[\s:]+([\w,\s-]+)/)?.[1] ?? '';
  return ids.split(/[\s,]+/).includes(id);
}

/** A line for display: trimmed and cut to a readable width. */
export function excerpt(text: string, width = 120): string {
  const t = text.trim();
  return t.length > width ? `${t.slice(0, width - 1)}…` : t;
}
