/**
 * Oracle: for changes covering every awkward case, `check --staged --json` (diff.ignore: []) reports
 * diff.lines = the sum of `git diff --cached --numstat` and diff.files = its rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject, type InstalledRepo } from '../helpers/installed.js';

let repo: InstalledRepo;
beforeAll(() => {
  repo = createProject({
    '.spark-guardrc.json': JSON.stringify({ diff: { ignore: [], maxLines: false, maxFiles: false }, files: { maxFileKb: false } }),
  });
});
afterAll(() => repo.remove());

function numstat(): { files: number; lines: number } {
  const out = repo.gitOk('diff', '--cached', '--numstat', '-z');
  const tokens = out.split('\0');
  let files = 0;
  let lines = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!t) continue;
    const [a, d, name] = t.split('\t');
    files += 1;
    if (a !== '-') lines += Number(a) + Number(d);
    if (name === '') i += 2; // rename: old and new names follow
  }
  return { files, lines };
}

function checkJson(): { ok: boolean; diff: { files: number; lines: number } } {
  const r = repo.cli(['check', '--staged', '--json', '--only', 'diff']);
  expect(r.code, r.output).toBe(0);
  return JSON.parse(r.stdout);
}

function expectOracle(): void {
  const expected = numstat();
  expect(checkJson().diff).toEqual(expected);
}

function commitAll(message: string, addAll = true): void {
  if (addAll) repo.gitOk('add', '-A');
  repo.gitOk('-c', 'core.hooksPath=/dev/null', 'commit', '-q', '--allow-empty', '-m', message);
}

describe('diff count oracle', () => {
  it('first commit, no HEAD', () => {
    repo.write({ 'a.txt': 'a\nb\nc\n', 'dir/b.js': 'x\n' });
    repo.gitOk('add', '-A');
    expectOracle();
    expect(checkJson().diff.files).toBeGreaterThan(1);
    commitAll('first');
  });

  it('empty commit', () => {
    expect(checkJson().diff).toEqual({ files: 0, lines: 0 });
  });

  it('names with spaces, quotes, non-ASCII and newlines; CRLF; deletions; mode-only changes', () => {
    repo.write({ 'with space.txt': 'one\ntwo\n', 'quote"d\'.txt': 'q\n', 'ünï/cödé.txt': 'ü\n', 'new\nline.txt': 'n\n', 'crlf.txt': 'a\r\nb\r\n' });
    repo.gitOk('add', '-A');
    expectOracle();
    commitAll('names');
    repo.write({ 'crlf.txt': 'a\r\nB\r\nc\r\n' });
    repo.gitOk('rm', '-q', 'a.txt');
    repo.gitOk('update-index', '--chmod=+x', 'with space.txt');
    repo.gitOk('add', '-A');
    expectOracle();
    commitAll('crlf, deletion, mode');
  });

  it('renames, pure and with edits, and copies', () => {
    repo.write({ 'big.txt': Array.from({ length: 40 }, (_, i) => `line ${i}`).join('\n') + '\n' });
    commitAll('big');
    repo.gitOk('mv', 'big.txt', 'moved.txt');
    repo.gitOk('mv', 'new\nline.txt', 'renamed "file".txt');
    repo.write({ 'copy.txt': repo.read('moved.txt') });
    repo.gitOk('add', '-A');
    expectOracle();
    commitAll('renames');
    repo.gitOk('mv', 'moved.txt', 'moved-again.txt');
    repo.write({ 'moved-again.txt': repo.read('moved-again.txt').replace('line 3\n', 'line three\n') });
    repo.gitOk('add', '-A');
    expectOracle();
    commitAll('rename with edit');
  });

  it('binary files and submodule pointers', () => {
    repo.write({ 'img.bin': '\u0000\u0001\u0002binary\u0000' });
    repo.gitOk('update-index', '--add', '--cacheinfo', `160000,${'1'.repeat(40)},vendor/sub`);
    repo.gitOk('add', 'img.bin');
    expectOracle();
    commitAll('binary and submodule', false);
    repo.write({ 'img.bin': '\u0000\u0003changed\u0000' });
    repo.gitOk('update-index', '--add', '--cacheinfo', `160000,${'2'.repeat(40)},vendor/sub`);
    repo.gitOk('add', 'img.bin');
    expectOracle();
    commitAll('binary and submodule changed', false);
    repo.gitOk('rm', '-q', '--cached', 'vendor/sub');
    commitAll('drop the submodule pointer', false);
  });

  it('a merge in progress', () => {
    repo.gitOk('checkout', '-q', '-b', 'feature');
    repo.write({ 'feature.txt': 'f1\nf2\n' });
    commitAll('feature work');
    repo.gitOk('checkout', '-q', 'main');
    repo.write({ 'main.txt': 'm\n' });
    commitAll('main work');
    repo.gitOk('-c', 'core.hooksPath=/dev/null', 'merge', '--no-ff', '--no-commit', 'feature');
    expectOracle();
    expect(checkJson().diff.files).toBe(1);
    repo.gitOk('-c', 'core.hooksPath=/dev/null', 'commit', '-q', '--no-edit');
  });

  it('a 100,000-line, 1,000-file diff', () => {
    const files: Record<string, string> = {};
    const body = Array.from({ length: 100 }, (_, i) => `const value${i} = ${i};`).join('\n') + '\n';
    for (let i = 0; i < 1000; i++) files[`gen/f${i}.js`] = body;
    repo.write(files);
    repo.gitOk('add', '-A');
    const expected = numstat();
    expect(expected).toEqual({ files: 1000, lines: 100_000 });
    expect(checkJson().diff).toEqual(expected);
    const all = repo.cli(['check', '--staged', '--json']);
    expect(all.code, all.output.slice(0, 2000)).toBe(0);
  });
});
