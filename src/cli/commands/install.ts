/** `spark-guard install [--dry-run] [--no-save]`: husky wiring, hook lines, prepare, starter config. */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { findRepo } from '../../git/repo.js';
import { findConfigFile } from '../../config/resolve.js';
import { HOOKS, addLine, earlierLines, holdsEarlierLine, hookLine } from '../../install/hook-lines.js';
import { HUSKY_DIR, huskyIsCurrent, readHooksPath, runHusky } from '../../install/husky.js';
import { addDevCommand, detectPackageManager, hasDependency, readPackageJson, serialize, withPrepare } from '../../install/package-json.js';
import { STARTER_FILE, detectGates, starterConfig } from '../../install/starter-config.js';
import { readState, sha256, writeState } from '../../install/state.js';
import { applyActions, type Action } from '../../install/actions.js';
import { SparkGuardError } from '../../errors.js';
import { packageVersion } from '../../paths.js';
import { addChainLine, chainLine, findExistingHooks, notChained, type ExistingHook } from '../../install/existing-hooks.js';
import { messages } from '../../messages.js';
import type { Repo } from '../../git/repo.js';

export interface InstallOptions {
  cwd: string;
  dryRun: boolean;
  save: boolean;
  out: (line: string) => void;
  /** Hooks that run today (another manager's, or scripts): chain them (`--chain`) or let them stop (`--replace`). */
  existing?: 'chain' | 'replace';
}


export async function install(options: InstallOptions): Promise<number> {
  const repo = await findRepo(options.cwd);
  const { root } = repo;
  const state = readState(repo.commonDir);
  const actions: Action[] = [];

  const hooksPath = await readHooksPath(root);
  // Before anything changes: the hooks that run today must keep running, or the user says otherwise.
  const existing = existingHookActions(repo, 'hooksPathBefore' in state ? (state.hooksPathBefore ?? null) : hooksPath, options, state);
  if (!huskyIsCurrent(root, hooksPath)) {
    actions.push({
      describe: `wire git hooks through husky (core.hooksPath = .husky/_${hooksPath && hooksPath !== '.husky/_' ? `, was ${hooksPath}` : ''})`,
      apply: async () => {
        if (!('hooksPathBefore' in state)) state.hooksPathBefore = hooksPath;
        const note = await runHusky(root);
        if (note) options.out(`! ${note}`);
      },
    });
  }

  for (const hook of HOOKS) {
    const file = path.join(root, HUSKY_DIR, hook);
    const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
    const after = addLine(before, hookLine(hook), earlierLines(hook));
    if (after === null) continue;
    const upgrade = before !== null && holdsEarlierLine(before, hook);
    actions.push({
      describe:
        before === null
          ? `create ${HUSKY_DIR}/${hook}`
          : upgrade
            ? `update the spark-guard line in ${HUSKY_DIR}/${hook} (an earlier version's)`
            : `add the spark-guard line to ${HUSKY_DIR}/${hook}`,
      apply: () => {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, after, { mode: 0o755 });
        if (before === null) state.createdHooks = [...new Set([...(state.createdHooks ?? []), hook])];
      },
    });
  }

  actions.push(...existing);
  actions.push(...packageActions(root, options, state));

  if (!(await findConfigFile(root)) && !process.env.SPARK_GUARD_CONFIG) {
    const content = starterConfig(detectGates(root, readPackageJson(root)), detectPackageManager(root));
    actions.push({
      describe: `write ${STARTER_FILE} (extends the recommended preset)`,
      apply: () => {
        fs.writeFileSync(path.join(root, STARTER_FILE), content);
        state.config = { file: STARTER_FILE, sha256: sha256(content) };
      },
    });
  }

  return applyActions(actions, options, {
    nothing: `spark-guard is already installed in ${root}: nothing to change.`,
    done: () => writeState(repo.commonDir, state),
    finished: `spark-guard is installed in ${root}. Try it: git commit`,
  });
}

function packageActions(root: string, options: InstallOptions, state: ReturnType<typeof readState>): Action[] {
  const pkg = readPackageJson(root);
  if (!pkg) return [];
  const actions: Action[] = [];
  const prepare: string | undefined = pkg.data.scripts?.prepare;
  const nextPrepare = withPrepare(prepare);
  if (nextPrepare !== null) {
    actions.push({
      describe: `set scripts.prepare to "${nextPrepare}" in package.json`,
      apply: () => {
        const fresh = readPackageJson(root)!;
        fresh.data.scripts = { ...(fresh.data.scripts ?? {}), prepare: nextPrepare };
        fs.writeFileSync(fresh.file, serialize(fresh));
        state.prepare = { before: prepare ?? null, after: nextPrepare };
      },
    });
  }
  if (options.save && !hasDependency(pkg, 'spark-guard')) {
    const argv = addDevCommand(detectPackageManager(root), `spark-guard@^${packageVersion()}`);
    actions.push({
      describe: `add spark-guard to devDependencies (${argv.join(' ')})`,
      apply: () => {
        const result = spawnSync(argv[0]!, argv.slice(1), { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
        if (result.status !== 0) {
          throw new SparkGuardError('env', `\`${argv.join(' ')}\` failed (exit ${result.status ?? result.signal}).`, {
            hint: 'Add spark-guard to devDependencies yourself, or re-run with --no-save.',
          });
        }
        state.devDependencyAdded = true;
      },
    });
  }
  return actions;
}

/**
 * SPEC §2: hooks that run today keep running. Chained: `.husky/<hook>` runs the old file first,
 * then spark-guard's line (the order is printed). Replaced: they stop, and install says which
 * (uninstall restores core.hooksPath, so they run again). Neither flag: exit 2, naming them.
 */
function existingHookActions(repo: Repo, hooksPathBefore: string | null, options: InstallOptions, state: ReturnType<typeof readState>): Action[] {
  const { root } = repo;
  const replaced = new Set((state.replaced ?? []).map((r) => r.shown));
  const pending = notChained(root, findExistingHooks(root, repo.commonDir, hooksPathBefore)).filter((h) => !replaced.has(h.shown));
  if (pending.length === 0) return [];
  if (!options.existing) throw new SparkGuardError('usage', messages.installFoundHooks(pending));
  const unchainable = pending.filter((h) => !h.chainable);
  if (options.existing === 'chain' && unchainable.length) throw new SparkGuardError('usage', messages.installCannotChain(unchainable));
  if (options.existing === 'replace') {
    return pending.map((hook) => ({
      describe: messages.installReplacing(hook),
      apply: () => {
        state.replaced = [...(state.replaced ?? []), { shown: hook.shown, by: hook.by }];
      },
    }));
  }
  return pending.map((hook: ExistingHook) => ({
    describe: messages.installChaining(hook, (HOOKS as readonly string[]).includes(hook.name)),
    apply: () => {
      const file = path.join(root, HUSKY_DIR, hook.name);
      const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
      const after = addChainLine(before, chainLine(hook));
      if (after === null) return;
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, after, { mode: 0o755 });
      if (before === null) state.chainCreated = [...new Set([...(state.chainCreated ?? []), hook.name])];
      state.chained = [...(state.chained ?? []).filter((c) => c.shown !== hook.shown), { hook: hook.name, shown: hook.shown, by: hook.by }];
    },
  }));
}
