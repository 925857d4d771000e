/** Every user-facing sentence, as small functions of their variable parts. Tests import these. */
import type { SchemaIssue } from './config/schema.js';

const bullet = (lines: string[]) => lines.map((l) => `  - ${l}`).join('\n');

export const messages = {
  notARepo: (cwd: string) =>
    `not a git repository: ${cwd} (nor any parent folder) is not inside a git work tree.\n` +
    `Run spark-guard inside your project's repository, or create one first with \`git init\`.`,
  gitMissing: () => 'git was not found on PATH. Install git (2.30 or later) and try again.',
  gitFailed: (args: string, stderr: string) => `git ${args} failed: ${stderr.trim() || 'no output'}`,

  invalidConfig: (file: string, issues: SchemaIssue[]) =>
    `invalid configuration in ${file}:\n` +
    bullet(issues.map((i) => `${i.keyPath}: expected ${i.expected}, got ${i.actual}`)) +
    `\nFix the key${issues.length > 1 ? 's' : ''} above (see README → Configuration for every key and its default).`,
  configUnreadable: (file: string, reason: string) =>
    `could not load the configuration ${file}: ${reason}\nFix the error in that file (DEBUG=spark-guard shows where it comes from), or run \`spark-guard config\` to see which file is read.`,
  configNotObject: (file: string, got: string) =>
    `the configuration ${file} must export an object (got ${got}). Example: export default { extends: ['spark-guard/presets/recommended'] }`,
  configEnvMissing: (value: string) =>
    `SPARK_GUARD_CONFIG names ${value}, which does not exist. Point it at a config file, or unset it to use discovery.`,
  unknownPreset: (spec: string, known: string[]) =>
    `unknown preset '${spec}'. spark-guard ships: ${known.map((k) => `spark-guard/presets/${k}`).join(', ')}.`,
  missingExtendsFile: (spec: string, resolved: string) =>
    `extends '${spec}': no file at ${resolved} (tried .js, .mjs, .cjs, .json, .ts, .yaml). Check the relative path; it is resolved from the extending file's folder.`,
  missingExtendsPackage: (spec: string, pkg: string) =>
    `extends '${spec}': the package ${pkg} is not installed. Install it (npm i -D ${pkg}) or fix the name.`,
  slowPattern: (id: string, file: string, key = 'pattern') =>
    `banned.${id}.${key} in ${file} backtracks catastrophically (it did not finish on a 4,000-character line within 1.5 s), so it could hang every commit.\n` +
    'Rewrite it without nested repeats over the same text, e.g. (a+)+ → a+, (\\s*x)* → (?:\\s*x)* with distinct parts.',
  guardUsage: "Usage: spark-guard guard (a PreToolUse call as JSON on stdin) or spark-guard guard --command '<shell command>'",
  guardNoCommandValue: '--command needs the shell command as its value: spark-guard guard --command "git status"',
  guardUnknownArgument: (arg: string) => `unknown argument '${arg}'. ${messages.guardUsage}`,
  guardNoInput: 'no input: expected a PreToolUse call as JSON on stdin ({"tool_name":"Bash","tool_input":{"command":"…"}}), or --command \'<shell command>\'',
  guardNotJson: (reason: string) => `the input is not JSON (${reason}): expected a PreToolUse call such as {"tool_name":"Bash","tool_input":{"command":"…"}}`,
  guardNotObject: 'the input is not a JSON object: expected {"tool_name": …, "tool_input": {…}}',
  guardNoTool: 'the input has no "tool_name" string',
  guardNoToolInput: (tool: string) => `${tool}: the input has no "tool_input" object`,
  guardBadField: (tool: string, key: string, missing: boolean) => `${tool}: tool_input.${key} is ${missing ? 'missing' : 'not a string'}`,
  guardEmptyField: (tool: string, key: string) => `${tool}: tool_input.${key} is empty`,
  guardBadArgv: 'tool_input.command is an array with a non-string element',
  guardStdin: (reason: string) => `cannot read stdin (${reason})`,
  guardPatchNoBegin: 'apply_patch: no "*** Begin Patch" line in tool_input.command',
  guardPatchNoEnd: 'apply_patch: no "*** End Patch" line in tool_input.command',
  guardBlocked: (rule: string) => `spark-guard guard: blocked by ${rule}`,
  guardMalformed: (detail: string) => `spark-guard guard: blocked: ${detail}`,
  guardFooter: "The project's spark-guard config sets these rules (banned, files, secrets); a person can change it.",
  guardOutsideRepo: 'writes outside the repository are blocked (only the system temp folder is open). Work inside the project, or ask the user to do it.',
  guardProtected: 'this path is protected (files.protect, or the .git folder): a change to it needs a person. Ask the user.',
  guardNoCreate: 'this project does not allow new files (files.allowCreate: false). Change an existing file, or ask the user to add it.',
  guardNoDelete: 'this project does not allow deleting files (files.allowDelete: false). Ask the user.',
  guardSecret: (label: string) => `a ${label} in the patch. Read it from the environment or a secret store instead; a test fixture marks the line with spark-guard-allow secret.`,
  unknownAgent: (name: string, known: string[]) => `--agent ${name}: unknown agent. Known: ${known.join(', ')} (other harnesses call \`spark-guard guard --command '<cmd>'\` themselves; see the README).`,
  agentSettingsUnreadable: (file: string, reason: string) => `${file} cannot be read as JSON settings (${reason}). Fix or remove the file, then run the command again; nothing was changed.`,
  agentSettingsSkipped: (file: string, agent: string) =>
    `${file} cannot be read as JSON settings, so a spark-guard guard hook in it (if any) is left: fix the file, then run \`spark-guard uninstall --agent ${agent}\`.`,
  agentHookPresent: (file: string) => `The spark-guard guard hook is already in ${file}: nothing to do.`,
  agentHookAbsent: (file: string) => `No spark-guard guard hook in ${file}: nothing to remove.`,
  agentHookInstalled: (name: string, bin: string, codex: boolean) =>
    `${name} now asks spark-guard before each matching tool call. Try it: ${bin} guard --command 'git checkout -- .' (exit 2 = blocked).` +
    (codex ? ' Codex runs a new hook only once you trust it (/hooks in codex) and with hooks enabled in config.toml.' : ''),
  agentHookRemoved: (file: string) => `Removed the spark-guard guard hook from ${file}.`,
  ruleCatchesNothing: (id: string, file: string) =>
    `banned.${id} in ${file} says nothing about what it catches. Give it a \`pattern\` (a regex matched against added lines) or a \`command\` (what a parsed command must be: { program: ['terraform'], args: ['destroy'] }).`,
  unknownOperandClass: (id: string, file: string, name: string, known: string[]) =>
    `banned.${id}.command in ${file}: unknown operand class '${name}'. Known classes: ${known.map((k) => `@${k}`).join(', ')}; anything else not starting with @ is a regex.`,
  extendsCycle: (chain: string[]) => `extends cycle: ${chain.join(' → ')}. Remove one of these extends entries.`,

  usage: (detail: string) => `${detail}\nRun \`spark-guard --help\` for usage.`,
  unknownCommand: (name: string) => `unknown command '${name}'.`,
  unknownHook: (name: string) => `unknown hook '${name}': expected pre-commit, commit-msg or post-commit.`,
  gateCrashed: (gate: string, version: string, node: string) =>
    `the ${gate} gate crashed: a bug in spark-guard, not a problem found in your change.\n` +
    `Re-run with DEBUG=spark-guard to see the stack trace, and report it with \`npm bugs spark-guard\` (spark-guard ${version}, Node ${node}), with that output.\n` +
    `To commit meanwhile: SPARK_GUARD_SKIP=${gate} git commit …`,
  internalError: (message: string) => `internal error: ${message}\nRe-run with DEBUG=spark-guard for details, and report it if it persists.`,
  interrupted: (signal: string) => `interrupted (${signal}): nothing was changed.`,

  disabled: (hook: string) => `spark-guard: SPARK_GUARD=0, ${hook} checks skipped.`,
  skippedByEnv: (names: string[], source: string) =>
    `skipping ${names.join(', ')} because ${source} asks to; this is recorded in the report. CI should still run \`spark-guard check\`.`,
  unknownGateFlag: (names: string[], known: string[]) => `no gate named ${names.join(', ')} (known: ${known.join(', ')})`,
  /** `check --only/--skip` left no gate that can run in this mode: it would check nothing and pass. */
  nothingSelected: (staged: boolean, selected: string[]) => {
    const why = staged
      ? selected.includes('message') ? ': the commit message is judged by the commit-msg hook, or per commit with --base / --range'
        : selected.includes('lint') ? ': lint runs lint-staged, which may fix files, and check never writes without --fix' : ''
      : selected.length ? ': lint and command gates judge only the staged change (check --staged)' : '';
    const what = selected.length ? `--only ${selected.join(',')}` : 'this selection';
    return `${what} leaves no gate that runs ${staged ? 'on the staged change' : 'on commits'}${why}. A check that runs no gate would pass without checking anything.`;
  },
  unknownSkip: (names: string[], known: string[]) =>
    `${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} not a gate (known: ${known.join(', ')}); ignoring.`,
  nothingToCheck: () => 'nothing to check: no gate applies to this change.',
  notRunBecause: (blocker: string) => `not run: ${blocker} blocked first`,

  count: (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`,
  raiseIn: (configFile: string | null) => (configFile ? `in ${configFile}` : 'in a spark-guard.config.mjs (run `npx spark-guard install` to create one)'),

  diffTooManyLines: (lines: number, max: number, label?: string) =>
    `${label ? `commit ${label}: ` : ''}${lines} lines changed, more than diff.maxLines (${max})`,
  diffTooManyFiles: (files: number, max: number, label?: string) =>
    `${label ? `commit ${label}: ` : ''}${files} files changed, more than diff.maxFiles (${max})`,
  diffHowToSplit: (biggest: { path: string; lines: number }[], configFile: string | null, rules: string[]) =>
    [
      biggest.length ? `Largest: ${biggest.map((b) => `${b.path} (${b.lines})`).join(', ')}.` : '',
      'Split the change into smaller commits: `git restore --staged <file>` to unstage a file, `git add -p` to stage part of one.',
      `Or raise ${rules.join(' / ')} ${messages.raiseIn(configFile)}, or list generated files in diff.ignore.`,
    ]
      .filter(Boolean)
      .join('\n'),

  diffLargestIn: (biggest: { path: string; lines: number }[], label: string) =>
    biggest.length ? `Largest in ${label}: ${biggest.map((b) => `${b.path} (${b.lines})`).join(', ')}.` : '',
  diffRangeHowToSplit: (configFile: string | null, rules: string[]) =>
    'Split an oversized commit before it is merged: `git rebase -i <base>`, mark it `edit`, then `git reset HEAD^` and commit it in parts.\n' +
    `Or raise ${rules.join(' / ')} ${messages.raiseIn(configFile)}, or list generated files in diff.ignore.`,
  mergeNotSized: () => "a merge: its size is its branch's, whose commits are judged one by one",
  fileCreated: () => 'new file, but files.allowCreate is false',
  fileDeleted: () => 'deleted, but files.allowDelete is false',
  fileProtected: (status: string) => `protected path ${status === 'D' ? 'deleted' : status === 'A' ? 'added' : 'changed'} (files.protect)`,
  fileTooLarge: (bytes: number, maxKb: number) => `${Math.ceil(bytes / 1024)} KB, more than files.maxFileKb (${maxKb} KB)`,
  filesHowToFix: (rules: string[], configFile: string | null) =>
    `Unstage the file (\`git restore --staged <file>\`), or change ${rules.join(' / ')} ${messages.raiseIn(configFile)}.` + messages.largeFiles(rules),

  largeFiles: (rules: string[]) => (rules.includes('files.maxFileKb') ? ' Large files belong in Git LFS or a release artifact.' : ''),

  bannedDefaultMessage: (id: string) => `matches the banned pattern '${id}'`,
  bannedHowToAllow: (ids: string[], configFile: string | null) =>
    `To allow one line deliberately, add \`spark-guard-allow ${ids[0]}\` in a comment on it or on the line above.\n` +
    `To switch a rule off, set banned: { '${ids[0]}': false } ${messages.raiseIn(configFile)}.`,

  secretFound: (label: string) => `${label} added`,
  secretsHowToFix: (configFile: string | null) =>
    'Remove the credential from the change and rotate it: treat it as leaked. Read it from the environment or a secret manager instead.\n' +
    `A fake credential in a test? Add \`spark-guard-allow secret\` on that line or the line above, or list the path in secrets.ignore ${messages.raiseIn(configFile)}.`,

  messageEmpty: () => 'the commit message is empty',
  messageBanned: (subject: string) => `"${subject}" says nothing about the change (commitMessage.banned)`,
  messageTooShort: (length: number, min: number) => `${length} characters, fewer than commitMessage.minLength (${min})`,
  messageSubjectTooLong: (length: number, max: number) => `subject is ${length} characters, more than commitMessage.maxSubjectLength (${max})`,
  messageNotConventional: (subject: string) => `"${subject}" is not in Conventional Commits form (commitMessage.conventional)`,
  messageAheadMayChange: () => 'a prepare-commit-msg hook may still change it: the commit-msg hook judges it',
  messageHowToFix: (conventional: boolean, maxSubject: number) =>
    `Say what changed and why, with a subject of at most ${maxSubject} characters, e.g.:\n` +
    (conventional ? '  fix(parser): keep CRLF line endings when re-staging files' : '  Keep CRLF line endings when re-staging files') +
    '\nYour message is kept: `git commit -e -F "$(git rev-parse --git-path COMMIT_EDITMSG)"` opens it again.',

  messageHowToFixCommitted: (conventional: boolean, maxSubject: number) =>
    `Say what changed and why, with a subject of at most ${maxSubject} characters, e.g.:\n` +
    (conventional ? '  fix(parser): keep CRLF line endings when re-staging files' : '  Keep CRLF line endings when re-staging files') +
    '\nReword a pushed-for-review commit with `git rebase -i <base>` (mark it `reword`), or `git commit --amend` for the last one.',
  filesHowToFixCommitted: (rules: string[], configFile: string | null) =>
    `Remove the file in a commit of the branch (or rewrite it with \`git rebase -i <base>\`), or change ${rules.join(' / ')} ${messages.raiseIn(configFile)}.` + messages.largeFiles(rules),
  commandGateNeedsStaged: () => 'command gates run on the staged snapshot only (check --staged or a commit)',
  commandGateNoMatch: (when: string[]) => `no staged file matches ${when.join(', ')}`,
  commandGateNoOwnFiles: () => "no staged file is judged by this gate's config (a file is judged by its nearest config's gates alone)",
  commandGateOnlyDeleted: () => 'only deleted files match: nothing to put in {files}',
  commandGateCached: () => 'passed before on this exact staged tree',
  commandGateTimedOut: (seconds: number) => `timed out after ${seconds} s; its process tree was killed`,
  commandGateExit: (code: number | null, signal: string | null) => (signal ? `killed by ${signal}` : `exit ${code}`),
  commandGateTail: (command: string, tail: string, name: string, definedIn: string | null, home: string) =>
    `$ ${command}${home ? `   (in ${home}/)` : ''}\n${tail.trim() ? tail.replace(/\s+$/, '') : '(no output)'}\n` +
    `Fix the failure and commit again (a pass on the same staged tree is cached). To change the gate or raise its timeout, set gates.${name} ${messages.raiseIn(definedIn)}.`,

  installFoundHooks: (hooks: { shown: string; by: string }[]) =>
    `hooks run here today that spark-guard's hooks (core.hooksPath = .husky/_) would switch off: ${hooks.map((h) => `${h.shown} (${h.by})`).join(', ')}.\n` +
    'Re-run with --chain to keep them running (each runs first, then spark-guard), or with --replace to let them stop (uninstall restores them). Nothing was changed.',
  installCannotChain: (hooks: { shown: string; by: string; name: string }[]) =>
    `husky's runner has no ${hooks.map((h) => h.name).join(', ')} hook, so ${hooks.map((h) => `${h.shown} (${h.by})`).join(', ')} cannot be chained. ` +
    'Re-run with --replace to let it stop (uninstall restores it), or keep your hooks without spark-guard. Nothing was changed.',
  installChaining: (hook: { shown: string; by: string; name: string }, spark: boolean) =>
    `chain ${hook.name}: ${hook.shown} (${hook.by})${spark ? ', then spark-guard' : ''} (from .husky/${hook.name})`,
  installReplacing: (hook: { shown: string; by: string }) => `${hook.shown} (${hook.by}) will no longer run (--replace; uninstall restores it)`,

  uninstallRunsAgain: (hook: { shown: string; by: string }) => `${hook.shown} (${hook.by}) runs again`,
  uninstalled: (pm: string | null) =>
    'spark-guard is uninstalled. ' +
    (pm ? `It leaves spark-guard in devDependencies (\`${pm === 'npm' ? 'npm uninstall' : `${pm} remove`} spark-guard\` removes it) and ` : 'It leaves ') +
    '.git/spark-guard/ (caches and the last report; delete it if you like).',

  lintNoConfig: () => 'no lint-staged configuration found (package.json "lint-staged", .lintstagedrc*, lint-staged.config.*)',
  lintFailed: () => 'lint-staged tasks failed',
  lintTimedOut: (seconds: number) => `lint-staged did not finish within ${seconds} s; its tasks were killed`,
  lintRecovered: () => 'restored unstaged changes that an interrupted lint-staged run had set aside',
  lintRestoredAfterFailure: () => 'put back the unstaged changes lint-staged had set aside (it does not, when a task fails)',
  lintRecoveredFirst: () => 'an interrupted lint-staged run had set unstaged changes aside: they are dealt with first',
  lintBusy: (pid: number) => `another lint-staged run in this worktree holds its lock (process ${pid})`,
  lintBusyHow: () =>
    'Wait for the other commit (or check --fix) in this worktree to finish, then commit again. `npx spark-guard doctor` says whether it still runs, and puts back anything a killed run set aside.',
  lintNeedsFix: () => 'check never writes: lint-staged may fix and re-stage files, so it runs in a commit or with check --fix',
  lintRecoveryFailed: (keep: string) =>
    `lint-staged set unstaged changes aside, and some files have changed since in a way that a patch without context lines cannot be put back on for certain, so spark-guard changed nothing. The patch is at ${keep}: check what is missing with \`git apply --check ${keep}\` and \`git apply --reverse --check ${keep}\`, then apply it (or the parts you need) by hand.`,

  reviewNoKey: (variable: string) => `${messages.noKey(variable)}, or turn the review off with review.enabled: false`,
  noKey: (variable: string) => `no API key: set ${variable} (or review.apiKeyEnv)`,
  reviewUnavailable: (reason: string) => `review unavailable: ${reason}`,
  reviewUnavailableBlocks: () =>
    'review.onUnavailable is "block", so the commit waits for a working review. Fix the endpoint, or skip it knowingly: SPARK_GUARD_SKIP=review git commit …',
  reviewBlocks: (blockOn: string) =>
    `The review blocks on ${blockOn === 'warning' ? 'warnings and errors' : 'errors'} (review.blockOn). Fix the findings, or skip the review knowingly: SPARK_GUARD_SKIP=review git commit …`,
  reviewLeftOut: (n: number) => `the reviewer saw part of the change: ${n} item${n === 1 ? '' : 's'} did not fit review.maxDiffTokens or were excluded`,

  browserNeedsUrl: (file: string) => `browser.url is missing in ${file}: the gate needs the address of the app, e.g. url: 'http://127.0.0.1:{port}'.`,
  browserNeedsStaged: () => 'the browser gate judges the staged snapshot only (check --staged or a commit)',
  browserNoMatch: (when: string[]) => `no staged file matches browser.when (${when.join(', ')})`,
  browserCached: () => 'passed before on this exact staged tree',
  browserPathMissing: (file: string, source: string) =>
    `${source} names ${file}, which does not exist or cannot be run: the browser gate did not run. Fix the path, or unset it to use the system's Chromium.`,
  browserNone: () => 'no Chromium or Chrome found: the browser gate did not run',
  browserHowToInstall: (tried: string[]) =>
    `Tried: ${tried.join(', ')}.
Install one (Debian/Ubuntu: \`apt-get install chromium\`; macOS: \`brew install --cask chromium\` or Google Chrome), or point CHROME_PATH or browser.executablePath at one.`,
  browserDriverMissing: (reason: string) =>
    `playwright-core is not installed, so the browser gate did not run (${reason}). Install it: npm i -D playwright-core (it downloads no browser).`,
  browserLaunchFailed: (file: string, reason: string) => `could not start ${file}: ${reason}; the browser gate did not run`,
  browserPortTaken: (url: string, port: string) =>
    `${url} already answers before browser.start runs: port ${port} is taken by another program, so the gate did not judge it. Stop that program, or use {port} in browser.start and browser.url for a free port.`,
  browserStartExited: (code: number | null, signal: string | null) => `browser.start exited (${signal ? `killed by ${signal}` : `exit ${code}`}) before the app answered`,
  browserStartTimedOut: (url: string, ms: number) => `${url} did not answer within browser.startTimeoutMs (${ms} ms); the server's process tree was killed`,
  browserNotRunning: (url: string, ms: number) => `nothing answers at ${url} within ${ms} ms (no browser.start: the gate judges an app that is already running)`,
  browserStartTail: (command: string, tail: string) => `$ ${command}\n${tail.trim() ? tail.replace(/\s+$/, '') : '(no output)'}`,
  browserPassed: (pages: number, external: string | null) =>
    `${pages} page${pages === 1 ? '' : 's'} loaded clean${external ? `; judged the app running at ${external}, not the staged snapshot (no browser.start)` : ''}`,
  browserFailed: (pages: string[]) => `${pages.length === 1 ? 'page' : 'pages'} ${pages.join(', ')} failed in the browser`,
  browserHowToFix: (configFile: string | null) =>
    `Open the page, fix what it reports, and commit again (a pass on the same staged tree is cached). A console error you mean to keep goes in browser.allowConsole ${messages.raiseIn(configFile)}.`,

  noReport: (rev: string) =>
    `no readiness report for ${rev}: it was committed without the spark-guard hooks, or before they were installed. Notes travel with \`git fetch origin refs/notes/spark-guard:refs/notes/spark-guard\`.`,

  noLastReport: () => 'no readiness report yet in this worktree: commit (or run `spark-guard check --staged`) first, or name a commit: spark-guard report --html <rev>.',
  cannotOpen: (cmd: string, file: string) => `could not run ${cmd} to open the report; open ${file} in a browser.`,

  badRef: (ref: string) => `'${ref}' is not a commit here. Fetch it first (e.g. git fetch origin main) or name an existing branch, tag or commit.`,
  noMergeBase: (ref: string) =>
    `HEAD and '${ref}' have no common ancestor here. In a shallow CI clone, fetch the history (actions/checkout with fetch-depth: 0).`,
  badRange: (range: string) => `--range takes <a>..<b> (got '${range}').`,

  verifyMissing: (file: string, where: string) =>
    `verify is on, but ${file} is not ${where === 'worktree' ? 'in the work tree' : where === 'index' ? 'staged (it is read from the index: what the commit will hold)' : 'in that commit'}.\n` +
    `Create it with \`npx spark-guard init\` (or write a fenced \`sh\` block of the commands that prove a change works) and \`git add ${file}\`, or set verify: false.`,
  verifyEmpty: (file: string) =>
    `verify is on, but ${file} has no command: put the commands that prove a change works (tests, types, lint) in a fenced \`sh\` block, one per line, e.g.\n` +
    '```sh\nnpm test\n```',
  verifyAdvice: (file: string, line: number) =>
    `This command is ${file}:${line}. Fix the failure and commit again (a pass on the same staged tree and ${file} is cached); to change the command, edit ${file}.`,
  memoryNoProgress: (progress: string, paths: string[]) =>
    `${paths.length === 1 ? paths[0] : `${paths.length} files (${paths.slice(0, 3).join(', ')}${paths.length > 3 ? ', …' : ''})`} changed, but ${progress} is not part of the commit`,
  memoryHowToLog: (progress: string, today: string) =>
    `Add one dated line to ${progress}: what changed, what failed, what is next, e.g.\n` +
    `  - ${today}: <what changed>; failed: <what did not work, or nothing>; next: <the next step>\n` +
    `then \`git add ${progress}\` and commit again (memory.requireOnChange lists the paths that need it).`,
  memoryTooManyItems: (plan: string, ticked: number, max: number) => `${ticked} items of ${plan} ticked in one commit, more than memory.maxPlanItems (${max})`,
  memoryHowToSplit: (plan: string) =>
    `One plan item per iteration: leave the other items unticked (\`git add -p ${plan}\`) and commit them with their own work, or raise memory.maxPlanItems (false: no limit).`,
  overlapFound: (n: number) => `${n} staged path${n === 1 ? '' : 's'} also changed in another worktree`,
  overlapOther: (worktree: string, branch: string) => `uncommitted changes in the worktree ${worktree} (${branch}) too`,
  overlapHow: (level: string) =>
    `Parallel agents must not edit the same file: finish (commit) the work in the other worktree first, or hand the file to one of them.${level === 'error' ? ' overlap is "error"; set overlap: \'warning\' to only warn.' : ''}`,
  docsFound: (n: number) => `${n} broken reference${n === 1 ? '' : 's'} in Markdown`,
  docsHow: (level: string) =>
    'Fix each reference (or the file it points to) so the docs match the code; `npx spark-guard docs --suggest` asks the review model for a patch.' +
    (level === 'error' ? ' Set docs: { level: \'warning\' } to only warn.' : ''),
  docsNone: () => 'no Markdown to check in this change',
  suggestNoFindings: () => 'no doc drift found: nothing to suggest.',
  suggestUnavailable: (reason: string) => `docs --suggest: the model is unavailable: ${reason}`,
  suggestBadPatch: (reason: string) =>
    `docs --suggest: the model's patch does not apply cleanly (${reason.trim().split('\n')[0]}); nothing was written. Fix the findings by hand, or try again.`,
  suggestHowToApply: () => 'The patch below passed `git apply --check`; nothing was written. Apply it with: npx spark-guard docs --suggest > docs-fix.patch && git apply docs-fix.patch',
  suggestEmpty: () => 'docs --suggest: the model proposed no change; nothing was written.',
  initExists: (file: string) => `${file} exists: left as it is`,

  installHuskyFailed: (reason: string) => `husky could not wire the hooks: ${reason}`,
  installHuskyDisabled: () => 'HUSKY=0 is set, so husky left core.hooksPath alone; unset it and run `spark-guard install` again.',
};

export type Messages = typeof messages;
