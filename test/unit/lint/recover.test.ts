/** The lint-staged recovery decision, every work-tree state × how lint-staged ended, from a table. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideRecovery, type Ending } from '../../../src/lint/recover.js';
import { EMPTY, MISSING, OTHER, parsePatch, type PatchSection } from '../../../src/lint/patch.js';
import { plainOutput, removeStaleLintFiles, acquireLintLock, releaseLintLock } from '../../../src/lint/run.js';
import type { Repo } from '../../../src/git/repo.js';

const PRE = 'aaaaaaa';
const POST = 'bbbbbbb';
const edited: PatchSection = { path: 'p.txt', pre: PRE, post: POST, mode: '100644', text: '' };
const deleted: PatchSection = { path: 'gone.txt', pre: PRE, post: MISSING, mode: '100644', text: '' };
const modeOnly: PatchSection = { path: 'run.sh', pre: null, post: OTHER, mode: '100755', text: '' };

/** Work-tree states as recover.ts reports them: full blob ids, or MISSING / EMPTY / OTHER. */
const STATE = { edits: `${POST}0123456789abcdef0123456789abcdef0`, preimage: `${PRE}0123456789abcdef0123456789abcdef0`, missing: MISSING, empty: EMPTY, 'a task fix or a later edit': 'c'.repeat(40), 'not a regular file': OTHER };
type StateName = keyof typeof STATE;

describe('decideRecovery', () => {
  // [state of an edited file, ending, decision]: 'in-place' (patch only removed), 'write' (preimage + edits), 'keep' (nothing touched, patch kept)
  const table: [StateName, Ending, 'in-place' | 'write' | 'keep'][] = [
    ['edits', 'stopped', 'in-place'],
    ['edits', 'failed', 'in-place'],
    ['preimage', 'stopped', 'write'],
    ['preimage', 'failed', 'write'],
    ['missing', 'stopped', 'write'],
    ['missing', 'failed', 'write'],
    ['empty', 'stopped', 'write'],
    ['empty', 'failed', 'write'],
    ['a task fix or a later edit', 'stopped', 'keep'],
    ['a task fix or a later edit', 'failed', 'write'],
    ['not a regular file', 'stopped', 'keep'],
    ['not a regular file', 'failed', 'write'],
  ];
  it.each(table)('an edited file whose work tree holds %s, lint-staged %s → %s', (state, ending, kind) => {
    const decision = decideRecovery([edited], [STATE[state]], ending);
    expect(decision.kind).toBe(kind);
    if (decision.kind === 'write') expect(decision.targets).toEqual([edited]);
  });

  it.each(['stopped', 'failed'] as const)('a deleted file already gone is in place; a mode-only section is never guessed (%s)', (ending) => {
    expect(decideRecovery([deleted], [MISSING], ending).kind).toBe('in-place');
    expect(decideRecovery([modeOnly], [STATE.edits], ending).kind).toBe('keep');
  });

  it('one file in an unknown state keeps the whole patch: nothing is half put back', () => {
    expect(decideRecovery([edited, deleted], [STATE.preimage, STATE['a task fix or a later edit']], 'stopped').kind).toBe('keep');
    expect(decideRecovery([edited, deleted], [STATE.preimage, MISSING], 'stopped')).toEqual({ kind: 'write', targets: [edited] });
  });
});

describe('parsePatch', () => {
  it('reads names from headers (quoted too), blob ids and modes; refuses renames and files not in the index', () => {
    const patch =
      'diff --git "a/a\\tb.txt" "b/a\\tb.txt"\nindex 1234567..89abcde 100644\n--- "a/a\\tb.txt"\n+++ "b/a\\tb.txt"\n@@ -1,0 +2 @@\n+x\n' +
      'diff --git a/gone b/gone\ndeleted file mode 100644\nindex 1234567..0000000\n--- a/gone\n+++ /dev/null\n@@ -1 +0,0 @@\n-y\n';
    expect(parsePatch(patch)?.map(({ path, pre, post, mode }) => ({ path, pre, post, mode }))).toEqual([
      { path: 'a\tb.txt', pre: '1234567', post: '89abcde', mode: '100644' },
      { path: 'gone', pre: '1234567', post: MISSING, mode: '100644' },
    ]);
    expect(parsePatch('diff --git a/x b/y\nsimilarity index 90%\nrename from x\nrename to y\n')).toBeNull();
    expect(parsePatch('diff --git a/n b/n\nnew file mode 100644\nindex 0000000..1234567\n--- /dev/null\n+++ b/n\n@@ -0,0 +1 @@\n+n\n')).toBeNull();
  });
});

describe('lint lock and output', () => {
  const tempRepo = (): Repo => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-guard-lint-'));
    return { root: dir, gitDir: dir, commonDir: dir } as Repo;
  };

  it('never overwrites nor deletes a live run\'s lock; takes over a dead one', () => {
    const repo = tempRepo();
    const lock = path.join(repo.gitDir, 'spark-guard', 'lint.lock');
    fs.mkdirSync(path.dirname(lock), { recursive: true });
    fs.writeFileSync(lock, String(process.ppid)); // a live process that is not this one
    expect(acquireLintLock(repo)).toBe(process.ppid);
    releaseLintLock(repo);
    expect(removeStaleLintFiles(repo)).toEqual([]);
    expect(fs.readFileSync(lock, 'utf8')).toBe(String(process.ppid));
    fs.writeFileSync(lock, '999999999'); // no such process
    expect(acquireLintLock(repo)).toBeNull();
    expect(fs.readFileSync(lock, 'utf8')).toBe(String(process.pid));
    releaseLintLock(repo);
    expect(fs.existsSync(lock)).toBe(false);
    fs.rmSync(repo.root, { recursive: true, force: true });
  });

  it('a lock that cannot be read (vanishing as a run finishes) is not an error for doctor', () => {
    const repo = tempRepo();
    fs.mkdirSync(path.join(repo.gitDir, 'spark-guard', 'lint.lock'), { recursive: true }); // reading it fails (EISDIR)
    expect(() => removeStaleLintFiles(repo)).not.toThrow();
    fs.rmSync(repo.root, { recursive: true, force: true });
  });

  it('plain output: no escapes, no progress lines, no --no-stash backup warning; the failing task and its output', () => {
    const raw =
      '⚠ Skipping backup because `--no-stash` was used. This might result in data loss.\n\n\u001b[33m[STARTED]\u001b[39m Preparing lint-staged...\n' +
      '\u001b[31m[FAILED]\u001b[39m node lint.cjs [FAILED]\n\u001b[32m[COMPLETED]\u001b[39m Applying modifications from tasks...\n\n\u001b[31m✖ node lint.cjs:\u001b[39m\n/repo/a.txt: contains bad\n';
    expect(plainOutput(raw)).toBe('✖ node lint.cjs:\n/repo/a.txt: contains bad');
  });
});
