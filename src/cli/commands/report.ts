/** `spark-guard report [rev]`: a commit's readiness report, from its git note. */
import { findRepo } from '../../git/repo.js';
import { git } from '../../git/exec.js';
import { GIT } from '../../git/commands.js';
import { messages } from '../../messages.js';

export async function showReport(rev = 'HEAD'): Promise<number> {
  const repo = await findRepo(process.cwd());
  const r = await git(GIT.notesShow(rev), { cwd: repo.root, allowFailure: true });
  if (r.code !== 0) {
    process.stderr.write(`spark-guard: ${messages.noReport(rev)}\n`);
    return 1;
  }
  process.stdout.write(r.stdout);
  return 0;
}
