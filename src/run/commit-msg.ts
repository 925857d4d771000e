/**
 * The commit-msg hook's own light path: the (cached) config and the message rules, nothing of the
 * diff pipeline. A passing message prints nothing: the pre-commit report already said everything.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { stateDir, type Repo } from '../git/repo.js';
import { checkMessage, cleanMessage } from '../gates/message.js';
import { messages } from '../messages.js';
import { buildReport, type Report } from '../report/report.js';
import { parseList } from './skips.js';
import type { CommitMessageConfig } from '../config/types.js';
import type { Finding } from '../gates/gate.js';
import { now } from '../clock.js';

export async function checkCommitMessage(repo: Repo, messageFile: string, env: NodeJS.ProcessEnv): Promise<Report> {
  const started = now();
  const loaded = await loadConfig(repo.root, env, path.join(stateDir(repo), 'cache'));
  const { commitMessage } = loaded.config;
  const skipped = parseList(env.SPARK_GUARD_SKIP).includes('message');
  const elapsed = () => Math.round(now() - started);
  if (skipped) {
    return buildReport({
      diff: { files: 0, lines: 0 },
      gates: [{ name: 'message', status: 'skip', ms: 0, message: 'skipped by SPARK_GUARD_SKIP', findings: [] }],
      warnings: [messages.skippedByEnv(['message'], 'SPARK_GUARD_SKIP')],
      ms: elapsed(),
    });
  }
  const findings = judgeMessageFile(repo, messageFile, commitMessage);
  const failed = findings.length > 0;
  return buildReport({
    diff: { files: 0, lines: 0 },
    gates: [
      {
        name: 'message',
        status: failed ? 'fail' : 'pass',
        ms: elapsed(),
        message: failed ? messages.count(findings.length, 'message rule broken', 'message rules broken') : '',
        findings,
        ...(failed ? { details: messages.messageHowToFix(commitMessage.conventional, commitMessage.maxSubjectLength) } : {}),
      },
    ],
    ms: elapsed(),
  });
}

/** The message rules on a commit message file (comments stripped; a merge is exempt from length and format). */
export function judgeMessageFile(repo: Repo, messageFile: string, rules: CommitMessageConfig): Finding[] {
  return judgeMessage(repo, fs.readFileSync(messageFile, 'utf8'), rules);
}

/** The message rules on the text of a message file, as judgeMessageFile reads it. */
export function judgeMessage(repo: Repo, raw: string, rules: CommitMessageConfig): Finding[] {
  const merge = fs.existsSync(path.join(repo.gitDir, 'MERGE_HEAD'));
  return checkMessage(cleanMessage(raw), rules, { merge });
}
