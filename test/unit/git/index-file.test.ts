import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { parseIndexFile, readIndexFile } from '../../../src/git/index-file.js';
import { blobId } from '../../../src/git/blob-id.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-index-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_DIR: undefined, GIT_INDEX_FILE: undefined, GIT_WORK_TREE: undefined };
const git = (...args: string[]) => {
  const r = spawnSync('git', args, { cwd: dir, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};
const repo = () => ({ root: dir, gitDir: path.join(dir, '.git'), commonDir: path.join(dir, '.git') });
/** What `git ls-files --stage` says: path, blob id, mode, stage. */
const listed = () =>
  git('-c', 'core.quotePath=false', 'ls-files', '-z', '--stage')
    .split('\0')
    .filter(Boolean)
    .map((e) => {
      const [meta, p] = e.split('\t') as [string, string];
      const [mode, oid, stage] = meta.split(' ') as [string, string, string];
      return { path: p, oid, mode: Number.parseInt(mode, 8), stage: Number(stage) };
    });

describe('the index file, read without git', () => {
  git('init', '-q');
  git('config', 'user.email', 'a@b.c');
  git('config', 'user.name', 'a');
  const long = `${Array.from({ length: 3 }, (_, i) => `${i}`.padEnd(200, 'd')).join('/')}/long.md`;
  fs.mkdirSync(path.join(dir, 'docs/deep/er'), { recursive: true });
  fs.mkdirSync(path.join(dir, path.dirname(long)), { recursive: true });
  const files: Record<string, string> = { 'README.md': '# r\n', 'docs/a.md': 'a\n', 'docs/deep/er/b.md': 'b\n', 'docs/ünï cödé.md': 'u\n', 'x.sh': '#!/bin/sh\n', [long]: 'long\n' };
  for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), text);
  fs.chmodSync(path.join(dir, 'x.sh'), 0o755);
  fs.symlinkSync('README.md', path.join(dir, 'link.md'));
  git('add', '-A');
  git('commit', '-q', '-m', 'one');

  it('lists what git ls-files --stage lists, in formats 2, 3 (extended flags) and 4 (compressed paths)', () => {
    expect(readIndexFile(repo(), env)).toEqual(listed());
    fs.writeFileSync(path.join(dir, 'new.md'), 'n\n');
    git('add', '-N', 'new.md'); // intent-to-add: an extended flag, format 3
    git('update-index', '--skip-worktree', 'docs/a.md');
    expect(readIndexFile(repo(), env)).toEqual(listed());
    git('update-index', '--index-version', '4');
    expect(readIndexFile(repo(), env)).toEqual(listed());
    git('update-index', '--index-version', '2');
    expect(readIndexFile(repo(), env)).toEqual(listed());
  });

  it('lists every stage of an unmerged path', () => {
    git('checkout', '-q', '-b', 'other');
    fs.writeFileSync(path.join(dir, 'README.md'), '# other\n');
    git('commit', '-q', '-am', 'other');
    git('checkout', '-q', '-');
    fs.writeFileSync(path.join(dir, 'README.md'), '# mine\n');
    git('commit', '-q', '-am', 'mine');
    spawnSync('git', ['merge', '-q', 'other'], { cwd: dir, env });
    const entries = readIndexFile(repo(), env)!;
    expect(entries.filter((e) => e.path === 'README.md').map((e) => e.stage)).toEqual([1, 2, 3]);
    expect(entries).toEqual(listed());
    git('merge', '--abort');
  });

  it('reads GIT_INDEX_FILE, relative to the work tree, as git does', () => {
    fs.copyFileSync(path.join(dir, '.git/index'), path.join(dir, '.git/other-index'));
    expect(readIndexFile(repo(), { GIT_INDEX_FILE: '.git/other-index' })).toEqual(listed());
  });

  it('leaves a split index, a truncated file and SHA-256 ids to git (null)', () => {
    git('update-index', '--split-index');
    expect(readIndexFile(repo(), env)).toBeNull();
    git('update-index', '--no-split-index');
    const index = fs.readFileSync(path.join(dir, '.git/index'));
    expect(parseIndexFile(index)).not.toBeNull();
    expect(parseIndexFile(index.subarray(0, index.length - 30))).toBeNull();
    expect(readIndexFile({ ...repo(), commonDir: path.join(dir, 'nowhere') }, env)).toBeNull();
  });
});

describe('blob ids', () => {
  it('are what git hash-object says, in JavaScript and through node:crypto', () => {
    for (const size of [0, 1, 40, 55, 56, 63, 64, 65, 119, 120, 1000, 70000]) {
      const data = Buffer.alloc(size, size % 251);
      for (let i = 0; i < size; i += 7) data[i] = (i * 31) & 255;
      const file = path.join(dir, `blob-${size}`);
      fs.writeFileSync(file, data);
      const id = git('hash-object', file).trim();
      expect(blobId(data)).toBe(id);
      expect(blobId(data, 40, true)).toBe(id);
    }
  });
});
