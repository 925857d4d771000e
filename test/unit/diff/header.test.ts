import { describe, expect, it } from 'vitest';
import { sectionPath, unquoteGitPath } from '../../../src/diff/header.js';

describe('sectionPath: the file a patch section names', () => {
  it.each([
    ['modified', 'diff --git a/src/a b.js b/src/a b.js\nindex 1..2 100644\n--- a/src/a b.js\n+++ b/src/a b.js\n', 'src/a b.js'],
    ['deleted', 'diff --git a/gone.txt b/gone.txt\ndeleted file mode 100644\nindex 1..0\n--- a/gone.txt\n+++ /dev/null\n', 'gone.txt'],
    ['binary', 'diff --git a/img b/x.png b/img b/x.png\nindex 1..2 100644\nBinary files a/img b/x.png and b/img b/x.png differ\n', 'img b/x.png'],
    ['mode only', 'diff --git a/run.sh b/run.sh\nold mode 100644\nnew mode 100755\n', 'run.sh'],
    ['renamed', 'diff --git a/old.js b/new.js\nsimilarity index 100%\nrename from old.js\nrename to new.js\n', 'new.js'],
    ['quoted, mode only', 'diff --git "a/tab\\there" "b/tab\\there"\nold mode 100644\nnew mode 100755\n', 'tab\there'],
    ['quoted rename', 'diff --git a/x "b/new\\nline"\nrename from x\nrename to "new\\nline"\n', 'new\nline'],
  ])('%s', (_, header, expected) => {
    expect(sectionPath(header)).toBe(expected);
  });

  it('undoes octal escapes as UTF-8 bytes, and refuses what is not git quoting', () => {
    expect(unquoteGitPath('"caf\\303\\251 \\"q\\".txt"')).toBe('café "q".txt');
    expect(unquoteGitPath('plain')).toBeNull();
    expect(unquoteGitPath('"bad\\q"')).toBeNull();
  });
});
