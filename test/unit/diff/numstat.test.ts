import { describe, expect, it } from 'vitest';
import { parseRawNumstat } from '../../../src/diff/numstat.js';
import { diffStats } from '../../../src/diff/stats.js';

// Captured from `git diff --cached -z --raw --numstat -M` (git 2.39).
const captured =
  ':000000 100644 0000000 bdc955b A\0bin.dat\0' +
  ':100644 100644 0fdf397 0fdf397 R100\0old.txt\0new\nline.txt\0' +
  ':100644 100755 587be6b 587be6b M\0sp ace.txt\0' +
  ':000000 100644 0000000 bc06a0c A\0é.txt\0' +
  ':160000 160000 1111111 2222222 M\0vendor/sub\0' +
  '-\t-\tbin.dat\0' +
  '0\t0\t\0old.txt\0new\nline.txt\0' +
  '0\t0\tsp ace.txt\0' +
  '1\t0\té.txt\0' +
  '1\t1\tvendor/sub\0';

describe('parseRawNumstat', () => {
  it('pairs raw and numstat records: statuses, renames, binaries, modes, submodules, odd names', () => {
    const files = parseRawNumstat(captured);
    expect(files.map((f) => [f.status, f.path, f.oldPath, f.added, f.deleted, f.binary, f.submodule])).toEqual([
      ['A', 'bin.dat', undefined, 0, 0, true, false],
      ['R', 'new\nline.txt', 'old.txt', 0, 0, false, false],
      ['M', 'sp ace.txt', undefined, 0, 0, false, false],
      ['A', 'é.txt', undefined, 1, 0, false, false],
      ['M', 'vendor/sub', undefined, 1, 1, false, true],
    ]);
    expect(files[2]!.newMode).toBe('100755');
  });

  it('an empty diff is no file', () => {
    expect(parseRawNumstat('')).toEqual([]);
  });

  it('counts lines less diff.ignore; files are counted whole', () => {
    const files = parseRawNumstat([':000000 100644 0 1 A', 'package-lock.json', ':000000 100644 0 2 A', 'a.js', '900\t0\tpackage-lock.json', '3\t1\ta.js', ''].join('\u0000'));
    expect(diffStats(files, ['**/package-lock.json'])).toEqual({ files: 2, lines: 4 });
    expect(diffStats(files, [])).toEqual({ files: 2, lines: 904 });
  });
});

describe('globMatcher', () => {
  it('matches paths with picomatch; a glob without a slash matches the file name at any depth', async () => {
    const { globMatcher } = await import('../../../src/diff/stats.js');
    const m = globMatcher(['test/fixtures/**', '.env', '.env.*', '**/*.snap']);
    expect(['test/fixtures/a/b.txt', '.env', 'packages/app/.env', 'x/.env.local', 'a/__snapshots__/x.snap'].map(m)).toEqual([true, true, true, true, true]);
    expect(['test/unit.js', 'src/env.ts', 'fixtures/test/x'].map(m)).toEqual([false, false, false]);
    expect(globMatcher([])('anything')).toBe(false);
  });
});
