// spark-guard's recommended preset: sensible limits, the default banned list, secrets on,
// and a Spark review that blocks on errors. Extend it with `extends: ['spark-guard/presets/recommended']`.

/** Flags of `rm` that make it recursive and forced, in any order or spelling. */
const RM_RECURSIVE = String.raw`(?=(?:\s+-\S*)*?\s+(?:-[a-zA-Z]*[rR][a-zA-Z]*|--recursive)(?=\s))`;
const RM_FORCE = String.raw`(?=(?:\s+-\S*)*?\s+(?:-[a-zA-Z]*f[a-zA-Z]*|--force)(?=\s))`;
/** A target that wipes everything: /, /*, ~, ~/, *, ., ./, .., $VAR or ${VAR} (optionally with / or /*). */
const RM_TARGET = String.raw`(?:"|')?(?:\/\*?|~\/?\*?|\*|\.\.?\/?\*?|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?\/?\*?)(?:"|')?(?=\s|$|[;&|)])`;

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
      pattern: String.raw`\brm${RM_RECURSIVE}${RM_FORCE}(?:\s+-\S*)*\s+(?:--\s+)?${RM_TARGET}`,
      message: 'Recursive forced removal of /, ~, *, . or an unchecked $VARIABLE can wipe a machine or a repository. Name the exact folder (rm -rf ./build), or guard the variable: rm -rf "${DIR:?}/".',
    },
    'force-push': {
      pattern: String.raw`\bgit\s+push\b[^\n;&|]*?(?:\s--force(?![-\w])|\s-[a-zA-Z]*f[a-zA-Z]*(?=\s|$)|\s\+[\w./-]+:)`,
      message: 'A force push rewrites shared history and can destroy teammates\' work. Use --force-with-lease, or push a new branch.',
    },
    'no-verify': {
      pattern: String.raw`\bgit\s+(?:commit|push|merge|am|rebase)\b[^\n;&|]*?\s(?:--no-verify\b|-n(?=\s|$))`,
      message: 'Skipping hooks with --no-verify skips every guardrail. Fix what the hook reports instead; to skip one gate knowingly, use SPARK_GUARD_SKIP=<gate>.',
    },
    'curl-pipe-sh': {
      pattern: String.raw`\b(?:curl|wget)\b[^\n|;]*\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:ba|z|da|k)?sh\b`,
      message: 'Piping a download straight into a shell runs unreviewed code. Download the script, check it (checksum or signature), then run it.',
    },
    'chmod-777': {
      pattern: String.raw`\bchmod\s+(?:-\S+\s+)*(?:-[a-zA-Z]*R[a-zA-Z]*|--recursive)\s+(?:-\S+\s+)*0?777\b|\bchmod\s+(?:-\S+\s+)*0?777\s+(?:-\S+\s+)*(?:-[a-zA-Z]*R|--recursive)\b`,
      message: 'chmod -R 777 makes every file world-writable and executable. Grant the narrowest mode that works (e.g. 755 for folders, 644 for files).',
    },
    'git-reset-hard': {
      pattern: String.raw`\bgit\s+reset\s+(?:\S+\s+)*--hard\b`,
      files: ['**/*.sh', '**/*.bash', '**/*.zsh', '**/Makefile', '**/*.mk', '**/package.json', '**/*.{yml,yaml}', '**/Dockerfile', '**/*.{js,mjs,cjs,ts,mts,cts,py,rb}', '.husky/**'],
      message: 'git reset --hard in a script throws away uncommitted work without asking. Use git stash, or a reset that keeps changes (--keep / --mixed).',
    },
    'git-clean': {
      pattern: String.raw`\bgit\s+clean\s+(?:\S+\s+)*?-[a-zA-Z]*f`,
      files: ['**/*.sh', '**/*.bash', '**/*.zsh', '**/Makefile', '**/*.mk', '**/package.json', '**/*.{yml,yaml}', '**/Dockerfile', '**/*.{js,mjs,cjs,ts,mts,cts,py,rb}', '.husky/**'],
      message: 'git clean -f in a script deletes untracked files for good. Remove the exact build folders instead, or run git clean -n to preview.',
    },
  },
  secrets: true,
  commitMessage: { minLength: 10, maxSubjectLength: 72, conventional: false, banned: ['wip'] },
  review: { enabled: true, blockOn: 'error', onUnavailable: 'warn' },
};
