/** `spark-guard doctor`: hooks wired (in every worktree)? config valid? which gates apply? key present? */
import fs from 'node:fs';
import path from 'node:path';
import { findRepo, type Repo } from '../../git/repo.js';
import { git } from '../../git/exec.js';
import { GIT } from '../../git/commands.js';
import { loadConfig, type LoadedConfig } from '../../config/load.js';
import { SparkGuardError } from '../../errors.js';
import { HOOKS, holdsEarlierLine, hookLine, type HookName } from '../../install/hook-lines.js';
import { HOOKS_PATH, HUSKY_DIR, readHooksPath, replacedRunners } from '../../install/husky.js';
import { buildGates } from '../../gates/index.js';
import { makeStyle, useColor } from '../../report/style.js';
import { removeStaleSnapshots } from '../../git/snapshot.js';
import { leftoverPatch, recoverLeftoverPatch } from '../../lint/recover.js';
import { acquireLintLock, releaseLintLock, removeStaleLintFiles } from '../../lint/run.js';
import { lintConfigured } from '../../lint/config.js';

interface Check {
  ok: boolean | 'warn';
  label: string;
  detail?: string;
}

export async function doctor(options: { env: NodeJS.ProcessEnv }): Promise<number> {
  const repo = await findRepo(process.cwd());
  const checks: Check[] = [];
  checks.push(...(await hookChecks(repo)));
  checks.push(...(await recoveryChecks(repo)));
  let loaded: LoadedConfig | null = null;
  try {
    loaded = await loadConfig(repo.root, options.env);
    checks.push({ ok: true, label: `config valid: ${loaded.file ?? 'no config file, using spark-guard/presets/recommended'}` });
  } catch (error) {
    if (!(error instanceof SparkGuardError)) throw error;
    checks.push({ ok: false, label: 'config invalid', detail: error.message });
  }
  if (loaded) checks.push(...(await configChecks(loaded, options.env, repo.root)), ...(await scopeChecks(repo, loaded, options.env)), ...(await endpointChecks(loaded, options.env)));
  const style = makeStyle(useColor(process.stdout, options.env));
  const lines = checks.map((c) => {
    const mark = c.ok === true ? style.green('✓') : c.ok === 'warn' ? style.yellow('!') : style.red('✗');
    return `${mark} ${c.label}${c.detail ? `\n${c.detail.replace(/^/gm, '    ')}` : ''}`;
  });
  process.stdout.write(`${lines.join('\n')}\n`);
  return checks.some((c) => c.ok === false) ? 1 : 0;
}

async function hookChecks(repo: Repo): Promise<Check[]> {
  const checks: Check[] = [];
  const hooksPath = await readHooksPath(repo.root);
  if (hooksPath !== HOOKS_PATH) {
    checks.push({ ok: false, label: `hooks not wired: core.hooksPath is ${hooksPath ?? 'unset'}, expected ${HOOKS_PATH}`, detail: 'Run `npx spark-guard install`.' });
  } else {
    checks.push({ ok: true, label: `hooks wired through husky (core.hooksPath = ${HOOKS_PATH})` });
    const replaced = replacedRunners(repo.root);
    if (replaced.length) {
      checks.push({
        ok: false,
        label: `husky's runner was replaced in ${replaced.map((h) => `${HOOKS_PATH}/${h}`).join(', ')}: spark-guard's ${replaced.join(', ')} hook does not run`,
        detail: 'Another tool wrote there (simple-git-hooks and `lefthook install --force` write into core.hooksPath). Run `npx spark-guard install` to put husky\'s runner back; chain the other tool\'s hooks with --chain.',
      });
    }
  }
  const missing: HookName[] = [];
  const earlier: HookName[] = [];
  for (const hook of HOOKS) {
    const file = path.join(repo.root, HUSKY_DIR, hook);
    const content = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (content.split('\n').some((l) => l.trim() === hookLine(hook))) continue;
    if (holdsEarlierLine(content, hook)) earlier.push(hook);
    else missing.push(hook);
  }
  const where = (hooks: HookName[]) => hooks.map((h) => `${HUSKY_DIR}/${h}`).join(', ');
  if (missing.length) checks.push({ ok: false, label: `hook line missing from ${where(missing)}`, detail: 'Run `npx spark-guard install`.' });
  if (earlier.length) {
    checks.push({ ok: 'warn', label: `an earlier version's hook line in ${where(earlier)}: it works, only slower`, detail: 'Run `npx spark-guard install` to put the current line in its place.' });
  }
  if (!missing.length && !earlier.length) checks.push({ ok: true, label: `hook lines present in ${where([...HOOKS])}` });
  if (hooksPath === HOOKS_PATH) checks.push(...(await worktreeChecks(repo)), ...(await existingHookChecks(repo)));
  return checks;
}

