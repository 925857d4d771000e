// spark-guard's recommended preset: sensible limits, the default banned list, secrets on,
// and a Spark review that blocks on errors. Extend it with `extends: ['spark-guard/presets/recommended']`.

// ── Building blocks of the default banned list ─────────────────────────────────────────────────
// Each rule has two forms of one intent. `command` is structured (config/types.ts CommandMatch):
// what a parsed command must be; it judges an agent's commands (`spark-guard guard`) and the added
// lines of shell-like files (scripts, Makefile recipes, Dockerfile RUN, YAML run:, package.json
// scripts), where text that is only an argument (`echo "rm -rf /"`) is not a command. `pattern` is
// the text form, matched against ONE added line of any other file (and of a shell-like line that
// does not parse), compiled with `new RegExp(pattern)` (no flags). A line regex cannot parse
// shell, so it aims at what looks like a real command and accepts a few contrived misses.
// Decisions worth knowing:
// - Commands are caught wherever they appear: scripts, comments, Markdown code blocks and prose
//   alike. A line regex cannot tell prose from a command without missing real ones (Dockerfile
//   `RUN rm -rf /`, YAML `run: curl … | sh`, `ssh host 'rm -rf ~'`, `xargs rm -rf`), a commented-out
//   command is one keystroke from running, and docs are what people and agents copy-paste. A line
//   that names a command on purpose is exempted with `spark-guard-allow <id>` on it or the line
//   above (`<!-- spark-guard-allow rm-rf -->` in Markdown). Text that is only an argument and never
//   names the command (`echo "--no-verify is banned"`, `grep -- --no-verify`) passes.
// - Only `git-reset-hard` and `git-clean` are limited to script-like files (SCRIPT_FILES): they
//   are ordinary commands at a prompt and in docs, dangerous only when a script runs them blindly.
// - As SPEC §4 words them: `rm -r` without a force flag, and `chmod 777 one-file` without -R, pass
//   (a stricter team adds its own rule). `rm --no-preserve-root` is always caught; command
//   substitutions and Make variables (`rm -rf $(BUILD_DIR)/`) are not judged as targets.
// - Linear time: words are separated by mandatory whitespace and never contain it, so a line
//   splits into words one way only; flag clusters are checked with look-aheads (atomic in JS).
// - `keywords`: a word each pattern cannot match without (its command's name). A line without any
//   is not tested, so on most commits no pattern is even compiled (~1–2 ms each on first use).

/** Where a word ends: whitespace, a shell operator, a closing bracket or quote, a comma, the end. */
const END = String.raw`(?=[\s;&|)\]}'"\x60,]|$)`;
/**
 * Not the command `cmd` itself (also not `/bin/cmd`, `\\cmd` or an unclosed `$(cmd`): a scan for a
 * command's arguments stops at the next command of the same kind, so a line full of them stays
 * linear, not quadratic. A closed `$(…)` is one argument word and does not stop it.
 */
const notCmd = (cmd) => String.raw`(?:(?=\$\([^()]*\))|(?!(?:[^\s;&|,]*[^\w\s.;&|,-])?(?:${cmd})${END}))`;
/** One word of a simple command, split on whitespace; `;`, `&`, `|` and `,` end it, `#…` is a comment. */
const WORD = String.raw`(?!#)[^\s;&|,]+`;
/** Skip, lazily, any words of the same `cmd` command up to the next word. */
const skip = (cmd) => String.raw`(?:\s+${notCmd(cmd)}${WORD})*?\s+`;
/** A word with quotes respected: `"a b"` and `'x; y'` are one word, so text inside quotes is an argument. */
const QWORD = String.raw`(?!#)(?:[^\s'"\x60;&|]|"[^"]*"|'[^']*'|\$\([^()]*\))+`;
/** Skip, lazily, quote-aware words of the same git command up to the next word; never past `--` (paths follow). */
const GIT_SKIP = String.raw`(?:\s+(?!--${END})${notCmd('git')}${QWORD})*?\s+`;

/** `--name` or any abbreviation of it down to `min` letters, as GNU tools and git accept (`--rec`). */
const long = (name, min) =>
  `--${name.slice(0, min)}${[...name.slice(min)].reduceRight((rest, ch) => `(?:${ch}${rest})?`, '')}`;

