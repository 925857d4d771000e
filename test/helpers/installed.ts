/** A test repo with the packed spark-guard installed as a user would have it (node_modules linked from the template). */
import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { createRepo, run, type FileMap, type Result, type TestRepo } from './repo.js';

export interface InstalledRepo extends TestRepo {
  /** Runs the installed CLI the way a user does (npx, no download). */
  cli(args: string[], env?: Record<string, string | undefined>, cwd?: string): Result;
  commit(message: string, env?: Record<string, string | undefined>, ...extra: string[]): Result;
}

export function binDir(): string {
  return path.join(inject('templateModules'), '.bin');
}

/** A repo with package.json listing spark-guard (from the tarball) and its node_modules in place. */
export function createProject(files: FileMap = {}, pkg: Record<string, unknown> = {}, options: { packageJson?: boolean } = {}): InstalledRepo {
  const repo = createRepo({ '.gitignore': 'node_modules\n', ...files });
  if (options.packageJson !== false) {
    const data = { name: 'demo', version: '1.0.0', private: true, ...pkg, devDependencies: { 'spark-guard': `file:${inject('tarball')}`, ...(pkg.devDependencies as object | undefined) } };
    fs.writeFileSync(path.join(repo.dir, 'package.json'), `${JSON.stringify(data, null, 2)}\n`);
    fs.symlinkSync(inject('templateModules'), path.join(repo.dir, 'node_modules'), 'dir');
  }
  const withBin = (env: Record<string, string | undefined> = {}) => (options.packageJson === false ? { PATH: `${binDir()}:${process.env.PATH}`, ...env } : env);
  return Object.assign(repo, {
    cli: (args: string[], env: Record<string, string | undefined> = {}, cwd = repo.dir) =>
      options.packageJson === false
        ? run(path.join(binDir(), 'spark-guard'), args, cwd, withBin(env))
        : run('npx', ['--no-install', 'spark-guard', ...args], cwd, env),
    commit: (message: string, env: Record<string, string | undefined> = {}, ...extra: string[]) =>
      run('git', ['commit', '-m', message, ...extra], repo.dir, withBin(env)),
  });
}

/**
 * A project with spark-guard installed through its hooks, `config` as its `.spark-guardrc.json`,
 * and a first commit of everything (made with SPARK_GUARD=0: it adds every file at once).
 */
export function installedRepo(config: object, files: FileMap = {}): InstalledRepo {
  const repo = createProject({ '.spark-guardrc.json': JSON.stringify(config), 'README.md': '# demo\n', ...files });
  const install = repo.cli(['install', '--no-save']);
  if (install.code !== 0) throw new Error(install.output);
  repo.gitOk('add', '-A');
  const first = repo.commit('initial commit of the demo project', { SPARK_GUARD: '0' });
  if (first.code !== 0) throw new Error(first.output);
  return repo;
}
