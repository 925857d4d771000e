/** The `message` gate (commit-msg hook and range checks): SPEC §6's commit-message rules. */
import type { CommitMessageConfig } from '../config/types.js';
import { messages } from '../messages.js';
import type { Finding } from './gate.js';

const CONVENTIONAL = /^[a-z][\w-]*(\([^()\r\n]+\))?!?: \S/;

/**
 * git's editor template starts each of its lines with the comment character (`core.commentChar`: `#`
 * unless set; with `auto`, one the message does not use), so the template itself says which it is
 * and no git process is needed. Its "will be kept" variant (`--cleanup=whitespace`) means git keeps
 * comment lines. `git commit -m "#123 …"` has no template and keeps its `#` line.
 */
const TEMPLATE = /^(\S+) Please enter the commit message/m;
const KEPT = /^\S+ with '\S+' will be kept/m;
/** The line `git commit -v` (or `--cleanup=scissors`) cuts the message at: nothing below it is recorded. */
const SCISSORS = /^(\S+) -+ >8 -+\r?$/m;

/** The message as git will record it: the scissors tail, and comment lines when git strips them, removed. */
export function cleanMessage(raw: string): string {
  const template = TEMPLATE.exec(raw)?.[1];
  const scissors = SCISSORS.exec(raw);
  const cut = scissors && (template === undefined || scissors[1] === template) ? scissors : null;
  const body = cut ? raw.slice(0, cut.index) : raw;
  // Comment lines go when git's template says so, or above a scissors line (git commit -v).
  const comment = template !== undefined ? (KEPT.test(raw) ? null : template) : (cut?.[1] ?? null);
  return body
    .split(/\r?\n/)
    .filter((l) => comment === null || !l.startsWith(comment))
    .map((l) => l.replace(/\s+$/, ''))
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

export interface MessageContext {
  /** A merge commit (MERGE_HEAD present, or more than one parent). */
  merge: boolean;
}

export function checkMessage(message: string, config: CommitMessageConfig, context: MessageContext): Finding[] {
  const rule = (id: string, text: string): Finding => ({ file: '', line: null, rule: `commitMessage.${id}`, message: text });
  if (message.trim() === '') return [rule('empty', messages.messageEmpty())];
  const subject = message.split('\n')[0]!.trim();
  if (context.merge || /^(fixup|squash|amend)! /.test(subject) || /^Merge /.test(subject)) return [];
  const findings: Finding[] = [];
  const normalised = subject.toLowerCase().replace(/[\s.!:;,-]+$/, '');
  if (config.banned.some((w) => w.toLowerCase().replace(/[\s.!:;,-]+$/, '') === normalised)) {
    findings.push(rule('banned', messages.messageBanned(subject)));
  }
  if (message.trim().length < config.minLength) findings.push(rule('minLength', messages.messageTooShort(message.trim().length, config.minLength)));
  if (subject.length > config.maxSubjectLength) findings.push(rule('maxSubjectLength', messages.messageSubjectTooLong(subject.length, config.maxSubjectLength)));
  if (config.conventional && !CONVENTIONAL.test(subject)) findings.push(rule('conventional', messages.messageNotConventional(subject)));
  return findings;
}
