/** A hook finds its repository from the file system when the layout is plain, and asks git otherwise. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findRepo, readPlainLayout } from '../../../src/git/repo.js';
import { createRepo, makeTempDir, run, type TestRepo } from '../../helpers/repo.js';

const repos: TestRepo[] = [];
const make = () => {
  const repo = createRepo({ 'a.txt': 'a\n', 'sub/b.txt': 'b\n' });
  repo.gitOk('add', '-A');
  repo.gitOk('commit', '-q', '-m', 'first');
  repos.push(repo);
  return repo;
};
afterAll(() => repos.forEach((r) => r.remove()));

describe('readPlainLayout (the hook path: no git process)', () => {
  it('agrees with git rev-parse in a plain repository', async () => {
    const repo = make();
    expect(readPlainLayout(repo.dir, {})).toEqual(await findRepo(repo.dir));
  });

  it('agrees with git rev-parse in a linked worktree (a .git file and a commondir)', async () => {
    const repo = make();
    const wt = path.join(path.dirname(repo.dir), 'wt');
    repo.gitOk('worktree', 'add', '-q', wt);
    const found = readPlainLayout(wt, {});
    expect(found).toEqual(await findRepo(wt));
    expect(found!.gitDir).not.toBe(found!.commonDir);
  });

  it('agrees with git rev-parse for a separate git dir (as submodules have)', async () => {
    const parent = makeTempDir();
    const dir = path.join(parent, 'work');
    fs.mkdirSync(dir);
    expect(run('git', ['init', '-q', '--separate-git-dir', path.join(parent, 'store.git'), dir], parent).code).toBe(0);
    expect(readPlainLayout(dir, {})).toEqual(await findRepo(dir));
    fs.rmSync(parent, { recursive: true, force: true });
  });

  it('leaves the unusual layouts to git: sub-folder, GIT_DIR/GIT_WORK_TREE set, core.worktree, bare', () => {
    const repo = make();
    expect(readPlainLayout(path.join(repo.dir, 'sub'), {})).toBeNull();
    expect(readPlainLayout(repo.dir, { GIT_DIR: path.join(repo.dir, '.git') })).toBeNull();
    expect(readPlainLayout(repo.dir, { GIT_WORK_TREE: repo.dir })).toBeNull();
    repo.gitOk('config', 'core.worktree', repo.dir);
    expect(readPlainLayout(repo.dir, {})).toBeNull();
    repo.gitOk('config', '--unset', 'core.worktree');
    expect(readPlainLayout(repo.dir, {})).not.toBeNull();
    repo.gitOk('config', 'core.bare', 'true');
    expect(readPlainLayout(repo.dir, {})).toBeNull();
  });
});
