/** `spark-guard uninstall [--dry-run] [--no-save]`: removes exactly what install added, the agents' guard hooks included. */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { findRepo } from '../../git/repo.js';
import { HOOKS, earlierLines, hookLine, isEmptyHook, removeLine, type HookName } from '../../install/hook-lines.js';
import { findExistingHooks, removeChainLines } from '../../install/existing-hooks.js';
import { messages } from '../../messages.js';
import { HOOKS_PATH, HUSKY_DIR, readHooksPath, restoreHooksPath } from '../../install/husky.js';
import { detectPackageManager, hasDependency, readPackageJson, removeCommand, serialize } from '../../install/package-json.js';
import { readState, sha256, writeState } from '../../install/state.js';
import { applyActions, type Action } from '../../install/actions.js';

export interface UninstallOptions {
  cwd: string;
  dryRun: boolean;
  save: boolean;
  out: (line: string) => void;
}


export async function uninstall(options: UninstallOptions): Promise<number> {
  const repo = await findRepo(options.cwd);
  const { root } = repo;
  const state = readState(repo.commonDir);
  const actions: Action[] = [];
  const notes: string[] = [];

  const chainedHooks = (state.chained ?? []).map((c) => c.hook);
  for (const hook of [...new Set([...HOOKS, ...chainedHooks])]) {
    const file = path.join(root, HUSKY_DIR, hook);
    if (!fs.existsSync(file)) continue;
    const content = fs.readFileSync(file, 'utf8');
    const spark = (HOOKS as readonly string[]).includes(hook) ? removeLine(content, hookLine(hook as HookName), earlierLines(hook as HookName)) : null;
    const unchained = removeChainLines(spark ?? content);
    const after = unchained ?? spark;
    if (after === null) continue;
    const created = (state.createdHooks?.includes(hook) || state.chainCreated?.includes(hook)) ?? !after.trim();
    const remove = created && isEmptyHook(after);
    const what = spark !== null && unchained !== null ? 'the spark-guard line and the chained hook' : spark !== null ? 'the spark-guard line' : 'the chained hook';
    actions.push({
      describe: remove ? `delete ${HUSKY_DIR}/${hook}` : `remove ${what} from ${HUSKY_DIR}/${hook}`,
      apply: () => (remove ? fs.rmSync(file) : fs.writeFileSync(file, after)),
    });
  }

  // Only what install set up: a repository already wired through husky keeps .husky/_.
  const again: string[] = [];
  if ('hooksPathBefore' in state && state.hooksPathBefore !== HOOKS_PATH && (await readHooksPath(root)) === HOOKS_PATH) {
    const before = state.hooksPathBefore ?? null;
    again.push(...findExistingHooks(root, repo.commonDir, before).map((h) => messages.uninstallRunsAgain(h)));
    actions.push({
      describe: before === null ? 'unset core.hooksPath and remove .husky/_' : `restore core.hooksPath to ${before}`,
      apply: async () => {
        await restoreHooksPath(root, before);
        fs.rmSync(path.join(root, HOOKS_PATH), { recursive: true, force: true });
        const huskyDir = path.join(root, HUSKY_DIR);
        if (fs.existsSync(huskyDir) && fs.readdirSync(huskyDir).length === 0) fs.rmdirSync(huskyDir);
      },
    });
  }

  const pkg = readPackageJson(root);
  if (pkg && state.prepare && pkg.data.scripts?.prepare === state.prepare.after) {
    const before = state.prepare.before;
    actions.push({
      describe: before === null ? 'remove scripts.prepare from package.json' : `restore scripts.prepare to "${before}"`,
      apply: () => {
        const fresh = readPackageJson(root)!;
        if (before === null) delete fresh.data.scripts.prepare;
        else fresh.data.scripts.prepare = before;
        if (Object.keys(fresh.data.scripts).length === 0) delete fresh.data.scripts;
        fs.writeFileSync(fresh.file, serialize(fresh));
      },
    });
  }
  if (pkg && state.devDependencyAdded && options.save) {
    const argv = removeCommand(detectPackageManager(root), 'spark-guard');
    actions.push({
      describe: `remove spark-guard from devDependencies (${argv.join(' ')})`,
      apply: () => void spawnSync(argv[0]!, argv.slice(1), { cwd: root, stdio: 'inherit' }),
    });
  }

  if (state.config) {
    const file = path.join(root, state.config.file);
    if (fs.existsSync(file) && sha256(fs.readFileSync(file, 'utf8')) === state.config.sha256) {
      actions.push({ describe: `delete ${state.config.file} (unchanged since install)`, apply: () => fs.rmSync(file) });
    } else if (fs.existsSync(file)) {
      notes.push(`kept ${state.config.file}: it was edited after install. Delete it yourself if you no longer need it.`);
    }
  }

  // The agents' guard hooks too (SPEC §12): a hook left behind would run a command that is gone.
  const { AGENTS, agentHookRemoval } = await import('../../install/agent.js');
  for (const agent of Object.keys(AGENTS) as (keyof typeof AGENTS)[]) {
    actions.push(...agentHookRemoval(repo, agent, () => notes.push(messages.agentSettingsSkipped(AGENTS[agent].file, agent))));
  }

  for (const note of notes) options.out(`! ${note}`);
  const devDependencyLeft = Boolean(pkg && hasDependency(pkg, 'spark-guard') && !(state.devDependencyAdded && options.save));
  return applyActions(actions, options, {
    nothing: `spark-guard is not installed in ${root}: nothing to remove.`,
    done: () => writeState(repo.commonDir, {}),
    finished: [...again, messages.uninstalled(devDependencyLeft ? detectPackageManager(root) : null)].join('\n'),
  });
}
