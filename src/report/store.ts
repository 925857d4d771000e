/**
 * Keeps the last readiness report under this worktree's git dir, and hands it to the post-commit
 * hook as a git note. The pending marker holds the staged tree: the note is attached only to a
 * commit with exactly that tree (never to a later --no-verify commit).
 */
import fs from 'node:fs';
import path from 'node:path';
import { stateDir, type Repo } from '../git/repo.js';
import { git, gitText } from '../git/exec.js';
import { GIT } from '../git/commands.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import type { Report } from './report.js';
import { overwrite, removeFile } from '../cache-files.js';

export const PENDING = 'note-pending';

export function reportFiles(repo: Repo): { md: string; json: string; pending: string } {
  const dir = stateDir(repo);
  return { md: path.join(dir, 'last-report.md'), json: path.join(dir, 'last-report.json'), pending: path.join(dir, PENDING) };
}

export function writeReport(repo: Repo, report: Report, tree: string | null): void {
  const files = reportFiles(repo);
  overwrite(files.md, renderMarkdown(report));
  overwrite(files.json, renderJson(report));
  if (tree) fs.writeFileSync(files.pending, `${tree}\n`);
  else removeFile(files.pending);
}

export function dropPendingNote(repo: Repo): void {
  removeFile(reportFiles(repo).pending);
}

/** post-commit: attach the waiting report to HEAD as a note under refs/notes/spark-guard. */
export async function attachPendingNote(repo: Repo): Promise<boolean> {
  const files = reportFiles(repo);
  if (!fs.existsSync(files.pending)) return false;
  const tree = fs.readFileSync(files.pending, 'utf8').trim();
  removeFile(files.pending);
  const head = await gitText(GIT.headTree, { cwd: repo.root }).catch(() => '');
  if (!tree || head !== tree || !fs.existsSync(files.md)) return false;
  await git(GIT.notesAdd(files.md, 'HEAD'), { cwd: repo.root });
  return true;
}