/** `rm`, also `/bin/rm`, `sudo rm`, `\rm`; not `firm`, `rm-rf`, or `git rm` (tracked files only, recoverable). */
const RM = String.raw`(?<![\w.-])(?<!\bgit\s+)rm(?=\s)`;
const RM_SKIP = skip('rm');
/** A recursive flag in any spelling: -r, -R, -rf, -fr, -Rf, -rfv, --recursive (or --rec…). */
const RM_RECURSIVE = String.raw`(?:-(?=[a-zA-Z]*[rR])[a-zA-Z]+|${long('recursive', 1)})${END}`;
/** A force flag in any spelling: -f, -rf, -fr, -rfv, --force (or --for…). */
const RM_FORCE = String.raw`(?:-(?=[a-zA-Z]*f)[a-zA-Z]+|${long('force', 1)})${END}`;
/** `--no-preserve-root` exists only to let rm delete `/`: any rm with it is banned, whatever else. */
const RM_NO_PRESERVE_ROOT = String.raw`${long('no-preserve-root', 4)}${END}`;
/** `$VAR`, `${VAR}`, `$1`, `$@`, `$*` — but not a guarded `${VAR:?}`, which stops on empty. */
const SHELL_VAR = String.raw`\$(?:[A-Za-z_]\w*|[0-9@*]|\{(?:[A-Za-z_]\w*|[0-9]+|[@*])\})`;
/** After a folder: nothing, `/`, `/*`, `/.` or `/.*` — still the whole folder. */
const WHOLE = String.raw`(?:\/+(?:\.?\*+|\.)?)?`;
/**
 * A target that wipes everything, optionally quoted: `/`, `/*`; `~`, `~/`, `~user`; `*`, `.*`, `.`,
 * `./`, `..`, `../..`, `./*`; `$VAR`, `"$DIR"`, `${DIR}`, `$HOME/`, `"$DIR"/*`. Not `./build`,
 * `dist/*`, `"$DIR/build"` or `"${DIR:?}/"` — a named folder or a guarded variable.
 */
const RM_TARGET = String.raw`["']?(?:\/+(?:\.?\*+|\.)?|(?:~(?:[+-]|[A-Za-z_][\w.-]*)?|${SHELL_VAR})["']?${WHOLE}|(?:\.{1,2}\/+)*(?:\.{1,2}\/*|\.?\*+))["']?${END}`;

/** `git`, then global options (`-C dir`, `-c k=v`, `--no-pager`), then the subcommand. */
const GIT_ARG_OPTS = 'git-dir|work-tree|namespace|exec-path|config-env|super-prefix';
const GIT = String.raw`(?<![\w.-])git(?:\s+(?:-[cC]\s+${QWORD}|--(?:${GIT_ARG_OPTS})\s+${QWORD}|-(?![cC]\s|-(?:${GIT_ARG_OPTS})\s)${QWORD}))*\s+`;

/** A shell: sh, bash, zsh, dash, ksh, ash, fish, csh, tcsh, mksh (also /bin/bash); not shasum, shellcheck. */
const SHELL = String.raw`(?<![\w.-])(?:ba|z|da|k|a|fi|tc|c|mk)?sh(?=[\s;&|)'"\x60]|$)`;
/** A download command: curl or wget (also /usr/bin/curl); not `libcurl` or `curl-config`. */
const FETCH = String.raw`(?<![\w.-])(?:curl|wget)(?=\s)`;
/** A word of the download command or a later stage of its pipeline (a scan stops at the next curl/wget). */
const FETCH_WORD = String.raw`${notCmd('curl|wget')}${QWORD}`;
/** Commands that run the next one: `sudo -E`, `sudo -u root`, `env -i X=1`, `exec`, `command`, `nohup`, `time`. */
const RUNNER = String.raw`(?:[^\s|;&]*\/)?(?:sudo|doas|env|exec|command|nohup|time)(?:\s+(?:-u\s+\S+|-(?!u\s)\S+|\w+=\S*))*\s+`;
/** A pipe (`|` or `|&`, not `||`) with the spaces around it. */
const PIPE = String.raw`\s*\|&?(?!\|)\s*`;

/** A recursive flag of chmod: -R, -Rv, -vR, --recursive (or --rec…). */
const CHMOD_RECURSIVE = String.raw`(?:-(?=[cfv]*R)[cfvR]+|${long('recursive', 3)})${END}`;
/**
 * A mode that makes everything world-writable: 777, 0777, 1777; or symbolic, giving `w` to all or
 * others: a+rwx, ugo+rwx, a=rwx, o+w, u+x,o+w. Not 755, a+rX, go-w, u+rwx.
 */
