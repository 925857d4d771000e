/**
 * Gate 5, `lint`: lint-staged through its Node API, before the command gates so that they judge the
 * fixed content. lint-staged's backup stash is off (it lives in the stash list every worktree
 * shares); its own hiding of partially staged changes stays on, and a patch it left behind when
 * killed is applied back before the next run (and reported by `doctor`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { git } from '../git/exec.js';
import type { Repo } from '../git/repo.js';
import { stateDir } from '../git/repo.js';
import { messages } from '../messages.js';
import type { Gate } from './gate.js';

const CONFIG_FILES = [
  '.lintstagedrc',
  '.lintstagedrc.json',
  '.lintstagedrc.yaml',
  '.lintstagedrc.yml',
  '.lintstagedrc.mjs',
  '.lintstagedrc.cjs',
  '.lintstagedrc.js',
  'lint-staged.config.js',
  'lint-staged.config.mjs',
  'lint-staged.config.cjs',
  'lint-staged.config.ts',
  'lint-staged.config.mts',
  'lint-staged.config.cts',
];
export const LINT_STAGED_PATCH = 'lint-staged_unstaged.patch';

function hasProjectConfig(root: string): boolean {
  if (CONFIG_FILES.some((f) => fs.existsSync(path.join(root, f)))) return true;
  try {
    return 'lint-staged' in JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  } catch {
    return false;
  }
}

/** A patch lint-staged wrote before hiding unstaged changes, left behind by a killed run. */
export function leftoverPatch(repo: Repo): string | null {
  const file = path.join(repo.gitDir, LINT_STAGED_PATCH);
  return fs.existsSync(file) ? file : null;
}

/** Applies a leftover patch back to the work tree; keeps a copy under .git/spark-guard/recovered/. */
export async function recoverLeftoverPatch(repo: Repo): Promise<string | null> {
  const file = leftoverPatch(repo);
  if (!file) return null;
  const keep = path.join(stateDir(repo), 'recovered', `lint-staged-${Date.now()}.patch`);
  fs.mkdirSync(path.dirname(keep), { recursive: true });
  fs.copyFileSync(file, keep);
  const applied = await git(['apply', '--whitespace=nowarn', '--recount', '--unidiff-zero', file], { cwd: repo.root, allowFailure: true });
  if (applied.code !== 0) {
    const threeWay = await git(['apply', '--whitespace=nowarn', '--recount', '--unidiff-zero', '--3way', file], { cwd: repo.root, allowFailure: true });
    if (threeWay.code !== 0) return messages.lintRecoveryFailed(keep);
  }
  fs.rmSync(file);
  return messages.lintRecovered(keep);
}

export const lintGate: Gate = {
  id: 'lint',
  cost: 'cheap',
  applies(ctx) {
    const setting = ctx.config.lintStaged;
    if (setting === false) return 'lintStaged: false';
    if (!ctx.workspace) return messages.commandGateNeedsStaged();
    if (setting === true && !hasProjectConfig(ctx.repo.root)) return messages.lintNoConfig();
    return ctx.change.files.length ? true : 'no staged files';
  },
  async run(ctx) {
    const recovered = await recoverLeftoverPatch(ctx.repo);
    const { default: lintStaged } = await import('lint-staged');
    const output: string[] = [];
    const collect = (...args: unknown[]) => output.push(args.map(String).join(' '));
    const setting = ctx.config.lintStaged;
    const passed = await lintStaged(
      {
        cwd: ctx.repo.root,
        config: typeof setting === 'object' ? (setting as never) : undefined,
        stash: false,
        color: false,
        quiet: false,
      },
      { log: collect, warn: collect, error: collect, debug: () => undefined },
    );
    const notes = recovered ? `${recovered}\n` : '';
    if (passed) return { status: 'pass', message: recovered ?? '' };
    return { status: 'fail', message: messages.lintFailed(), details: `${notes}${tail(output.join('\n'))}` };
  },
};

function tail(text: string, lines = 40): string {
  return text.split('\n').slice(-lines).join('\n');
}
