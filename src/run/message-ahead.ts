/**
 * The commit-msg hook without a second Node process, for `git commit -m "…"`.
 *
 * git runs pre-commit before it writes the message file, but the message is already on git's
 * command line. Once the pre-commit run has passed, it works out the bytes git will write to the
 * message file (for the common forms of `-m`; anything else: no guess), judges them with the same
 * rules the commit-msg hook uses, and when they pass with nothing to say, leaves them in
 * `<git dir>/spark-guard/message-<boot id>-<git pid>-<git start time>`. The commit-msg hook
 * (bin/spark-guard-commit-msg, POSIX sh) finds the same git process through /proc, and exits 0
 * when the file git hands it holds exactly those bytes (`cmp`); otherwise it runs
 * `spark-guard run commit-msg`. A wrong guess therefore costs only the usual Node start: nothing
 * is ever accepted that was not judged byte for byte. The name ties the file to one git process,
 * so a `git merge` (commit-msg without pre-commit) never meets an earlier commit's file, even
 * after a reboot.
 */
import fs from 'node:fs';
import path from 'node:path';
import { stateDir, type Repo } from '../git/repo.js';
import { procStat } from '../proc/alive.js';
import { judgeMessage } from './commit-msg.js';
import { parseList } from './skips.js';
import { isDebug } from '../debug.js';
import type { CommitMessageConfig } from '../config/types.js';

const MARKER = 'message-';
/** git's process name: `git`, or Nix's wrapper's. */
const GIT_NAMES = new Set(['git', '.git-wrapped']);

