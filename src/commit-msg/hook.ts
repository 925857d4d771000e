/**
 * `spark-guard run commit-msg <file>` when the fast routes could not answer: the (cached) config, the
 * message file, the decision (decide.ts), and a report when there is something to say. Nothing of the
 * diff pipeline loads here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { mergeInProgress, stateDir, type Repo } from '../git/repo.js';
import { buildReport, type Report } from '../report/report.js';
import { now } from '../clock.js';
import { decideMessage, messageOutcome, type MessageVerdict } from './decide.js';
import type { CommitMessageConfig } from '../config/types.js';

/** The report of judging `messageFile`, or null when the message passes: nothing to print. */
export async function checkCommitMessage(repo: Repo, messageFile: string, env: NodeJS.ProcessEnv): Promise<Report | null> {
  const started = now();
  const loaded = await loadConfig(repo.root, env, path.join(stateDir(repo), 'cache'));
  const verdict = judgeMessageFile(repo, messageFile, loaded.config.commitMessage, env);
  if (verdict.status === 'pass') return null; // the pre-commit report said everything (DEBUG's lines are printed as they come)
  const ms = Math.round(now() - started);
  const gate = { name: 'message', ms: verdict.status === 'skip' ? 0 : ms, findings: [], ...messageOutcome(verdict) };
  return buildReport({ diff: { files: 0, lines: 0 }, gates: [gate], warnings: verdict.status === 'skip' ? [verdict.warning] : [], ms });
}

/** The decision on a message file, with the repository's merge state. */
export function judgeMessageFile(repo: Repo, messageFile: string, rules: CommitMessageConfig, env: NodeJS.ProcessEnv): MessageVerdict {
  return decideMessage({ env, rules, message: fs.readFileSync(messageFile), merge: mergeInProgress(repo) });
}