const WORLD_WRITABLE = String.raw`(?:0*[0-7]?777|(?:[-+=,ugoarwxXst]*,)?[ugoa]*[+=](?<=[ao][ugoa]*[+=])[rwxXst]*w[-+=,ugoarwxXst]*)${END}`;

/** Files that run: shell scripts, Makefiles, package.json, CI/config YAML, Dockerfiles, JS/TS/Python/Ruby, git hooks. */
const SCRIPT_FILES = [
  '**/*.{sh,bash,zsh,ksh,fish}',
  '**/{Makefile,makefile,GNUmakefile,Justfile,justfile,Rakefile,Jenkinsfile}',
  '**/*.mk',
  '**/package.json',
  '**/*.{yml,yaml}',
  '**/{Dockerfile,Containerfile}',
  '**/{Dockerfile,Containerfile}.*',
  '**/*.{Dockerfile,dockerfile}',
  '**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx,py,rb}',
  '**/.husky/**',
  '**/.githooks/**',
];

/** Flags of rm, in every spelling (a group: one of them). */
const RECURSIVE = ['-r', '-R', '--recursive'];
const FORCE = ['-f', '--force'];
/** Options whose next word is a value, so it is never read as a flag or an operand. */
const GIT_PUSH_VALUES = ['-o', '--push-option', '--repo', '--receive-pack', '--exec'];
const GIT_COMMIT_VALUES = ['-m', '-F', '-C', '-c', '-t', '--message', '--file', '--reuse-message', '--reedit-message', '--template', '--author', '--date', '--fixup', '--squash', '--trailer', '--cleanup', '--pathspec-from-file'];

/**
 * Rules for an agent's commands only (scope 'commands'): they throw away what no commit holds yet.
 * In a committed script these are ordinary (a CI job resetting its own checkout).
 */
const COMMAND_RULES = {
  'git-discard': {
    scope: 'commands',
    catches: 'commands that throw away uncommitted work: git checkout of paths or with -f, git restore of work-tree files, git switch -f / --discard-changes, git stash drop / clear, git reset --merge, git worktree remove --force',
    command: [
      { program: ['git'], args: ['checkout'], any: ['-f', '--force', '--ours', '--theirs', '--pathspec-from-file'], values: CHECKOUT_VALUES() },
      { program: ['git'], args: ['checkout'], any: ['--'], values: CHECKOUT_VALUES() },
      { program: ['git'], args: ['checkout'], operands: 2, none: ['-b', '-B', '--orphan'], values: CHECKOUT_VALUES() },
      { program: ['git'], args: ['checkout'], operand: ['^\\.$', '^\\./', '^:/'], none: ['-b', '-B', '--orphan'], values: CHECKOUT_VALUES() },
      { program: ['git'], args: ['restore'], none: ['-S', '--staged', '-h', '--help'], values: ['-s', '--source', '--pathspec-from-file'] },
      { program: ['git'], args: ['restore'], any: ['-W', '--worktree'], none: ['-h', '--help'], values: ['-s', '--source', '--pathspec-from-file'] },
      { program: ['git'], args: ['switch'], any: ['-f', '--force', '--discard-changes'], values: ['-c', '-C', '--create', '--force-create', '--orphan', '--conflict'] },
      { program: ['git'], args: ['stash', ['drop', 'clear']] },
      { program: ['git'], args: ['reset'], any: ['--merge'] },
      { program: ['git'], args: ['worktree', 'remove'], any: ['-f', '--force'] },
    ],
    message: 'This throws away uncommitted work (yours or another agent\'s) that no commit or stash holds. Commit or stash first (git stash push -m "…"), then switch or reset; to unstage only, use git restore --staged <file>.',
  },
  'git-branch-force-delete': {
    scope: 'commands',
    catches: 'git branch -D, git branch --delete --force, and git branch -f (moves a branch, dropping its commits)',
    command: [
      { program: ['git'], args: ['branch'], any: ['-D'] },
      { program: ['git'], args: ['branch'], all: [['-d', '--delete'], ['-f', '--force']] },
      { program: ['git'], args: ['branch'], any: ['-f', '--force'], operands: 1 },
    ],
    message: 'Force-deleting (or force-moving) a branch drops commits that are not merged anywhere. Use git branch -d <name>: it refuses while the branch holds unmerged work; merge or push it first.',
  },
  'disk-wipe': {
    scope: 'commands',
    catches: 'commands that destroy, reformat or detach storage: dd of=/dev/…, mkfs*, wipefs, shred of a device, mdadm --zero-superblock / --stop / --create, pvremove, vgremove, lvremove, lvreduce, pvmove, btrfs subvolume delete / device remove / check --repair, dmsetup remove / remove_all / wipe_table, nbd-client -d',
    command: [
      { program: ['dd'], operand: ['@device-output'] },
      { program: ['mkfs', 'mkfs.*', 'mke2fs', 'mkswap', 'wipefs', 'pvremove', 'vgremove', 'lvremove', 'lvreduce', 'pvmove', 'blkdiscard', 'sgdisk', 'zpool'], none: ['-h', '--help', '-V', '--version', '-n', '--no-act', '--list'] },
      { program: ['shred'], operand: ['@device'] },
      { program: ['mdadm'], any: ['--zero-superblock', '--stop', '-S', '--create', '-C'] },
      { program: ['btrfs'], args: ['subvolume', ['delete', 'del']] },
      { program: ['btrfs'], args: ['device', ['remove', 'delete']] },
      { program: ['btrfs'], args: ['check'], any: ['--repair'] },
      { program: ['dmsetup'], args: [['remove', 'remove_all', 'wipe_table']] },
      { program: ['nbd-client'], any: ['-d', '--disconnect'] },
    ],
    message: 'This destroys, reformats or detaches a disk, partition or volume: data on it is gone. Run it yourself after checking the device (lsblk, lvs, mdadm --detail), never from an agent.',
  },
};

