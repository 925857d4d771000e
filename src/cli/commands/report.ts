/** `spark-guard report [rev]`: a commit's readiness report, from its git note; `--html` as one page. */
import fs from 'node:fs';
import path from 'node:path';
import { findRepo, stateDir, type Repo } from '../../git/repo.js';
import { git } from '../../git/exec.js';
import { GIT } from '../../git/commands.js';
import { messages } from '../../messages.js';
import { reportFiles } from '../../report/store.js';
import { SparkGuardError } from '../../errors.js';

export interface ReportOptions {
  html?: boolean;
  open?: boolean;
}

export async function showReport(rev?: string, options: ReportOptions = {}): Promise<number> {
  const repo = await findRepo(process.cwd());
  if (options.html || options.open) return writeHtml(repo, rev, options.open === true);
  const r = await git(GIT.notesShow(rev ?? 'HEAD'), { cwd: repo.root, allowFailure: true });
  if (r.code !== 0) {
    process.stderr.write(`spark-guard: ${messages.noReport(rev ?? 'HEAD')}\n`);
    return 1;
  }
  process.stdout.write(r.stdout);
  return 0;
}

/**
 * Without a rev: the last run's report (blocked or not) from last-report.json. With one: that
 * commit's note, with the full data when the note is the last run's report, else its Markdown as it is.
 */
async function writeHtml(repo: Repo, rev: string | undefined, open: boolean): Promise<number> {
  const { renderHtml, renderMarkdownAsHtml } = await import('../../report/html.js');
  const files = reportFiles(repo);
  const lastJson = () => JSON.parse(fs.readFileSync(files.json, 'utf8'));
  let html: string;
  let out = path.join(stateDir(repo), 'last-report.html');
  if (rev === undefined) {
    if (!fs.existsSync(files.json)) throw new SparkGuardError('env', messages.noLastReport());
    html = renderHtml(lastJson(), { root: repo.root });
  } else {
    const r = await git(GIT.notesShow(rev), { cwd: repo.root, allowFailure: true });
    if (r.code !== 0) {
      process.stderr.write(`spark-guard: ${messages.noReport(rev)}\n`);
      return 1;
    }
    const note = r.stdout.toString();
    const title = `spark-guard readiness report · ${rev}`;
    const sameAsLast = fs.existsSync(files.md) && fs.existsSync(files.json) && fs.readFileSync(files.md, 'utf8') === note;
    html = sameAsLast ? renderHtml(lastJson(), { root: repo.root, title }) : renderMarkdownAsHtml(note, title);
    out = path.join(stateDir(repo), `report-${rev.replace(/[^A-Za-z0-9._-]+/g, '_')}.html`);
  }
  fs.writeFileSync(out, html);
  process.stdout.write(`${out}\n`);
  if (open) openInBrowser(out);
  return 0;
}

function openInBrowser(file: string): void {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [file]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', file]] : ['xdg-open', [file]];
  const { spawn } = process.getBuiltinModule('node:child_process') as typeof import('node:child_process');
  const child = spawn(cmd as string, args as string[], { detached: true, stdio: 'ignore' });
  child.on('error', () => process.stderr.write(`spark-guard: ${messages.cannotOpen(cmd as string, file)}\n`));
  child.unref();
}
