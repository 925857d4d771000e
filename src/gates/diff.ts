/** Gate 1, `diff`: the staged diff's size (numstat lines less `diff.ignore`, and files) within limits. */
import fs from 'node:fs';
import path from 'node:path';
import { diffStats, globMatcher } from '../diff/stats.js';
import type { ChangedFile } from '../diff/model.js';
import { messages } from '../messages.js';
import type { Finding, Gate, GateContext, GateOutcome } from './gate.js';

export const diffGate: Gate = {
  id: 'diff',
  phase: 'serial',
  applies(ctx) {
    if (ctx.config.diff.maxLines === false && ctx.config.diff.maxFiles === false) return 'diff.maxLines and diff.maxFiles are off';
    return mergeInProgress(ctx) ? messages.mergeNotSized() : true;
  },
  async run(ctx) {
    return judgeDiffSize(ctx.change.files, ctx);
  },
};

/**
 * Committing a merge: against its first parent the change is the whole merged branch. Only a commit
 * being made (the staged change: `ctx.workspace`) can be one; `check --base/--range` judge commits
 * that exist, whatever this worktree is in the middle of.
 */
export function mergeInProgress(ctx: GateContext): boolean {
  return ctx.workspace !== undefined && fs.existsSync(path.join(ctx.repo.gitDir, 'MERGE_HEAD'));
}

/** Shared by the staged check and the per-commit check of a range; `label` names the commit. */
export function judgeDiffSize(files: readonly ChangedFile[], ctx: GateContext, label?: string): GateOutcome {
  const { maxLines, maxFiles, ignore } = ctx.config.diff;
  const stats = diffStats(files, ignore);
  const findings: Finding[] = [];
  const where = label ?? '';
  if (maxLines !== false && stats.lines > maxLines) {
    findings.push({ file: where, line: null, rule: 'diff.maxLines', message: messages.diffTooManyLines(stats.lines, maxLines, label) });
  }
  if (maxFiles !== false && stats.files > maxFiles) {
    findings.push({ file: where, line: null, rule: 'diff.maxFiles', message: messages.diffTooManyFiles(stats.files, maxFiles, label) });
  }
  const summary = `${stats.lines} line${stats.lines === 1 ? '' : 's'}, ${stats.files} file${stats.files === 1 ? '' : 's'}`;
  if (findings.length === 0) return { status: 'pass', message: summary };
  const ignored = globMatcher(ignore);
  const biggest = files
    .filter((f) => !ignored(f.path))
    .map((f) => ({ path: f.path, lines: f.added + f.deleted }))
    .sort((a, b) => b.lines - a.lines)
    .slice(0, 5);
  return {
    status: 'fail',
    message: summary,
    findings,
    // A commit of a range: only its own largest files; the range gate adds the advice once.
    details: label ? messages.diffLargestIn(biggest, label) : messages.diffHowToSplit(biggest, ctx.configFile, findings.map((f) => f.rule)),
  };
}
