/**
 * `git commit -m "…"`: the message is judged in pre-commit, from git's command line.
 *
 * git runs pre-commit before it writes the message file, but the message is already on git's
 * command line. Pre-commit works out the bytes git will write to the message file (for the common
 * forms of `-m`; anything else: no guess) and takes the message decision (decide.ts) on them:
 * - as the `message` gate, serial, before lint-staged, the command gates and the review: a message
 *   that breaks a rule blocks the commit there, with its own explanation, before any expensive gate
 *   runs (unless a prepare-commit-msg hook may still rewrite it: then the commit-msg hook judges it);
 * - after a passing run, when the decision is a silent pass, the bytes are left in
 *   `<git dir>/spark-guard/message-<boot id>-<git pid>-<git start time>`. The commit-msg hook
 *   (bin/spark-guard-commit-msg, POSIX sh) finds the same git process through /proc, and exits 0
 *   when the file git hands it holds exactly those bytes (`cmp`); otherwise it runs
 *   `spark-guard run commit-msg`. A wrong guess therefore costs only the usual Node start: nothing
 *   is ever accepted that was not judged byte for byte. The name ties the file to one git process,
 *   so a `git merge` (commit-msg without pre-commit) never meets an earlier commit's file, even
 *   after a reboot.
 */
import fs from 'node:fs';
import path from 'node:path';
import { mergeInProgress, stateDir, type Repo } from '../git/repo.js';
import { git } from '../git/exec.js';
import { GIT } from '../git/commands.js';
import { procStat } from '../proc/alive.js';
import { messages } from '../messages.js';
import { decideMessage, messageOutcome } from './decide.js';
import type { CommitMessageConfig } from '../config/types.js';
import type { Gate } from '../gates/gate.js';

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

/** The message a `git commit` process is about to write, named after that process; null when it cannot be known. */
export interface MessageAhead {
  /** Boot id, pid and start time of the git process: one process, ever. */
  id: string;
  message: Buffer;
}

/** The message of the `git commit` this hook runs under, from its command line in /proc (Linux); else null. */
export function messageAhead(): MessageAhead | null {
  if (process.platform !== 'linux') return null;
  try {
    const git = gitProcess();
    const message = git && predictMessage(git.argv);
    return git && message ? { id: git.id, message } : null;
  } catch {
    return null;
  }
}

/**
 * Pre-commit's `message` gate, on the message git is about to write: serial, so a message that breaks
 * a rule stops the expensive gates from starting.
 */
export function messageAheadGate(message: Buffer): Gate {
  return {
    id: 'message',
    phase: 'serial',
    applies: () => true,
    async run(ctx) {
      const verdict = decideMessage({ env: ctx.env, rules: ctx.config.commitMessage, message, merge: mergeInProgress(ctx.repo) });
      if (verdict.status === 'fail' && (await messageMayChange(ctx.repo))) return { status: 'skip', message: messages.messageAheadMayChange() };
      return messageOutcome(verdict);
    },
  };
}

/** Whether a prepare-commit-msg hook will run, and may rewrite the message after pre-commit (husky's `.husky/_` runs `.husky/<hook>`). */
async function messageMayChange(repo: Repo): Promise<boolean> {
  const r = await git(GIT.hooksDir, { cwd: repo.root, allowFailure: true });
  if (r.code !== 0) return true;
  const dir = path.resolve(repo.root, r.stdout.toString('utf8').trim());
  const husky = path.basename(dir) === '_' && fs.existsSync(path.join(dir, 'h'));
  if (husky) return fs.existsSync(path.join(dir, '..', 'prepare-commit-msg'));
  try {
    fs.accessSync(path.join(dir, 'prepare-commit-msg'), fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * After a passing pre-commit run: when the decision on the message ahead is a silent pass (no rule
 * broken, no SPARK_GUARD_SKIP=message, no DEBUG=spark-guard: nothing for the commit-msg hook to
 * print), leave its bytes for the commit-msg hook. Earlier runs' files are removed first.
 */
export function vouchForMessage(repo: Repo, ahead: MessageAhead | null, rules: CommitMessageConfig | null, env: NodeJS.ProcessEnv): void {
  try {
    const dir = stateDir(repo);
    let entries: string[] = [];
    try {
      entries = fs.readdirSync(dir);
    } catch {
      /* no state folder yet */
    }
    for (const entry of entries) if (entry.startsWith(MARKER)) fs.rmSync(path.join(dir, entry), { force: true });
    if (!rules || !ahead) return;
    if (!decideMessage({ env, rules, message: ahead.message, merge: mergeInProgress(repo) }).silent) return;
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${MARKER}${ahead.id}`), ahead.message);
  } catch {
    /* only a shortcut: without it the commit-msg hook judges the message itself */
  }
}