/** SPEC §2: any hook that ran before install and no longer runs (core.hooksPath is husky's now). */
async function existingHookChecks(repo: Repo): Promise<Check[]> {
  const { findExistingHooks, notChained, describeHooks } = await import('../../install/existing-hooks.js');
  const { readState } = await import('../../install/state.js');
  const state = readState(repo.commonDir);
  const before = 'hooksPathBefore' in state ? (state.hooksPathBefore ?? null) : null;
  const found = findExistingHooks(repo.root, repo.commonDir, before);
  const pending = notChained(repo.root, found);
  const chained = found.filter((h) => !pending.includes(h));
  const replaced = new Set((state.replaced ?? []).map((r) => r.shown));
  const checks: Check[] = [];
  if (chained.length) checks.push({ ok: true, label: `chained: ${describeHooks(chained)} run before spark-guard` });
  for (const [list, ok] of [[pending.filter((h) => !replaced.has(h.shown)), false], [pending.filter((h) => replaced.has(h.shown)), 'warn']] as const) {
    if (!list.length) continue;
    checks.push({
      ok,
      label: `${describeHooks(list)} no longer run${list.length === 1 ? 's' : ''}: core.hooksPath is ${HOOKS_PATH}${ok === 'warn' ? ' (replaced at install)' : ''}`,
      detail: list.some((h) => !h.chainable)
        ? `husky's runner has no ${list.filter((h) => !h.chainable).map((h) => h.name).join(', ')} hook. Move what it does into another hook, or uninstall spark-guard to run it again.`
        : 'Run `npx spark-guard install --chain` to call it from .husky/ before spark-guard, or delete it if you no longer need it.',
    });
  }
  return checks;
}

/** Git silently skips a hooks path that does not exist: husky's `.husky/_` is git-ignored, so a worktree added later has none. */
async function worktreeChecks(repo: Repo): Promise<Check[]> {
  const { stdout } = await git(GIT.worktreeList, { cwd: repo.root });
  const trees = stdout
    .toString('utf8')
    .split('\0')
    .filter((l) => l.startsWith('worktree '))
    .map((l) => l.slice('worktree '.length));
  const unguarded = trees.filter((t) => fs.existsSync(t) && !fs.existsSync(path.join(t, HOOKS_PATH, 'h')));
  if (unguarded.length === 0) return trees.length > 1 ? [{ ok: true, label: `hooks run in all ${trees.length} worktrees` }] : [];
  return [
    {
      ok: false,
      label: `hooks would not run in ${unguarded.length} worktree${unguarded.length > 1 ? 's' : ''}: ${unguarded.join(', ')}`,
      detail: 'Git skips a hooks path that does not exist there. Run `npx spark-guard install` inside each of them.',
    },
  ];
}

async function scopeChecks(repo: Repo, loaded: LoadedConfig, env: NodeJS.ProcessEnv): Promise<Check[]> {
  const { loadScopes } = await import('../../config/scope.js');
  try {
    const packages = (await loadScopes(repo, loaded, env)).filter((s) => s.dir);
    if (packages.length === 0) return [];
    return [{ ok: true, label: `package configs (nearest applies to files below it): ${packages.map((s) => path.relative(repo.root, s.configFile ?? s.dir)).join(', ')}` }];
  } catch (error) {
    if (!(error instanceof SparkGuardError)) throw error;
    return [{ ok: false, label: 'a package config is invalid', detail: error.message }];
  }
}

async function endpointChecks(loaded: LoadedConfig, env: NodeJS.ProcessEnv): Promise<Check[]> {
  const { review } = loaded.config;
  if (!review.enabled) return [];
  const { resolveEndpoint, pingModel, displayURL } = await import('../../review/client.js');
  const endpoint = resolveEndpoint(review, env);
  if (endpoint.missingKey) return [];
  const where = displayURL(endpoint.baseURL);
  const problem = await pingModel(review, endpoint);
  return problem
    ? [{ ok: false, label: `review endpoint ${where}: ${problem}`, detail: 'Check review.baseURL / OPENAI_BASE_URL, review.model and the key; or set review.enabled: false.' }]
    : [{ ok: true, label: `review endpoint ${where} answers and knows ${review.model}` }];
}

