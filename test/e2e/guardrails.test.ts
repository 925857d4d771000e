/** Each deterministic guardrail, end to end: real commits through the installed husky hooks. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { binDir, installedRepo, type InstalledRepo } from '../helpers/installed.js';
import { GIT } from '../../src/git/commands.js';
import { run } from '../helpers/repo.js';

const repos: InstalledRepo[] = [];
function installed(config: object, files: Record<string, string> = {}): InstalledRepo {
  const repo = installedRepo(config, files);
  repos.push(repo);
  return repo;
}
afterEach(() => {
  while (repos.length) repos.pop()!.remove();
});

const lines = (n: number, prefix = 'line') => Array.from({ length: n }, (_, i) => `${prefix} ${i}`).join('\n') + '\n';
const base = { extends: 'spark-guard/presets/recommended' };

describe('diff gate', () => {
  it('exactly maxLines passes, one more blocks with total, limit, biggest files and how to split', () => {
    const repo = installed({ ...base, diff: { maxLines: 10 } });
    repo.write({ 'a.txt': lines(6), 'b.txt': lines(4) });
    repo.gitOk('add', '-A');
    const ok = repo.commit('add exactly ten lines of text');
    expect(ok.code, ok.output).toBe(0);
    expect(ok.output).toMatch(/✓ diff\s+pass/);
    repo.write({ 'a.txt': lines(6) + 'more\n', 'c.txt': lines(10) });
    repo.gitOk('add', '-A');
    const blocked = repo.commit('add eleven more lines of text');
    expect(blocked.code).toBe(1);
    expect(blocked.output).toContain('11 lines changed, more than diff.maxLines (10)');
    expect(blocked.output).toContain('Largest: c.txt (10), a.txt (1)');
    expect(blocked.output).toContain('git add -p');
    expect(blocked.output).toMatch(/raise diff\.maxLines in .*\.spark-guardrc\.json/);
    expect(blocked.output).toMatch(/✓ banned\s+pass/); // every cheap gate still reports
    expect(repo.git('log', '--oneline').stdout.trim().split('\n')).toHaveLength(2);
  });

  it('a merge with a resolved conflict is not judged by the size of the merged branch', () => {
    const repo = installed({ ...base, diff: { maxLines: 10 }, files: { allowCreate: false } }, { 'shared.txt': 'base\n' });
    repo.gitOk('checkout', '-q', '-b', 'topic');
    repo.write({ 'shared.txt': 'topic\n', 'topic-1.txt': lines(8), 'topic-2.txt': lines(8) });
    repo.gitOk('add', '-A');
    repo.commit('topic work in three files at once', { SPARK_GUARD: '0' });
    repo.gitOk('checkout', '-q', 'main');
    repo.write({ 'shared.txt': 'main\n' });
    repo.gitOk('add', '-A');
    expect(repo.commit('main changes the shared file too').code).toBe(0);
    expect(repo.git('merge', 'topic').code).not.toBe(0); // conflict
    repo.write({ 'shared.txt': 'main and topic\n' });
    repo.gitOk('add', 'shared.txt');
    const r = repo.commit("Merge branch 'topic'");
    expect(r.code, r.output).toBe(0);
    expect(r.output).toMatch(/- diff\s+skip\s+a merge/);
  });

  it('diff.ignore leaves lockfiles out of the count; maxFiles counts files', () => {
    const repo = installed({ ...base, diff: { maxLines: 5, maxFiles: 2 } });
    repo.write({ 'package-lock.json': lines(500), 'a.txt': 'x\n' });
    repo.gitOk('add', '-A');
    expect(repo.commit('update the lockfile and a text file').code).toBe(0);
    repo.write({ 'x.txt': '1\n', 'y.txt': '2\n', 'z.txt': '3\n' });
    repo.gitOk('add', '-A');
    const r = repo.commit('add three files at once here');
    expect(r.code).toBe(1);
    expect(r.output).toContain('3 files changed, more than diff.maxFiles (2)');
  });
});

describe('files gate', () => {
  it('allowCreate / allowDelete / protect / maxFileKb block with the file and the rule', () => {
    const repo = installed({ ...base, files: { allowCreate: false, allowDelete: false, maxFileKb: 1 } }, { 'old.txt': 'old\n' });
    repo.write({ 'new.txt': 'new\n' });
    repo.gitOk('add', '-A');
    let r = repo.commit('add a new file to the project');
    expect(r.code).toBe(1);
    expect(r.output).toContain('new.txt  files.allowCreate  new file, but files.allowCreate is false');
    expect(r.output).not.toContain('Git LFS'); // the advice for large files only
    repo.gitOk('rm', '-q', '--cached', 'new.txt');
    repo.gitOk('rm', '-q', 'old.txt');
    r = repo.commit('delete the old file for good');
    expect(r.code).toBe(1);
    expect(r.output).toContain('old.txt  files.allowDelete');
    repo.gitOk('reset', '-q', 'HEAD', '--', 'old.txt');
    repo.gitOk('checkout', '--', 'old.txt');
    repo.write({ 'old.txt': 'x'.repeat(2048) + '\n' });
    repo.gitOk('add', 'old.txt');
    r = repo.commit('grow the old file past the limit');
    expect(r.code).toBe(1);
    expect(r.output).toContain('old.txt  files.maxFileKb  3 KB, more than files.maxFileKb (1 KB)');
    expect(r.output).toContain('Large files belong in Git LFS');
  });

  it('maxFileKb judges new content only: renaming or chmod-ing an existing large file passes', () => {
    const repo = installed({ ...base, files: { maxFileKb: 1 } }, { 'big.txt': 'x'.repeat(4096) + '\n' });
    repo.gitOk('mv', 'big.txt', 'moved.txt');
    repo.gitOk('update-index', '--chmod=+x', 'moved.txt');
    const r = repo.commit('move the big file to a better place');
    expect(r.code, r.output).toBe(0);
  });

  it('maxFileKb sizes a blob git packed at once (over core.bigFileThreshold) as well as a loose one', () => {
    const repo = installed({ ...base, files: { maxFileKb: 2 } });
    repo.write({ 'packed.txt': 'p'.repeat(3000) + '\n', 'loose.txt': 'l'.repeat(5000) + '\n', 'small.txt': 's\n' });
    repo.gitOk('-c', 'core.bigFileThreshold=2k', 'add', 'packed.txt');
    repo.gitOk('add', 'loose.txt', 'small.txt');
    const packed = repo.gitOk('rev-parse', ':packed.txt').trim();
    expect(fs.existsSync(path.join(repo.dir, '.git/objects', packed.slice(0, 2), packed.slice(2)))).toBe(false);
    const r = repo.commit('add three files of different sizes');
    expect(r.code).toBe(1);
    expect(r.output).toContain('packed.txt  files.maxFileKb  3 KB, more than files.maxFileKb (2 KB)');
    expect(r.output).toContain('loose.txt  files.maxFileKb  5 KB, more than files.maxFileKb (2 KB)');
    expect(r.output).not.toContain('small.txt');
  });

  it('protect: .env files anywhere, and renames away from them', () => {
    const repo = installed(base);
    repo.write({ 'packages/app/.env': 'A=1\n', '.env.local': 'B=2\n' });
    repo.gitOk('add', '-A', '-f');
    const r = repo.commit('add environment files by mistake');
    expect(r.code).toBe(1);
    expect(r.output).toContain('packages/app/.env  files.protect');
    expect(r.output).toContain('.env.local  files.protect');
  });
});

describe('banned gate', () => {
  it('a large --json report reaches a slow reader whole (output still queued in a pipe is flushed before exit)', () => {
    const repo = installed({ ...base, diff: { maxLines: false, maxFiles: false } });
    repo.write({ 'push.sh': Array.from({ length: 2000 }, (_, i) => `git push --force origin topic-${i}`).join('\n') + '\n' });
    repo.gitOk('add', '-A');
    // The reader sleeps before reading: the CLI finishes while most of its output waits in the pipe.
    const r = run('sh', ['-c', 'npx --no-install spark-guard check --staged --json --only banned | { sleep 1; cat; }'], repo.dir);
    const doc = JSON.parse(r.stdout) as { gates: { name: string; findings: unknown[] }[] };
    expect(r.stdout.length).toBeGreaterThan(65536);
    expect(doc.gates.find((g) => g.name === 'banned')!.findings).toHaveLength(2000);
  });

  it('blocks an added destructive command with path:line, rule, line and message; allows near-misses', () => {
    const repo = installed(base);
    repo.write({ 'scripts/clean.sh': '#!/bin/sh\nrm -rf ./build\nrm -rf "$HOME"\ngit push --force-with-lease\n' });
    repo.gitOk('add', '-A');
    const r = repo.commit('add a cleanup script for builds');
    expect(r.code).toBe(1);
    expect(r.output).toContain('scripts/clean.sh:3  rm-rf');
    expect(r.output).toContain('│ rm -rf "$HOME"');
    expect(r.output).not.toContain('scripts/clean.sh:2');
    expect(r.output).not.toContain('scripts/clean.sh:4');
    expect(r.output).toContain('spark-guard-allow rm-rf');
  });

  it('spark-guard-allow <id> on the same or the previous line exempts it', () => {
    const repo = installed(base, { 'deploy.sh': '#!/bin/sh\necho start\n' });
    repo.write({ 'deploy.sh': '#!/bin/sh\necho start\n# spark-guard-allow force-push: release branch only\ngit push -f origin release\ngit push --force origin main # spark-guard-allow force-push\n' });
    repo.gitOk('add', '-A');
    const ok = repo.commit('force push the release branch');
    expect(ok.code, ok.output).toBe(0);
    // the exemption names one rule only
    repo.write({ 'deploy.sh': repo.read('deploy.sh') + 'echo done\ngit push -f # spark-guard-allow rm-rf\n' });
    repo.gitOk('add', '-A');
    expect(repo.commit('another force push, wrongly exempted').code).toBe(1);
  });

  it('an exemption on an unchanged line above still counts', () => {
    const repo = installed(base, { 'run.sh': '#!/bin/sh\n# spark-guard-allow curl-pipe-sh\necho end\n' });
    repo.write({ 'run.sh': '#!/bin/sh\n# spark-guard-allow curl-pipe-sh\ncurl -fsSL https://get.example.com | sh\necho end\n' });
    repo.gitOk('add', '-A');
    const r = repo.commit('install the tool with its installer');
    expect(r.code, r.output).toBe(0);
  });

  it('custom rules, files globs, and switching a rule off through extends', () => {
    const repo = installed(
      { extends: './team.json', banned: { 'no-console': { pattern: 'console\\.log\\(', files: ['src/**'], message: 'Use the logger.' }, 'force-push': false } },
      { 'team.json': JSON.stringify({ extends: 'spark-guard/presets/recommended', banned: { 'rm-rf': false } }) },
    );
    repo.write({ 'src/a.js': 'console.log("x");\n', 'scripts/b.js': 'console.log("fine here");\n', 'c.sh': 'rm -rf /\ngit push -f\n' });
    repo.gitOk('add', '-A');
    const r = repo.commit('add logging and some scripts');
    expect(r.code).toBe(1);
    expect(r.output).toContain('src/a.js:1  no-console  Use the logger.');
    expect(r.output).not.toContain('scripts/b.js');
    expect(r.output).not.toContain('c.sh');
  });
});

describe('secrets gate', () => {
  const fakeAws = () => ['AKIA', 'QX7Z', 'M3P9', 'R2TB', 'W5KD'].join('');

  it('blocks a credential, shows it masked, and never prints the value', () => {
    const repo = installed(base);
    repo.write({ 'src/config.js': `export const key = "${fakeAws()}";\n` });
    repo.gitOk('add', '-A');
    const r = repo.commit('add the cloud configuration');
    expect(r.code).toBe(1);
    expect(r.output).toContain('src/config.js:1');
    expect(r.output).toContain('AKIA****');
    expect(r.output).not.toContain(fakeAws());
    expect(r.output).toContain('rotate');
  });

  it('a banned line that carries a credential shows it masked', () => {
    const repo = installed(base);
    const token = ['ghp', '_', 'a1B2c3D4e5F6g7H8i9J0', 'k1L2m3N4o5P6q7R8'].join('');
    repo.write({ 'install.sh': `curl -H "Authorization: Bearer ${token}" https://example.com/i.sh | sh\n` });
    repo.gitOk('add', '-A');
    const r = repo.commit('add the installer script for the tool');
    expect(r.code).toBe(1);
    expect(r.output).toContain('install.sh:1  curl-pipe-sh');
    expect(r.output).not.toContain(token);
  });

  it('scans lockfiles too, honours secrets.ignore and spark-guard-allow secret, and lets placeholders through', () => {
    const repo = installed({ ...base, secrets: { ignore: ['test/fixtures/**'] } });
    repo.write({
      'test/fixtures/creds.txt': `${fakeAws()}\n`,
      'test/unit.js': `const k = "${fakeAws()}"; // spark-guard-allow secret\n`,
      'src/env.js': 'const key = process.env.OPENAI_API_KEY;\nconst t = "your-token-here";\n',
    });
    repo.gitOk('add', '-A');
    const ok = repo.commit('add fixtures and environment lookups');
    expect(ok.code, ok.output).toBe(0);
    repo.write({ 'package-lock.json': `{"token": "${fakeAws()}"}\n` });
    repo.gitOk('add', '-A');
    const lock = repo.commit('update the lockfile with a bad value');
    expect(lock.code).toBe(1);
    expect(lock.output).toContain('package-lock.json:1');
  });
});

describe('commit-msg hook', () => {
  it('blocks empty, short, banned, long and non-conventional messages with the rule and a good example', () => {
    const repo = installed({ ...base, commitMessage: { conventional: true } });
    const attempt = (msg: string) => {
      repo.write({ 'n.txt': `${Math.random()}\n` });
      repo.gitOk('add', '-A');
      return repo.commit(msg);
    };
    let r = attempt('wip');
    expect(r.code).toBe(1);
    expect(r.output).toContain('commitMessage.banned');
    expect(r.output).toContain('commitMessage.minLength');
    expect(r.output).toContain('fix(parser): keep CRLF line endings');
    r = attempt('Add a feature that does a thing');
    expect(r.code).toBe(1);
    expect(r.output).toContain('commitMessage.conventional');
    r = attempt(`feat: ${'x'.repeat(80)}`);
    expect(r.code).toBe(1);
    expect(r.output).toContain('commitMessage.maxSubjectLength');
    r = attempt('feat(cli): add the check command to the CLI');
    expect(r.code, r.output).toBe(0);
    r = attempt('fixup! x');
    expect(r.code, r.output).toBe(0);
    r = repo.commit('   ', {}, '--allow-empty-message', '--allow-empty');
    expect(r.code).toBe(1);
    expect(r.output).toContain('the commit message is empty');
  });

  it("pre-commit: git's diff runs in the hook's shim beside Node, and Node starts no process", () => {
    const repo = installed(base);
    const log = path.join(repo.dir, '..', 'node-modules.log');
    const preload = path.join(repo.dir, '..', 'log-modules.cjs');
    fs.writeFileSync(preload, "process.on('exit', () => require('node:fs').appendFileSync(process.env.NODE_RUNS, process.argv.slice(2, 4).join(' ') + ' child_process:' + process.moduleLoadList.includes('NativeModule child_process') + '\\n'));\n");
    repo.write({ 'src/a.js': 'export const a = 1;\n', 'src/b.js': 'export const b = 2;\n' });
    repo.gitOk('add', '-A');
    const r = repo.commit('add two small modules', { NODE_OPTIONS: `--require ${preload}`, NODE_RUNS: log });
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain('2 files, 2 lines');
    expect(fs.readFileSync(log, 'utf8')).toBe('run pre-commit child_process:false\n');
  });

  it("a hook that runs from a sub-folder under diff.relative: the shim's diff (sub-folder only) is not used, Node asks git", () => {
    const repo = installed(base, { 'sub/keep.txt': 'k\n' });
    const hook = repo.read('.husky/pre-commit');
    repo.write({ '.husky/pre-commit': `cd sub\n${hook}` });
    repo.gitOk('config', 'diff.relative', 'true');
    repo.write({ '.env': 'TOKEN=1\n', 'sub/a.txt': 'a\n' });
    repo.gitOk('add', '-f', '.env', 'sub/a.txt');
    const r = repo.commit('add a file in the sub-folder', { PATH: `${binDir()}:${process.env.PATH}` });
    expect(r.code, r.output).toBe(1);
    expect(r.output).toContain('.env  files.protect');
  });

  it('run pre-commit uses a piped diff only when complete and from a git that succeeded, and hides the variable from gates', () => {
    const repo = installed({ ...base, gates: { quiet: 'test -z "${SPARK_GUARD_STAGED_DIFF+set}"' } });
    // What git says while .env is staged; then .env leaves the index and a harmless file is staged.
    repo.write({ '.env': 'TOKEN=1\n', 'a.txt': 'a\n' });
    repo.gitOk('add', '-f', '.env');
    const output = repo.gitOk(...GIT.rawNumstatPatch({ kind: 'staged' }));
    repo.gitOk('rm', '-q', '--cached', '.env');
    repo.gitOk('add', 'a.txt');
    const hook = (input: string) => run(path.join(binDir(), 'spark-guard'), ['run', 'pre-commit'], repo.dir, { SPARK_GUARD_STAGED_DIFF: 'stdin' }, input);
    let r = hook(`${output}\0spark-guard:git-exit:0\n`);
    expect(r.code).toBe(1);
    expect(r.output).toContain('.env  files.protect');
    for (const input of [`${output}\0spark-guard:git-exit:128\n`, output, '']) {
      r = hook(input);
      expect(r.code, r.output).toBe(0);
      expect(r.output).toContain('1 file, 1 line');
      expect(r.output).toMatch(/✓ quiet\s+(pass|cached)/); // cached: it passed on this tree before
    }
  });

  it('git commit -m: the message judged by pre-commit, commit-msg starts no Node; any other message file is judged by Node', () => {
    const repo = installed({ ...base, commitMessage: { conventional: true } });
    // Every Node process the commit starts writes its arguments down.
    const log = path.join(repo.dir, '..', 'node-runs.log');
    const preload = path.join(repo.dir, '..', 'log-runs.cjs');
    fs.writeFileSync(preload, "require('node:fs').appendFileSync(process.env.NODE_RUNS, process.argv.slice(2).join(' ') + '\\n');\n");
    const env = { NODE_OPTIONS: `--require ${preload}`, NODE_RUNS: log };
    const runs = () => {
      const text = fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '';
      fs.rmSync(log, { force: true });
      return text.split('\n').filter(Boolean);
    };
    const commit = (...args: string[]) => {
      repo.write({ 'n.txt': `${Math.random()}\n` });
      repo.gitOk('add', '-A');
      return run('git', ['commit', ...args], repo.dir, env);
    };
    for (const [args, recorded] of [
      [['-m', 'feat: add a note'], 'feat: add a note'],
      [['-q', '-m', 'feat: two paragraphs', '-m', 'a body  \n\n\nwith trailing space  '], 'feat: two paragraphs\n\na body\n\nwith trailing space'],
      [['--message=fix: the long form of the option'], 'fix: the long form of the option'],
      [['-am', 'chore: a tracked change, staged by -a'], 'chore: a tracked change, staged by -a'],
      [['-m', 'docs: a pathspec after the message', '--', 'n.txt'], 'docs: a pathspec after the message'],
    ] as const) {
      const r = commit(...args);
      expect(r.code, r.output).toBe(0);
      expect(runs(), args.join(' ')).toEqual(['run pre-commit']);
      expect(repo.gitOk('log', '-1', '--format=%B').trimEnd()).toBe(recorded);
    }
    // A failing message: pre-commit already knows it, explains and blocks; git never gets to commit-msg.
    let r = commit('-m', 'wip');
    expect(r.code).toBe(1);
    expect(r.output).toContain('commitMessage.banned');
    expect(runs()).toEqual(['run pre-commit']);
    // A prepare-commit-msg hook changes the message after pre-commit judged it: the file git hands
    // commit-msg is not the judged one, so Node judges the file and blocks it.
    repo.write({ '.husky/prepare-commit-msg': 'echo wip > "$1"\n' });
    r = commit('-m', 'feat: a good message, changed later');
    expect(r.code).toBe(1);
    expect(r.output).toContain('commitMessage.banned');
    expect(runs()).toEqual(['run pre-commit', 'run commit-msg .git/COMMIT_EDITMSG']);
    // A prepare-commit-msg hook that writes the message itself: -m's text is not the last word, so
    // pre-commit does not block on it; the commit-msg hook judges what the hook wrote.
    repo.write({ '.husky/prepare-commit-msg': 'echo "feat: the message the prepare hook writes" > "$1"\n' });
    r = commit('-m', 'wip');
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain('a prepare-commit-msg hook may still change it');
    expect(runs()).toEqual(['run pre-commit', 'run commit-msg .git/COMMIT_EDITMSG']);
    fs.rmSync(path.join(repo.dir, '.husky/prepare-commit-msg'));
    // An editor writes the message: nothing to guess in pre-commit, Node judges it.
    repo.write({ 'n.txt': 'edited\n' });
    repo.gitOk('add', '-A');
    r = run('git', ['commit'], repo.dir, { ...env, GIT_EDITOR: 'printf "feat: written in the editor\\n" >' });
    expect(r.code, r.output).toBe(0);
    expect(runs()).toEqual(['run pre-commit', 'run commit-msg .git/COMMIT_EDITMSG']);
    r = run('git', ['commit', '--amend'], repo.dir, { ...env, GIT_EDITOR: 'printf "wip\\n" >' });
    expect(r.code).toBe(1);
    expect(r.output).toContain('commitMessage.banned');
    expect(repo.gitOk('log', '-1', '--format=%B').trimEnd()).toBe('feat: written in the editor');
  });

  it('git commit -m with a message that breaks a rule blocks in pre-commit, before any command gate, with the message\'s own explanation', () => {
    const marker = path.join(os.tmpdir(), `spark-guard-gate-ran-${process.pid}-${Date.now()}`);
    const repo = installed({ ...base, gates: { test: `echo ran > '${marker}'` } });
    repo.write({ 'n.txt': 'one\n' });
    repo.gitOk('add', '-A');
    let r = run('git', ['commit', '-m', 'wip'], repo.dir);
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/✗ message\s+fail/);
    expect(r.output).toContain('"wip" says nothing about the change');
    expect(r.output).toContain('commitMessage.minLength');
    expect(r.output).toMatch(/- test\s+skip\s+not run: message blocked first/);
    expect(r.output).not.toContain('✓ passed');
    expect(fs.existsSync(marker)).toBe(false);
    expect(repo.git('rev-parse', '-q', '--verify', 'HEAD~1').code).not.toBe(0); // still only the initial commit
    // SPARK_GUARD_SKIP=message: no judgement ahead either; the gates run and the commit goes in.
    r = run('git', ['commit', '-m', 'wip'], repo.dir, { SPARK_GUARD_SKIP: 'message' });
    expect(r.code, r.output).toBe(0);
    expect(fs.readFileSync(marker, 'utf8')).toBe('ran\n');
    fs.rmSync(marker);
    // A good message: shown as judged in pre-commit, the gates run.
    repo.write({ 'n.txt': 'two\n' });
    repo.gitOk('add', '-A');
    r = run('git', ['commit', '-m', 'Describe the second line of the note'], repo.dir);
    expect(r.code, r.output).toBe(0);
    expect(r.output).toMatch(/✓ message\s+pass/);
    expect(fs.existsSync(marker)).toBe(true);
    fs.rmSync(marker);
  });

  it('core.commentChar: an editor message is judged as git records it, with its own comment lines left out', () => {
    const repo = installed(base);
    // The editor puts a line above git's template, as a user typing in it would.
    const editor = path.join(repo.dir, '..', 'editor.sh');
    fs.writeFileSync(editor, '#!/bin/sh\n{ printf "%s\\n" "$SUBJECT"; cat "$1"; } > "$1.new" && mv "$1.new" "$1"\n', { mode: 0o755 });
    const commit = (subject: string, ...args: string[]) => {
      repo.write({ 'n.txt': `${Math.random()}\n` });
      repo.gitOk('add', '-A');
      return run('git', ['-c', 'core.commentChar=;', 'commit', ...args], repo.dir, { GIT_EDITOR: editor, SUBJECT: subject });
    };
    // git drops the '; …' lines, records "tweak", which is under minLength.
    let r = commit('tweak');
    expect(r.code, r.output).toBe(1);
    expect(r.output).toContain('commitMessage.minLength');
    // With ';' as the comment char, a line starting with '#' is the message (git keeps it).
    r = commit('#42 keep CRLF line endings in the parser', '-v');
    expect(r.code, r.output).toBe(0);
    expect(repo.gitOk('log', '-1', '--format=%B').trimEnd()).toBe('#42 keep CRLF line endings in the parser');
  });

  it('merge commits are exempt from length and format rules', () => {
    const repo = installed({ ...base, commitMessage: { conventional: true } });
    repo.gitOk('checkout', '-q', '-b', 'topic');
    repo.write({ 't.txt': 't\n' });
    repo.gitOk('add', '-A');
    expect(repo.commit('feat: add the topic text file').code).toBe(0);
    repo.gitOk('checkout', '-q', 'main');
    repo.write({ 'm.txt': 'm\n' });
    repo.gitOk('add', '-A');
    expect(repo.commit('feat: add the main text file').code).toBe(0);
    const merge = repo.git('merge', '--no-ff', '-m', "Merge branch 'topic'", 'topic');
    expect(merge.code, merge.output).toBe(0);
  });
});

describe('check --base / --range in CI', () => {
  it('a merge in progress in this worktree does not switch files.allowCreate / allowDelete off for a range', () => {
    const repo = installed({ ...base, files: { allowCreate: false, allowDelete: false } });
    repo.gitOk('checkout', '-q', '-b', 'pr');
    repo.write({ 'added.txt': 'a new file\n' });
    repo.gitOk('rm', '-q', 'README.md');
    repo.gitOk('add', '-A');
    repo.commit('add one file and delete another', { SPARK_GUARD: '0' });
    fs.writeFileSync(path.join(repo.dir, '.git', 'MERGE_HEAD'), `${repo.gitOk('rev-parse', 'main').trim()}\n`);
    for (const args of [['--base', 'main'], ['--range', 'main..pr']]) {
      const r = repo.cli(['check', ...args, '--json']);
      expect(r.code, r.output).toBe(1);
      const files = JSON.parse(r.stdout).gates.find((g: { name: string }) => g.name === 'files');
      expect(files.findings.map((f: { rule: string }) => f.rule).sort()).toEqual(['files.allowCreate', 'files.allowDelete']);
    }
  });

  it('catches --no-verify commits: per-commit size and message, whole-branch files; GitHub annotations', () => {
    const repo = installed({ ...base, diff: { maxLines: 5 } });
    repo.gitOk('checkout', '-q', '-b', 'pr');
    repo.write({ 'a.txt': lines(3) });
    repo.gitOk('add', '-A');
    repo.gitOk('commit', '-q', '--no-verify', '-m', 'add three lines in a text file');
    repo.write({ 'b.txt': lines(8), 'run.sh': 'git push --force\n' });
    repo.gitOk('add', '-A');
    repo.gitOk('commit', '-q', '--no-verify', '-m', 'wip');
    const r = repo.cli(['check', '--base', 'main', '--json'], { GITHUB_ACTIONS: 'true' });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    const gate = (name: string) => doc.gates.find((g: { name: string }) => g.name === name);
    expect(gate('diff').status).toBe('fail');
    expect(gate('diff').findings).toHaveLength(1);
    expect(gate('diff').findings[0].message).toMatch(/^commit [0-9a-f]{7} "wip": 9 lines changed/);
    expect(gate('banned').findings[0]).toMatchObject({ file: 'run.sh', line: 1, rule: 'force-push' });
    expect(gate('message').status).toBe('fail');
    expect(doc.diff).toEqual({ files: 3, lines: 12 });
    expect(r.stderr).toContain('::error file=run.sh,line=1,title=spark-guard banned%3A force-push::');
    const range = repo.cli(['check', '--range', 'main..pr', '--only', 'message']);
    expect(range.code).toBe(1);
    expect(range.stdout).toContain('"wip" says nothing about the change');
    const typo = repo.cli(['check', '--only', 'secret']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('no gate named secret');
    // A selection that leaves no gate able to run in that mode checks nothing: a usage error, not a pass.
    const nothing = repo.cli(['check', '--staged', '--only', 'message']);
    expect(nothing.code, nothing.output).toBe(2);
    expect(nothing.stderr).toContain('the commit message is judged by the commit-msg hook, or per commit with --base / --range');
    const nothingInCi = repo.cli(['check', '--base', 'main', '--only', 'lint']);
    expect(nothingInCi.code, nothingInCi.output).toBe(2);
    expect(nothingInCi.stderr).toContain('lint and command gates judge only the staged change');
    expect(repo.cli(['check', '--staged', '--skip', 'diff,files,banned,secrets,overlap,lint,review']).code).toBe(2);
    repo.gitOk('checkout', '-q', 'main');
    repo.write({ 'later.txt': 'main moved on\n' });
    repo.gitOk('add', '-A');
    repo.gitOk('commit', '-q', '--no-verify', '-m', 'main moves on after the branch');
    const since = JSON.parse(repo.cli(['check', '--range', 'main..pr', '--json']).stdout);
    expect(since.diff).toEqual({ files: 3, lines: 12 }); // the branch's own change, from the merge base
    const bad = repo.cli(['check', '--base', 'no-such-branch']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("'no-such-branch' is not a commit here");
  });
});

