import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { looseBlob, looseBlobSizes, objectsDir, stagedLooseBlob } from '../../../src/git/loose.js';
import { GIT } from '../../../src/git/commands.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-loose-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_DIR: undefined, GIT_INDEX_FILE: undefined, GIT_WORK_TREE: undefined };
const git = (args: string[], input?: string) => {
  const r = spawnSync('git', args, { cwd: dir, env, encoding: 'utf8', input });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};
/** What `git cat-file --batch-check` says each id's size is. */
const catFile = (ids: string[]) =>
  new Map(
    git(['cat-file', '--batch-check=%(objectname) %(objectsize)'], `${ids.join('\n')}\n`)
      .trim()
      .split('\n')
      .map((l) => l.split(' '))
      .map(([id, size]) => [id!, Number(size)] as const),
  );
const hashWrite = (file: string, content: string | Buffer, config: string[] = []) => {
  fs.writeFileSync(path.join(dir, file), content);
  return git([...config, 'hash-object', '-w', file]).trim();
};
const repo = { root: dir, gitDir: path.join(dir, '.git'), commonDir: path.join(dir, '.git') };
const objects = () => objectsDir(repo, {});

describe('blob sizes from loose objects', () => {
  git(['init', '-q']);

  it('agree with git cat-file for empty, small, large, binary and incompressible blobs at every compression level', () => {
    let random = 7;
    const noise = Buffer.from(Array.from({ length: 300_000 }, () => (random = (random * 1103515245 + 12345) % 2 ** 31) & 255));
    const ids = [
      hashWrite('empty', ''),
      hashWrite('one', 'x'),
      hashWrite('text', 'line\r\n'.repeat(5000)),
      hashWrite('noise', noise),
      hashWrite('stored', noise.subarray(0, 5000), ['-c', 'core.looseCompression=0']),
      hashWrite('best', 'b'.repeat(123_456), ['-c', 'core.looseCompression=9']),
    ];
    const sizes = looseBlobSizes(objects(), ids);
    expect(ids.filter((id) => !sizes.has(id))).toEqual([]);
    expect(sizes).toEqual(catFile(ids));
    expect(sizes.get(ids[3]!)).toBe(300_000);
  });

  it('leaves out what is not a loose blob here: packed objects, trees, unknown and malformed ids', () => {
    const packed = hashWrite('packed', 'packed content\n');
    git(['add', 'packed']);
    git(['-c', 'user.name=a', '-c', 'user.email=a@b.c', 'commit', '-q', '-m', 'packed']);
    git(['gc', '-q', '--prune=now']);
    expect(fs.existsSync(path.join(objects(), packed.slice(0, 2), packed.slice(2)))).toBe(false);
    const tree = git(['rev-parse', 'HEAD^{tree}']).trim();
    const loose = hashWrite('loose', 'still loose\n');
    const sizes = looseBlobSizes(objects(), [packed, tree, loose, '0'.repeat(40), '../../etc/passwd']);
    expect([...sizes]).toEqual([[loose, 12]]);
  });

  it("git's answer for what is not loose is the blob's own size, not a replacement's (git replace)", () => {
    const own = hashWrite('own', 'tiny\n');
    const other = hashWrite('other', 'x'.repeat(5000));
    git(['replace', own, other]);
    expect(looseBlobSizes(objects(), [own]).get(own)).toBe(5);
    expect(git([...GIT.blobSizes], `${own}\n`).trim()).toBe(`${own} 5`);
    git(['replace', '-d', own]);
  });

  it('whole small blobs: the same bytes as git cat-file blob; null for what is not a loose blob', () => {
    const text = hashWrite('text', 'line one\r\nline two, no newline at the end');
    const binary = hashWrite('binary', Buffer.from([0, 1, 2, 255, 0, 10]));
    const empty = hashWrite('empty', '');
    for (const id of [text, binary, empty]) {
      const r = spawnSync('git', ['cat-file', 'blob', id], { cwd: dir, env });
      expect(looseBlob(objects(), id)).toEqual(r.stdout);
    }
    const tree = git(['write-tree']).trim();
    expect(looseBlob(objects(), tree)).toBeNull();
    expect(looseBlob(objects(), '0'.repeat(40))).toBeNull();
    // A truncated object: git would fail on it too; null sends the caller to git.
    const cut = hashWrite('cut', 'x'.repeat(10_000) + Math.random());
    const file = path.join(objects(), cut.slice(0, 2), cut.slice(2));
    const bytes = fs.readFileSync(file);
    fs.chmodSync(file, 0o644);
    fs.writeFileSync(file, bytes.subarray(0, bytes.length - 8));
    expect(looseBlob(objects(), cut)).toBeNull();
  });

  it('the staged content of a path: from the index and the loose object, null when the blob is packed or the path not staged', () => {
    fs.writeFileSync(path.join(dir, 'VERIFY.md'), '```sh\nnpm test\n```\n');
    git(['add', 'VERIFY.md']);
    expect(stagedLooseBlob(repo, {}, 'VERIFY.md')?.toString('utf8')).toBe('```sh\nnpm test\n```\n');
    expect(stagedLooseBlob(repo, {}, 'NOT-THERE.md')).toBeNull();
    git(['-c', 'user.name=a', '-c', 'user.email=a@b.c', 'commit', '-q', '-m', 'verify']);
    git(['gc', '-q', '--prune=now']);
    expect(stagedLooseBlob(repo, {}, 'VERIFY.md')).toBeNull(); // packed now: git answers
  });

  it('reads GIT_OBJECT_DIRECTORY when it is set, relative to the work tree', () => {
    expect(objectsDir(repo, { GIT_OBJECT_DIRECTORY: 'elsewhere/objects' })).toBe(path.join(dir, 'elsewhere/objects'));
    expect(objectsDir({ ...repo, commonDir: '/r/.git' }, {})).toBe('/r/.git/objects');
  });
});