/** Work set aside by a killed run is put back here as well as by the next commit. */
async function recoveryChecks(repo: Repo): Promise<Check[]> {
  const checks: Check[] = [];
  const stale = removeStaleSnapshots(repo);
  if (stale.length) checks.push({ ok: 'warn', label: `removed ${stale.length} snapshot folder(s) left by killed runs (they held copies only; nothing was lost)` });
  const patch = leftoverPatch(repo);
  // Recovery under the lint lock, as a commit's lint gate does: never while a run is using the patch.
  const holder = patch ? acquireLintLock(repo) : null;
  if (patch && holder !== null) {
    checks.push({ ok: 'warn', label: `lint-staged is running in this worktree right now (process ${holder}, ${patch}); check again when the commit is done` });
  } else if (patch) {
    try {
      const result = (await recoverLeftoverPatch(repo)) ?? 'the edits were all in place; nothing to put back';
      checks.push({ ok: 'warn', label: `found ${patch} from an interrupted lint-staged run`, detail: result });
    } finally {
      releaseLintLock(repo);
    }
  }
  const files = removeStaleLintFiles(repo);
  if (files.length) checks.push({ ok: 'warn', label: `removed ${files.join(', ')} left by a killed lint-staged run` });
  return checks;
}

/** AGENTS.md's Guardrails section (written by `init`) against the config as it is now: an agent reads the rules there. */
async function guardrailsCheck(loaded: LoadedConfig, root: string): Promise<Check[]> {
  let text: string;
  try {
    text = fs.readFileSync(path.join(root, 'AGENTS.md'), 'utf8');
  } catch {
    return [];
  }
  const { GUARDRAILS_START, guardrailsSection, withGuardrails } = await import('../../agent/init.js');
  if (!text.includes(GUARDRAILS_START)) return [];
  const current = guardrailsSection(loaded.config, loaded.file ? path.relative(root, loaded.file) : null);
  if (withGuardrails(text, current) === text) return [{ ok: true, label: "AGENTS.md's Guardrails section matches the config" }];
  return [{ ok: 'warn', label: "AGENTS.md's Guardrails section is out of date with the config", detail: 'Run `npx spark-guard init --refresh` to rewrite it (only the part between its markers), then commit it.' }];
}

async function configChecks(loaded: LoadedConfig, env: NodeJS.ProcessEnv, root: string): Promise<Check[]> {
  const checks: Check[] = [];
  const { config } = loaded;
  // lint only when there is a lint-staged config to run (the gate skips itself otherwise).
  const built = (await buildGates(config)).filter((g) => g.id !== 'lint' || lintConfigured(config.lintStaged, root));
  // VERIFY.md's commands (verify:<n>) and the commit message's rules run as gates too.
  const gates = [...built.map((g) => g.id), ...Object.keys(config.gates), ...(config.verify ? [`verify (${config.verify.file})`] : []), 'message'];
  checks.push({ ok: true, label: `gates: ${[...new Set(gates)].join(', ')}` });
  checks.push(...(await guardrailsCheck(loaded, root)));
  const { review } = config;
  if (!review.enabled) checks.push({ ok: true, label: 'review: off' });
  else if (review.provider === 'ollama') checks.push({ ok: true, label: 'review: ollama needs no key' });
  else {
    const { resolveEndpoint } = await import('../../review/endpoint.js');
    const endpoint = resolveEndpoint(review, env);
    const variable = endpoint.missingKey ?? (review.provider === 'cerebras' && review.apiKeyEnv === 'OPENAI_API_KEY' ? 'CEREBRAS_API_KEY' : review.apiKeyEnv);
    if (!endpoint.missingKey) checks.push({ ok: true, label: `review key: ${variable} is set` });
    else {
      checks.push({
        ok: 'warn',
        label: `review key: ${variable} is not set`,
        detail: `Export ${variable} for the Spark review, or set review.enabled: false. Without it the review is skipped (onUnavailable: ${review.onUnavailable}).`,
      });
    }
  }
  return checks;
}
