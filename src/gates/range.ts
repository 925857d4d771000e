/** Commit-level gates for `check --base/--range`: diff size and message, judged commit by commit. */
import { readChange, commitSpec, type CommitInfo } from '../diff/read.js';
import { checkMessage } from './message.js';
import { judgeDiffSize } from './diff.js';
import type { Finding, Gate } from './gate.js';
import { messages } from '../messages.js';

const short = (c: CommitInfo) => `${c.id.slice(0, 7)} "${c.message.split('\n')[0]!.slice(0, 50)}"`;

export function perCommitDiffGate(commits: readonly CommitInfo[]): Gate {
  return {
    id: 'diff',
    phase: 'serial',
    applies: (ctx) => (ctx.config.diff.maxLines === false && ctx.config.diff.maxFiles === false ? 'diff.maxLines and diff.maxFiles are off' : true),
    async run(ctx) {
      const findings: Finding[] = [];
      const largest: string[] = [];
      for (const commit of commits) {
        if (commit.parents.length > 1) continue; // a merge's size is its branch's, judged commit by commit
        const change = await readChange(ctx.repo, commitSpec(commit.id, commit.parents));
        const outcome = judgeDiffSize(change.files, ctx, short(commit));
        findings.push(...(outcome.findings ?? []));
        if (outcome.details) largest.push(outcome.details);
      }
      const summary = `${commits.length} commit${commits.length === 1 ? '' : 's'}`;
      if (!findings.length) return { status: 'pass', message: summary };
      const details = [...largest, messages.diffRangeHowToSplit(ctx.configFile, [...new Set(findings.map((f) => f.rule))])].join('\n');
      return { status: 'fail', message: summary, findings, details };
    },
  };
}

export function perCommitMessageGate(commits: readonly CommitInfo[]): Gate {
  return {
    id: 'message',
    phase: 'serial',
    applies: () => (commits.length === 0 ? 'no commits in the range' : true),
    async run(ctx) {
      const findings = commits.flatMap((c) =>
        checkMessage(c.message, ctx.config.commitMessage, { merge: c.parents.length > 1 }).map((f) => ({ ...f, message: `commit ${short(c)}: ${f.message}` })),
      );
      if (findings.length === 0) return { status: 'pass', message: `${commits.length} commit${commits.length === 1 ? '' : 's'}` };
      return {
        status: 'fail',
        message: messages.count(findings.length, 'message rule broken', 'message rules broken'),
        findings,
        details: messages.messageHowToFixCommitted(ctx.config.commitMessage.conventional, ctx.config.commitMessage.maxSubjectLength),
      };
    },
  };
}
