/**
 * The one decision on a commit message. Every route that judges one calls it: pre-commit's judgement
 * of a `git commit -m` message ahead (ahead.ts: block before the expensive gates, or leave the bytes
 * for bin/spark-guard-commit-msg), the commit-msg fast path (fast.ts, dist/fast.cjs) and the full
 * `spark-guard run commit-msg` (hook.ts). Pure: the environment, the rules and the message as git
 * hands it over (plus whether a merge is being concluded) in, a verdict out. Reading the file, the
 * repository and the config is each route's business; what the verdict means is decided here only.
 */
import type { CommitMessageConfig } from '../config/types.js';
import type { Finding, GateOutcome } from '../gates/gate.js';
import { checkMessage, cleanMessage } from '../gates/message.js';
import { debugWanted } from '../debug.js';
import { messages } from '../messages.js';
import { envSkips } from '../run/skips.js';

export interface MessageInput {
  env: NodeJS.ProcessEnv;
  rules: CommitMessageConfig;
  /** The message file's bytes (or text), comments and all, as git wrote it. */
  message: Buffer | string;
  /** A merge is being concluded (MERGE_HEAD): exempt from length and format rules. */
  merge: boolean;
}

export type MessageVerdict =
  /** SPARK_GUARD=0: every hook is a no-op that says so in one line. */
  | { status: 'off'; silent: false }
  /** SPARK_GUARD_SKIP names `message`: not judged, and the skip is said and recorded. */
  | { status: 'skip'; silent: false; warning: string }
  /** Judged and fine; `silent` (commit-msg needs no Node at all) unless DEBUG=spark-guard wants Node's debug lines. */
  | { status: 'pass'; silent: boolean }
  /** Judged and blocked: what is wrong (findings) and how to fix it (details). */
  | { status: 'fail'; silent: false; findings: Finding[]; summary: string; details: string };

export function decideMessage({ env, rules, message, merge }: MessageInput): MessageVerdict {
  if (env.SPARK_GUARD === '0') return { status: 'off', silent: false };
  if (envSkips(env).includes('message')) return { status: 'skip', silent: false, warning: messages.skippedByEnv(['message'], 'SPARK_GUARD_SKIP') };
  const text = typeof message === 'string' ? message : message.toString('utf8');
  const findings = checkMessage(cleanMessage(text), rules, { merge });
  if (findings.length === 0) return { status: 'pass', silent: !debugWanted(env) };
  return {
    status: 'fail',
    silent: false,
    findings,
    summary: messages.count(findings.length, 'message rule broken', 'message rules broken'),
    details: messages.messageHowToFix(rules.conventional, rules.maxSubjectLength),
  };
}

/** A verdict as the `message` gate's outcome in a report. */
export function messageOutcome(verdict: MessageVerdict): GateOutcome {
  switch (verdict.status) {
    case 'fail':
      return { status: 'fail', message: verdict.summary, findings: verdict.findings, details: verdict.details };
    case 'pass':
      return { status: 'pass', message: '' };
    case 'skip':
      return { status: 'skip', message: 'skipped by SPARK_GUARD_SKIP' };
    case 'off':
      return { status: 'skip', message: 'SPARK_GUARD=0' };
  }
}