function CHECKOUT_VALUES() {
  return ['-b', '-B', '--orphan', '--conflict', '-U', '--unified', '--inter-hunk-context', '--pathspec-from-file'];
}

export default {
  diff: {
    maxLines: 150,
    maxFiles: 25,
    ignore: ['**/package-lock.json', '**/pnpm-lock.yaml', '**/yarn.lock', '**/bun.lock*', '**/*.snap'],
  },
  files: {
    allowCreate: true,
    allowDelete: true,
    protect: ['.env', '.env.*'],
    maxFileKb: 512,
  },
  banned: {
    'rm-rf': {
      catches: 'rm with a recursive and a force flag of /, ~, *, ., .., or an unchecked $VARIABLE; any rm --no-preserve-root',
      command: [
        { program: ['rm'], all: [RECURSIVE, FORCE], operand: ['@wipe-target'] },
        { program: ['rm'], any: ['--no-preserve-root'] },
      ],
      pattern: String.raw`${RM}(?:(?=${RM_SKIP}${RM_RECURSIVE})(?=${RM_SKIP}${RM_FORCE})(?=${RM_SKIP}${RM_TARGET})|(?=${RM_SKIP}${RM_NO_PRESERVE_ROOT}))`,
      keywords: ['rm'],
      message: 'Recursive forced removal of /, ~, *, . or an unchecked $VARIABLE can wipe a machine or a repository (an empty variable turns "$DIR/" into "/"). Name the exact folder (rm -rf ./build), or guard the variable so an empty one stops the script: rm -rf "${DIR:?}/".',
    },
    'force-push': {
      catches: 'git push with --force, -f (alone or in a group) or a +refspec',
      command: [
        { program: ['git'], args: ['push'], any: ['--force', '-f'], values: GIT_PUSH_VALUES },
        { program: ['git'], args: ['push'], operand: [String.raw`^\+[\w./@{}^~-]`], values: GIT_PUSH_VALUES },
      ],
      pattern: String.raw`${GIT}push${END}${GIT_SKIP}(?:(?:--force|-(?=[uvqnd46]*f)[a-zA-Z0-9]+)${END}|["']?\+[\w.\/@{}^~-])`,
      keywords: ['push'],
      message: "A force push (--force, -f or a +refspec) rewrites shared history and can destroy teammates' work. Use --force-with-lease (it refuses if the remote moved), or push a new branch.",
    },
    'no-verify': {
      catches: 'git commit / push / merge / pull / rebase / am with --no-verify, and git commit -n',
      command: [
        { program: ['git'], args: [['commit', 'push', 'merge', 'pull', 'rebase', 'am', 'cherry-pick', 'revert']], any: ['--no-verify'], values: GIT_COMMIT_VALUES },
        { program: ['git'], args: ['commit'], any: ['-n'], values: GIT_COMMIT_VALUES },
      ],
      pattern: String.raw`${GIT}(?:(?:commit|push|merge|pull|rebase|am)${END}${GIT_SKIP}${long('no-verify', 7)}|commit${END}${GIT_SKIP}-(?=[apseiovqz]*n)[a-zA-Z]+)${END}`,
      keywords: ['git'],
      message: 'Skipping hooks with --no-verify (or git commit -n) skips every guardrail. Fix what the hook reports instead; to skip one gate knowingly, use SPARK_GUARD_SKIP=<gate>.',
    },
    'curl-pipe-sh': {
      catches: 'a shell that runs what curl or wget downloads: curl … | sh, bash <(curl …), sh -c "$(curl …)", eval "$(wget …)"',
      command: [{ program: ['sh', 'bash', 'zsh', 'dash', 'ksh', 'ash', 'mksh', 'fish', 'source', '.', 'eval'], fedBy: ['curl', 'wget'] }],
      pattern: String.raw`${FETCH}(?:\s+${FETCH_WORD})*${PIPE}(?:${FETCH_WORD}(?:\s+${FETCH_WORD})*${PIPE})*?(?:${RUNNER})*(?:[^\s|;&]*\/)?${SHELL}|(?:${SHELL}|(?<![\w.-])(?:source|\.|eval)(?=\s))(?:\s+-[\w-]+)*\s+(?:<{1,3}\s*)?["']?(?:<\(|\$\(|\x60)\s*(?:[^\s|;&()]*\/)?${FETCH}`,
      keywords: ['curl', 'wget'],
      message: 'Running a download straight in a shell (curl … | sh, bash <(curl …), sh -c "$(curl …)") runs unreviewed code that can change between runs. Download the script to a file, check it (checksum or signature), then run it.',
    },
    'chmod-777': {
      catches: 'chmod -R with a world-writable mode (777, 0777, a+rwx, o+w)',
      command: [{ program: ['chmod'], all: [['-R', '--recursive']], operand: [String.raw`^(?:0*[0-7]?777|(?:[-+=,ugoarwxXst]*,)?[ugoa]*[+=](?<=[ao][ugoa]*[+=])[rwxXst]*w[-+=,ugoarwxXst]*)$`] }],
      pattern: String.raw`(?<![\w.-])chmod(?=\s)(?=${skip('chmod')}${CHMOD_RECURSIVE})(?=${skip('chmod')}${WORLD_WRITABLE})`,
      keywords: ['chmod'],
      message: 'chmod -R 777 (or a+rwx) makes every file world-writable and executable: any user or process can change what runs. Grant the narrowest mode that works (e.g. chmod -R u+rwX,go+rX, or 755 for folders and 644 for files).',
    },
    'git-reset-hard': {
      catches: 'git reset --hard (as a command anywhere; in the diff, in script files only)',
      command: [{ program: ['git'], args: ['reset'], any: ['--hard'] }],
      pattern: String.raw`${GIT}reset${END}${GIT_SKIP}${long('hard', 2)}${END}`,
      keywords: ['reset'],
      files: [...SCRIPT_FILES],
      message: 'git reset --hard in a script throws away uncommitted work without asking. Use git stash, or a reset that keeps changes (--keep / --mixed).',
    },
    'git-clean': {
      catches: 'git clean -f / --force without -n (as a command anywhere; in the diff, in script files only)',
      command: [{ program: ['git'], args: ['clean'], any: ['-f', '--force'], none: ['-n', '--dry-run'], values: ['-e', '--exclude'] }],
      pattern: String.raw`${GIT}clean${END}(?!${GIT_SKIP}(?:-(?=[dfiqxX]*n)[a-zA-Z]+|${long('dry-run', 1)})${END})${GIT_SKIP}(?:-(?=[dnqxXi]*f)[a-zA-Z]+|${long('force', 1)})${END}`,
      keywords: ['clean'],
      files: [...SCRIPT_FILES],
      message: 'git clean -f in a script deletes untracked files for good (including work not yet added). Remove the exact build folders instead, or run git clean -n to preview.',
    },
    ...COMMAND_RULES,
  },
  secrets: true,
  commitMessage: { minLength: 10, maxSubjectLength: 72, conventional: false, banned: ['wip'] },
  review: { enabled: true, blockOn: 'error', onUnavailable: 'warn' },
};
