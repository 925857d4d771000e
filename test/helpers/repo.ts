/**
 * Real git repositories in temporary folders, for tests. Every git/CLI child gets an isolated
 * environment: no global or system git config, no hook variables, no colour, no review key.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';

const projectRoot = path.resolve(import.meta.dirname, '../..');

export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(GIT_|SPARK_GUARD|HUSKY|OPENAI_|CEREBRAS_|npm_|NODE_EXTRA_CA_CERTS$|DEBUG$|CI$|GITHUB_ACTIONS$)/.test(k)) continue;
    env[k] = v;
  }
  Object.assign(env, { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', NO_COLOR: '1', GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z' });
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
  output: string;
}

export function run(cmd: string, args: string[], cwd: string, env: Record<string, string | undefined> = {}, input?: string): Result {
  const r: SpawnSyncReturns<string> = spawnSync(cmd, args, { cwd, env: cleanEnv(env), encoding: 'utf8', input, timeout: 120_000 });
  if (r.error) throw r.error;
  return { code: r.status ?? 128, stdout: r.stdout, stderr: r.stderr, output: r.stdout + r.stderr };
}

export type FileMap = Record<string, string>;

export interface TestRepo {
  dir: string;
  git(...args: string[]): Result;
  /** git with text on its standard input (answers to `git add -p`). */
  gitInput(args: string[], input: string): Result;
  /** Like git(), but throws on a non-zero exit. */
  gitOk(...args: string[]): string;
  write(files: FileMap): void;
  read(file: string): string;
  exists(file: string): boolean;
  remove(): void;
}

export function makeTempDir(prefix = 'spark-guard-test-'): string {
  return fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), prefix));
}

/** A real repository in a fresh temp folder: `git init -b main`, a local identity, no signing, no gc. */
export function createRepo(files: FileMap = {}, options: { parent?: string } = {}): TestRepo {
  const parent = options.parent ?? makeTempDir();
  const dir = path.join(parent, 'repo');
  if (dir.startsWith(projectRoot + path.sep)) throw new Error('refusing to create a test repo inside the project tree');
  fs.mkdirSync(dir, { recursive: true });
  const repo: TestRepo = {
    dir,
    git: (...args) => run('git', args, dir),
    gitInput: (args, input) => run('git', args, dir, {}, input),
    gitOk: (...args) => {
      const r = run('git', args, dir);
      if (r.code !== 0) throw new Error(`git ${args.join(' ')} failed (${r.code}):\n${r.output}`);
      return r.stdout;
    },
    write(map) {
      for (const [file, content] of Object.entries(map)) {
        const full = path.join(dir, file);
        fs.mkdirSync(path.dirname(full), { recursive: true });
        fs.writeFileSync(full, content);
      }
    },
    read: (file) => fs.readFileSync(path.join(dir, file), 'utf8'),
    exists: (file) => fs.existsSync(path.join(dir, file)),
    remove: () => {
      if (!parent.startsWith(fs.realpathSync(os.tmpdir()))) throw new Error(`refusing to remove ${parent}`);
      fs.rmSync(parent, { recursive: true, force: true });
    },
  };
  repo.gitOk('init', '-q', '-b', 'main');
  for (const [k, v] of [
    ['user.name', 'Spark Test'],
    ['user.email', 'test@example.com'],
    ['commit.gpgsign', 'false'],
    ['gc.auto', '0'],
    ['maintenance.auto', 'false'],
  ]) repo.gitOk('config', k!, v!);
  repo.write(files);
  return repo;
}

/** Every file's bytes under a folder (skipping .git and node_modules), for before/after comparisons. */
export function snapshotFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = path.join(rel, entry.name);
      if (entry.name === '.git' || entry.name === 'node_modules') continue;
      if (entry.isDirectory()) walk(r);
      else if (entry.isFile()) out[r] = fs.readFileSync(path.join(dir, r), 'base64');
    }
  };
  walk('');
  return out;
}
