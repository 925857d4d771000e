/**
 * The commit-msg hook without Node (src/commit-msg/ahead.ts, bin/spark-guard-commit-msg): the
 * message git will write, guessed from its command line; git's own stripspace as the oracle; the
 * sh hook's walk to the git process and its byte-for-byte comparison.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { predictMessage, stripspace } from '../../../src/commit-msg/ahead.js';
import { procStat } from '../../../src/proc/alive.js';
import { makeTempDir } from '../../helpers/repo.js';

const argv = (...words: string[]) => ['git', ...words].map((w) => Buffer.from(w));
const predict = (...words: string[]) => predictMessage(argv(...words))?.toString() ?? null;

describe('the message git writes for `git commit -m`', () => {
  it('is each -m a paragraph, through stripspace', () => {
    expect(predict('commit', '-m', 'feat: one')).toBe('feat: one\n');
    expect(predict('commit', '-q', '-m', 'feat: two', '-m', 'body  \n\n\nmore\n\n')).toBe('feat: two\n\nbody\n\nmore\n');
    expect(predict('commit', '--message=fix: long form')).toBe('fix: long form\n');
    expect(predict('commit', '--message', 'fix: long form, apart')).toBe('fix: long form, apart\n');
    expect(predict('commit', '-am', 'chore: all')).toBe('chore: all\n');
    expect(predict('commit', '-qamchore: glued')).toBe('chore: glued\n');
    expect(predict('commit', '-m', '-starts with a dash')).toBe('-starts with a dash\n');
    expect(predict('commit', '--author', 'A <a@example.com>', '-m', 'x', '--', 'file', '-m')).toBe('x\n');
    expect(predict('-C', 'sub', '-c', 'user.name=x', '--no-pager', 'commit', '--amend', '-Skey', '-uno', '-m', 'y', 'path')).toBe('y\n');
    expect(predict('commit', '-m', '   ')).toBe('');
  });

  it('is not guessed when something else shapes it (editor, file, sign-off, fixup, cleanup, alias, unknown option)', () => {
    for (const words of [
      ['commit'],
      ['commit', '-e', '-m', 'x'],
      ['commit', '-F', 'msg.txt'],
      ['commit', '-s', '-m', 'x'],
      ['commit', '-asm', 'x'],
      ['commit', '--fixup', 'HEAD', '-m', 'x'],
      ['commit', '--cleanup=verbatim', '-m', 'x'],
      ['commit', '--trailer', 'a: b', '-m', 'x'],
      ['commit', '-C', 'HEAD'],
      ['commit', '-m'],
      ['ci', '-m', 'x'],
      ['--exec-path=/x', 'commit', '-m', 'x'],
      ['merge', '-m', 'x'],
    ]) expect(predict(...words), words.join(' ')).toBeNull();
  });

  it('keeps bytes that are not UTF-8 as they are', () => {
    const latin1 = Buffer.from([0x63, 0x61, 0x66, 0xe9]);
    expect(predictMessage([Buffer.from('git'), Buffer.from('commit'), Buffer.from('-m'), latin1])).toEqual(Buffer.concat([latin1, Buffer.from('\n')]));
  });

  it('stripspace is git stripspace, byte for byte', () => {
    const pieces = ['', 'a', ' ', '\t', '\r', '\n', '\n\n', 'b c', '  x', '\v', '#c', 'é'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const inputs = ['', '\n', 'a', 'a\n', '\n\na  \n\n\n b\t\r\n\n', 'x\r\ny\r\n'];
    for (let i = 0; i < 200; i++) inputs.push(Array.from({ length: 1 + Math.floor(next() * 12) }, () => pieces[Math.floor(next() * pieces.length)]).join(''));
    for (const input of inputs) {
      const git = spawnSync('git', ['stripspace'], { input: Buffer.from(input) });
      expect(stripspace(Buffer.from(input)).toString('latin1'), JSON.stringify(input)).toBe(git.stdout.toString('latin1'));
    }
  }, 60_000); // 206 git processes: ~2 s alone, far more on a busy 2-core CI machine
});

describe('bin/spark-guard-commit-msg (sh)', () => {
  const dir = makeTempDir('spark-guard-msg-ahead-');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const hook = path.resolve('bin/spark-guard-commit-msg');
  // Stands in for `spark-guard run commit-msg` (Node): says it ran, and exits 3.
  const binDir = path.join(dir, 'bin');
  fs.mkdirSync(binDir);
  fs.writeFileSync(path.join(binDir, 'spark-guard'), '#!/bin/sh\necho "node ran: $*"\nexit 3\n', { mode: 0o755 });
  // A process named git (sh under that name), which runs the hook once told to on its stdin.
  fs.symlinkSync('/bin/sh', path.join(binDir, 'git'));
  // A process with a name that /proc/<pid>/stat makes awkward, between git and the hook.
  const odd = path.join(binDir, 'we) (ird');
  fs.symlinkSync('/bin/sh', odd);
  const boot = fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  const gitDir = path.join(dir, 'repo', '.git');
  fs.mkdirSync(path.join(gitDir, 'spark-guard'), { recursive: true });
  fs.writeFileSync(path.join(gitDir, 'COMMIT_EDITMSG'), 'feat: judged\n');
  const env = { ...process.env, PATH: `${binDir}:${process.env.PATH}` };

  /** Runs the hook under a fake git; `marker(pid, start)` may leave a judged copy before it starts. */
  function underGit(marker: (pid: number, start: string) => void, via = false): Promise<{ code: number | null; output: string }> {
    return new Promise((resolve) => {
      const runHook = `sh '${hook}' .git/COMMIT_EDITMSG`;
      const script = via ? `read go; '${odd}' -c "${runHook}; exit \\$?"` : `read go; ${runHook}`;
      const child = spawn(path.join(binDir, 'git'), ['-c', script], { cwd: path.join(dir, 'repo'), env });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      child.on('close', (code) => resolve({ code, output }));
      const stat = procStat(child.pid!)!;
      expect(stat.comm).toBe('git');
      expect(stat.ppid).toBe(process.pid);
      marker(child.pid!, stat.start);
      child.stdin.end('go\n');
    });
  }
  const markerFile = (pid: number, start: string, bootId = boot) => path.join(gitDir, 'spark-guard', `message-${bootId}-${pid}-${start}`);

  it('exits 0 without Node when its git process left exactly these bytes', async () => {
    const r = await underGit((pid, start) => fs.writeFileSync(markerFile(pid, start), 'feat: judged\n'));
    expect(r).toEqual({ code: 0, output: '' });
    // found through a parent whose name holds ") (" and a space
    expect(await underGit((pid, start) => fs.writeFileSync(markerFile(pid, start), 'feat: judged\n'), true)).toEqual({ code: 0, output: '' });
  });

  it('runs Node when one byte differs, when the copy is another git process’s, or when there is none', async () => {
    expect(await underGit((pid, start) => fs.writeFileSync(markerFile(pid, start), 'feat: judged \n'))).toEqual({ code: 3, output: 'node ran: run commit-msg .git/COMMIT_EDITMSG\n' });
    expect((await underGit((pid, start) => fs.writeFileSync(markerFile(pid + 1, start), 'feat: judged\n'))).code).toBe(3);
    expect((await underGit((pid) => fs.writeFileSync(markerFile(pid, '0'), 'feat: judged\n'))).code).toBe(3);
    // same pid and start time, another boot (a .git carried over from an earlier boot)
    expect((await underGit((pid, start) => fs.writeFileSync(markerFile(pid, start, '00000000-0000-0000-0000-000000000000'), 'feat: judged\n'))).code).toBe(3);
    expect((await underGit(() => undefined)).code).toBe(3);
    // No git above it at all (run by hand).
    const direct = spawnSync('sh', [hook, '.git/COMMIT_EDITMSG'], { cwd: path.join(dir, 'repo'), env, encoding: 'utf8' });
    expect(direct.status).toBe(3);
    expect(direct.stdout).toBe('node ran: run commit-msg .git/COMMIT_EDITMSG\n');
  });

  it('reads a process name with spaces and parentheses', () => {
    const live = spawn(odd, ['-c', 'read x']);
    const stat = procStat(live.pid!)!;
    live.stdin.end('\n');
    expect(stat).toMatchObject({ comm: 'we) (ird', ppid: process.pid });
    expect(stat.start).toMatch(/^\d+$/);
  });
});