/** The `git` process this hook runs under (the nearest ancestor named git, Linux /proc): its identity and argv, or null. */
export function gitProcess(from: number = process.ppid): { id: string; argv: Buffer[] } | null {
  let pid = from;
  for (let depth = 0; depth < 10 && pid > 0; depth++) {
    const stat = procStat(pid);
    if (!stat) return null;
    if (GIT_NAMES.has(stat.comm)) {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`);
      const argv: Buffer[] = [];
      for (let at = 0; at < cmdline.length; ) {
        const end = cmdline.indexOf(0, at);
        argv.push(cmdline.subarray(at, end < 0 ? cmdline.length : end));
        at = end < 0 ? cmdline.length : end + 1;
      }
      // pid and start time name one process since boot; the boot id, one boot.
      const boot = fs.readFileSync('/proc/sys/kernel/random/boot_id', 'latin1').trim();
      return { id: `${boot}-${pid}-${stat.start}`, argv };
    }
    pid = stat.ppid;
  }
  return null;
}

// git's options before the command that take a value as the next word.
const GLOBAL_WITH_VALUE = new Set(['-C', '-c']);
const GLOBAL_FLAGS = new Set(['--no-pager', '-P', '--no-replace-objects', '--literal-pathspecs', '--no-optional-locks', '--no-advice']);
// `git commit` options that leave the message file as `-m` made it (no editor, no sign-off, no trailer).
const COMMIT_FLAGS = new Set([
  '--all', '--quiet', '--allow-empty', '--allow-empty-message', '--no-verify', '--amend', '--no-edit', '--include', '--only',
  '--no-status', '--status', '--reset-author', '--no-gpg-sign', '--no-post-rewrite', '--no-signoff', '--gpg-sign', '-S', '-u',
]);
const SHORT_FLAGS = new Set(['a', 'q', 'n', 'i', 'o']);
const COMMIT_WITH_VALUE = new Set(['--author', '--date']);
const COMMIT_WITH_ATTACHED = /^(--author|--date|--gpg-sign|--untracked-files)=|^-[uS]./;

/**
 * The bytes `git commit` writes to the message file before running commit-msg, when its command line
 * says so plainly; null for anything else (an editor, -F, -C, --fixup, --signoff, --trailer,
 * --cleanup, an alias, an option not listed here). A wrong guess only means Node judges the file.
 */
export function predictMessage(argv: readonly Buffer[]): Buffer | null {
  const words = argv.map((w) => w.toString('latin1'));
  let at = 1;
  while (at < words.length && words[at]!.startsWith('-')) {
    const word = words[at]!;
    if (GLOBAL_WITH_VALUE.has(word)) at += 2;
    else if (GLOBAL_FLAGS.has(word) || /^--(git-dir|work-tree|namespace)=/.test(word)) at += 1;
    else return null;
  }
  if (words[at] !== 'commit') return null;
  const parts: Buffer[] = [];
  for (at += 1; at < words.length; at++) {
    const word = words[at]!;
    if (word === '--') break;
    if (!word.startsWith('-') || word === '-') continue; // a pathspec
    if (word === '--message' || word === '-m') {
      if (at + 1 >= words.length) return null;
      parts.push(argv[++at]!);
    } else if (word.startsWith('--message=')) {
      parts.push(argv[at]!.subarray('--message='.length));
    } else if (COMMIT_FLAGS.has(word) || COMMIT_WITH_ATTACHED.test(word)) {
      continue;
    } else if (COMMIT_WITH_VALUE.has(word)) {
      at += 1;
    } else if (word.startsWith('--')) {
      return null;
    } else {
      // A cluster of short flags, e.g. -am "…", -qam"…".
      let i = 1;
      for (; i < word.length && SHORT_FLAGS.has(word[i]!); i++);
      if (i === word.length) continue;
      if (word[i] !== 'm') return null;
      if (i + 1 < word.length) parts.push(argv[at]!.subarray(i + 1));
      else if (at + 1 < words.length) parts.push(argv[++at]!);
      else return null;
    }
  }
  if (parts.length === 0) return null;
  // Each -m is a paragraph (git: a newline between, each completed with one), then git's stripspace.
  const joined: Buffer[] = [];
  for (const part of parts) {
    if (joined.length) joined.push(Buffer.from('\n'));
    joined.push(part);
    if (part.length === 0 || part[part.length - 1] !== 0x0a) joined.push(Buffer.from('\n'));
  }
  return stripspace(Buffer.concat(joined));
}

/**
 * git's `strbuf_stripspace` without comment stripping (what `git stripspace` does): trailing
 * whitespace (space, tab, CR, LF) off every line, runs of empty lines made one, none at either
 * end, each line ended by a newline.
 */
export function stripspace(text: Buffer): Buffer {
  const out: Buffer[] = [];
  let empties = 0;
  for (let at = 0; at < text.length; ) {
    const eol = text.indexOf(0x0a, at);
    const next = eol < 0 ? text.length : eol + 1;
    let end = next;
    while (end > at && [0x20, 0x09, 0x0a, 0x0d].includes(text[end - 1]!)) end--;
    if (end > at) {
      if (empties > 0 && out.length) out.push(Buffer.from('\n'));
      empties = 0;
      out.push(text.subarray(at, end), Buffer.from('\n'));
    } else {
      empties++;
    }
    at = next;
  }
  return Buffer.concat(out);
}

/**
 * After a passing pre-commit run: judge the message git is about to write and, when it passes with
 * nothing to print, leave it for the commit-msg hook. Earlier runs' files are removed first. Does
 * nothing (and the commit-msg hook starts Node as usual) when the message cannot be known here, when
 * SPARK_GUARD_SKIP=message or DEBUG=spark-guard asks for the commit-msg hook's own output, or off Linux.
 */
export function vouchForMessage(repo: Repo, rules: CommitMessageConfig | null, env: NodeJS.ProcessEnv): void {
  try {
    const dir = stateDir(repo);
    let entries: string[] = [];
    try {
      entries = fs.readdirSync(dir);
    } catch {
      /* no state folder yet */
    }
    for (const entry of entries) if (entry.startsWith(MARKER)) fs.rmSync(path.join(dir, entry), { force: true });
    if (!rules || process.platform !== 'linux' || parseList(env.SPARK_GUARD_SKIP).includes('message') || isDebug()) return;
    const git = gitProcess();
    const message = git && predictMessage(git.argv);
    if (!git || !message) return;
    if (judgeMessage(repo, message.toString('utf8'), rules).length > 0) return;
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${MARKER}${git.id}`), message);
  } catch {
    /* only a shortcut: without it the commit-msg hook judges the message itself */
  }
}
