// Whole `git commit` timings, side by side in one run: no hooks, spark-guard, husky + lint-staged,
// the Node floor (husky running `node -e 0` in pre-commit and commit-msg), lefthook, pre-commit.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { env, median, removeTemp, root, sh, tempRepo } from './lib.mjs';

const CHANGE = 3;

/** Installs the packed spark-guard and the peers once, into a template whose node_modules repos link to. */
export function installTemplate() {
  const dir = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'spark-guard-bench-template-'));
  const pack = JSON.parse(sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], root));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench-template', private: true }));
  sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', path.join(dir, pack[0].filename), 'husky@9', 'lint-staged@16', 'lefthook@2'], dir);
  return dir;
}

function write(dir, files) {
  for (const [f, c] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), c);
  }
}

function project(template, name, files = {}, pkg = {}) {
  const dir = tempRepo(name);
  fs.symlinkSync(path.join(template, 'node_modules'), path.join(dir, 'node_modules'));
  write(dir, { '.gitignore': 'node_modules\n', 'package.json': JSON.stringify({ name, private: true, ...pkg }, null, 2), 'README.md': '# bench\n', ...files });
  return dir;
}

function husky(dir) {
  sh('node', ['-e', "import('husky').then(m => { const r = m.default(); if (r) { console.error(r); process.exit(1) } })"], dir);
}

/** The setups, each a repo ready for `git commit`; pre-commit (Python) only where it is installed. */
export function makeSetups(template) {
  const setups = {};
  setups['no hooks'] = project(template, 'none');
  const sg = project(template, 'spark-guard', { '.spark-guardrc.json': JSON.stringify({ extends: 'spark-guard/presets/recommended', lintStaged: false, review: { enabled: false } }) });
  sh(path.join(sg, 'node_modules/.bin/spark-guard'), ['install', '--no-save'], sg);
  setups['spark-guard'] = sg;
  const hl = project(template, 'husky-lint-staged', { '.husky/pre-commit': 'lint-staged\n' }, { 'lint-staged': { '*': 'true' } });
  husky(hl);
  setups['husky + lint-staged'] = hl;
  const floor = project(template, 'node-floor', { '.husky/pre-commit': 'node -e 0\n', '.husky/commit-msg': 'node -e 0\n' });
  husky(floor);
  setups['husky node -e 0 (Node floor)'] = floor;
  const lh = project(template, 'lefthook', { 'lefthook.yml': 'pre-commit:\n  commands:\n    noop:\n      run: "true"\n' });
  sh(path.join(lh, 'node_modules/.bin/lefthook'), ['install'], lh);
  setups['lefthook'] = lh;
  if (spawnSync('pre-commit', ['--version']).status === 0) {
    const pc = project(template, 'pre-commit', { '.pre-commit-config.yaml': 'repos:\n- repo: local\n  hooks:\n  - id: noop\n    name: noop\n    entry: "true"\n    language: system\n' });
    sh('pre-commit', ['install'], pc);
    setups['pre-commit'] = pc;
  }
  for (const dir of Object.values(setups)) {
    sh('git', ['add', '-A'], dir);
    sh('git', ['commit', '-q', '--no-verify', '-m', 'initial commit of the bench repo'], dir);
    const body = (n) => Array.from({ length: 34 }, (_, i) => `export const value${n}_${i} = ${i};`).join('\n') + '\n';
    write(dir, Object.fromEntries(Array.from({ length: CHANGE }, (_, i) => [`src/file${i}.js`, body(i)])));
    sh('git', ['add', '-A'], dir);
  }
  return setups;
}

/** One timed `git commit`, then `git reset --soft HEAD~1` so the same change can be committed again. */
export function timeCommit(dir) {
  const t = process.hrtime.bigint();
  const r = spawnSync('git', ['commit', '-q', '-m', 'add three modules for the bench'], { cwd: dir, env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`git commit failed in ${dir}: ${r.stdout}${r.stderr}`);
  sh('git', ['reset', '-q', '--soft', 'HEAD~1'], dir);
  return ms;
}

export function removeSetups(template, setups) {
  for (const dir of Object.values(setups)) removeTemp(dir);
  removeTemp(template);
}

export { median };
