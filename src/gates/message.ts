/** The `message` gate (commit-msg hook and range checks): SPEC §6's commit-message rules. */
import type { CommitMessageConfig } from '../config/types.js';
import { messages } from '../messages.js';
import type { Finding } from './gate.js';

const SCISSORS = /^# -+ >8 -+$/m;
const CONVENTIONAL = /^[a-z][\w-]*(\([^()\r\n]+\))?!?: \S/;

/** Git's editor template: when it is there, git strips comment lines; `git commit -m "#123 …"` keeps them. */
const TEMPLATE = /^# Please enter the commit message|^# ------------------------ >8/m;

/** The message as git will record it: comments (when git strips them) and the scissors tail removed. */
export function cleanMessage(raw: string, commentChar = '#'): string {
  const cut = raw.search(SCISSORS);
  const body = cut >= 0 ? raw.slice(0, cut) : raw;
  const strip = TEMPLATE.test(raw);
  return body
    .split(/\r?\n/)
    .filter((l) => !strip || !l.startsWith(commentChar))
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
