/** Where lint-staged's own config lives, and whether the lint gate has one to run. */
import fs from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../config/types.js';

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

/** A lint-staged config of the project's own: one of its files, or package.json's `lint-staged` key. */
export function hasProjectConfig(root: string): boolean {
  if (CONFIG_FILES.some((f) => fs.existsSync(path.join(root, f)))) return true;
  try {
    return 'lint-staged' in JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  } catch {
    return false;
  }
}

/** Whether `lintStaged` names a config to run: an inline one, or `true` with the project's own. */
export function lintConfigured(setting: ResolvedConfig['lintStaged'], root: string): boolean {
  return setting !== false && (typeof setting === 'object' || hasProjectConfig(root));
}
