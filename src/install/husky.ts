/** Wiring through husky 9's own API; simple-git reads and resets core.hooksPath. */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { SparkGuardError } from '../errors.js';
import { messages } from '../messages.js';

export const HUSKY_DIR = '.husky';
export const HOOKS_PATH = '.husky/_';

export async function gitClient(root: string) {
  const { simpleGit } = await import('simple-git');
  return simpleGit({ baseDir: root });
}

export async function readHooksPath(root: string): Promise<string | null> {
  const value = await (await gitClient(root)).getConfig('core.hooksPath');
  return value.value;
}

/** True when core.hooksPath points at husky's folder and husky's runner there is current. */
export function huskyIsCurrent(root: string, hooksPath: string | null): boolean {
  if (hooksPath !== HOOKS_PATH) return false;
  const runner = path.join(root, HOOKS_PATH, 'h');
  if (!fs.existsSync(runner)) return false;
  const shipped = path.join(path.dirname(createRequire(import.meta.url).resolve('husky')), 'husky');
  return fs.readFileSync(runner, 'utf8') === fs.readFileSync(shipped, 'utf8') && replacedRunners(root).length === 0;
}

/** The runner husky writes for each hook in `.husky/_`. */
const RUNNER = '#!/usr/bin/env sh\n. "$(dirname "$0")/h"';

/**
 * spark-guard's hooks whose file in `.husky/_` is no longer husky's runner: simple-git-hooks and
 * `lefthook install --force` write into whatever core.hooksPath is, over it.
 */
export function replacedRunners(root: string): string[] {
  return ['pre-commit', 'commit-msg', 'post-commit'].filter((hook) => {
    try {
      return fs.readFileSync(path.join(root, HOOKS_PATH, hook), 'utf8').trim() !== RUNNER;
    } catch {
      return true;
    }
  });
}

/** Runs husky from the repository root (husky works on process.cwd()). Returns a note, or throws. */
export async function runHusky(root: string): Promise<string | null> {
  const { default: husky } = await import('husky');
  const previous = process.cwd();
  process.chdir(root);
  try {
    const reason = husky(HUSKY_DIR);
    if (!reason) return null;
    if (process.env.HUSKY === '0') return messages.installHuskyDisabled();
    throw new SparkGuardError('env', messages.installHuskyFailed(reason.trim()));
  } finally {
    process.chdir(previous);
  }
}

/** The one simple-git instance allowed to change core.hooksPath (simple-git refuses it otherwise). */
export async function restoreHooksPath(root: string, before: string | null): Promise<void> {
  const { simpleGit } = await import('simple-git');
  const git = simpleGit({ baseDir: root, unsafe: { allowUnsafeHooksPath: true } as Record<string, boolean> });
  if (before === null) await git.raw(['config', '--unset', 'core.hooksPath']);
  else await git.addConfig('core.hooksPath', before);
}
