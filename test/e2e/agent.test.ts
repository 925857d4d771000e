/**
 * SPEC §10, the agent workflow, end to end with the installed package: init, VERIFY.md as gates,
 * the memory rule, overlapping worktrees, doc drift (and --suggest against the local model server),
 * and the agent preset through real commits. Cases in one describe share a repository, in order.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createProject, installedRepo, type InstalledRepo } from '../helpers/installed.js';
import { startFakeOpenAI } from '../helpers/fake-openai.js';

const RECOMMENDED = 'spark-guard/presets/recommended';
const quiet = { lintStaged: false, review: { enabled: false } };

interface JsonDoc {
  ok: boolean;
  gates: { name: string; status: string; message: string; findings: { file: string; line: number | null; rule: string; message: string }[] }[];
}
const json = (stdout: string) => JSON.parse(stdout) as JsonDoc;
const gate = (doc: JsonDoc, name: string) => doc.gates.find((g) => g.name === name)!;

describe('init', () => {
  let repo: InstalledRepo;
  beforeAll(() => {
    repo = createProject(
      {
        '.spark-guardrc.json': JSON.stringify({ extends: RECOMMENDED, diff: { maxLines: 99 }, gates: { unit: { run: 'npm test', when: ['src/**'] } } }),
        'tsconfig.json': '{}\n',
        'eslint.config.js': 'export default [];\n',
        'src/a.ts': 'export const a = 1;\n',
        'PLAN.md': '# My own plan\n',
      },
      { scripts: { test: 'vitest run', typecheck: 'tsc --noEmit', lint: 'eslint .', build: 'tsc -p .' }, devDependencies: { vitest: '^4.0.0' } },
    );
  });
  afterAll(() => repo.remove());

  it('--dry-run prints the plan and writes nothing', () => {
    const r = repo.cli(['init', '--dry-run']);
    expect(r.code, r.output).toBe(0);
    expect(r.stdout).toContain('would create AGENTS.md');
    expect(r.stdout).toContain('would create VERIFY.md');
    expect(r.stdout).toContain('PLAN.md exists');
    expect(repo.exists('AGENTS.md') || repo.exists('VERIFY.md')).toBe(false);
  });

  it('writes the missing files from what it detects, never overwriting one', () => {
    const r = repo.cli(['init']);
    expect(r.code, r.output).toBe(0);
    expect(repo.read('PLAN.md')).toBe('# My own plan\n');
    const verify = repo.read('VERIFY.md');
    expect(verify).toMatch(/```sh\nnpm run typecheck\nnpm run lint\nnpm test\n```/);
    const agents = repo.read('AGENTS.md');
    expect(agents).toContain('| test | `npm test` |');
    expect(agents).toContain('| build | `npm run build` |');
    expect(agents).toContain('`src/`');
    expect(agents).toContain('tests: vitest');
    expect(agents).toMatch(/<!-- spark-guard:guardrails:start -->[\s\S]*## Guardrails[\s\S]*<!-- spark-guard:guardrails:end -->/);
    expect(agents).toContain('at most 99 changed lines');
    expect(agents).toContain('`rm-rf`');
    expect(agents).toContain('`force-push`');
    expect(agents).toContain('`unit`: `npm test` when `src/**` change');
    expect(agents).toContain('spark-guard-allow <rule-id>');
    expect(agents).toContain('npx spark-guard check --staged');
    expect(repo.read('PROGRESS.md')).toMatch(/^- \d{4}-\d{2}-\d{2}: /m);
  });

  it('the files it writes pass the banned rules their Guardrails section quotes', () => {
    const files = ['AGENTS.md', 'PLAN.md', 'PROGRESS.md', 'VERIFY.md'];
    repo.gitOk('add', ...files);
    const r = repo.cli(['check', '--staged', '--only', 'banned']);
    repo.gitOk('rm', '--cached', '-q', ...files);
    expect(r.code, r.output).toBe(0);
  });

  it('a second init changes nothing', () => {
    const before = ['AGENTS.md', 'PLAN.md', 'PROGRESS.md', 'VERIFY.md'].map((f) => repo.read(f));
    const r = repo.cli(['init']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('nothing to do');
    expect(['AGENTS.md', 'PLAN.md', 'PROGRESS.md', 'VERIFY.md'].map((f) => repo.read(f))).toEqual(before);
  });

  it('--refresh rewrites only the Guardrails section after a config change', () => {
    fs.appendFileSync(path.join(repo.dir, 'AGENTS.md'), '\n## My notes\n\nKeep this.\n');
    repo.write({ '.spark-guardrc.json': JSON.stringify({ extends: RECOMMENDED, diff: { maxLines: 42 } }) });
    const stale = repo.cli(['init']);
    expect(stale.stdout).toContain('init --refresh');
    expect(repo.read('AGENTS.md')).toContain('at most 99 changed lines');
    // doctor says so too: an agent reads the rules in AGENTS.md
    expect(repo.cli(['doctor']).stdout).toContain("AGENTS.md's Guardrails section is out of date with the config");
    const before = repo.read('AGENTS.md');
    const r = repo.cli(['init', '--refresh']);
    expect(r.code, r.output).toBe(0);
    expect(repo.cli(['doctor']).stdout).toContain("AGENTS.md's Guardrails section matches the config");
    const after = repo.read('AGENTS.md');
    expect(after).toContain('at most 42 changed lines');
    expect(after).not.toContain('`unit`');
    expect(after).toContain('## My notes\n\nKeep this.\n');
    const outside = (t: string) => t.replace(/<!-- spark-guard:guardrails:start -->[\s\S]*<!-- spark-guard:guardrails:end -->/, '');
    expect(outside(after)).toBe(outside(before));
  });

  it('--refresh appends the section to an AGENTS.md without markers', () => {
    fs.writeFileSync(path.join(repo.dir, 'AGENTS.md'), '# Ours\n\nHand-written.\n');
    expect(repo.cli(['init', '--refresh']).code).toBe(0);
    expect(repo.read('AGENTS.md')).toMatch(/^# Ours\n\nHand-written\.\n\n<!-- spark-guard:guardrails:start -->\n## Guardrails/);
  });

  it('--ci github writes a workflow that parses and runs check --base and docs --all, once', () => {
    const r = repo.cli(['init', '--ci', 'github']);
    expect(r.code, r.output).toBe(0);
    const file = '.github/workflows/spark-guard.yml';
    const workflow = parseYaml(repo.read(file)) as { on: Record<string, unknown>; jobs: Record<string, { steps: { run?: string }[] }> };
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    const runs = Object.values(workflow.jobs).flatMap((j) => j.steps.map((s) => s.run).filter(Boolean));
    expect(runs).toContain('npm ci');
    expect(runs).toContain('npx spark-guard check --base "origin/${{ github.base_ref }}"');
    expect(runs).toContain('npx spark-guard docs --all');
    fs.writeFileSync(path.join(repo.dir, file), '# mine\n');
    expect(repo.cli(['init', '--ci', 'github']).code).toBe(0);
    expect(repo.read(file)).toBe('# mine\n');
    expect(repo.cli(['init', '--ci', 'gitlab']).code).toBe(2);
  });
});

describe('verify: VERIFY.md as gates', () => {
  let repo: InstalledRepo;
  const check = "const fs = require('node:fs'); process.exit(fs.readFileSync('value.txt', 'utf8').startsWith('GOOD') ? 0 : 1);\n";
  beforeAll(() => {
    repo = installedRepo(
      { extends: RECOMMENDED, ...quiet, verify: true },
      { 'VERIFY.md': '# Verify\n\n```sh\n# the value must be good\nnode check.cjs\n\ntrue\n```\n\n```js\nnot a command\n```\n', 'check.cjs': check, 'value.txt': 'GOOD\n' },
    );
  });
  afterAll(() => repo.remove());

  it('judges the staged VERIFY.md commands: staged GOOD with unstaged BAD passes', () => {
    repo.write({ 'value.txt': 'GOOD\nv2\n' });
    repo.gitOk('add', 'value.txt');
    repo.write({ 'value.txt': 'BAD\n' });
    const r = repo.commit('stage a good value, keep a bad edit');
    expect(r.code, r.output).toBe(0);
    expect(r.output).toMatch(/verify:1\s+pass/);
    expect(r.output).toMatch(/verify:2\s+pass/);
    expect(r.output).not.toContain('verify:3');
  });

  it('staged BAD with unstaged GOOD is blocked, naming VERIFY.md and the line', () => {
    repo.gitOk('add', 'value.txt'); // BAD
    repo.write({ 'value.txt': 'GOOD\nv3\n' });
    const r = repo.commit('stage a bad value, fix it in the work tree');
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/verify:1\s+fail/);
    expect(r.output).toContain('$ node check.cjs');
    expect(r.output).toContain('VERIFY.md:5');
  });

  it('on demand: the work tree as it is, or --staged', () => {
    // staged: BAD; work tree: GOOD
    const worktree = repo.cli(['verify']);
    expect(worktree.code, worktree.output).toBe(0);
    expect(worktree.stdout).toMatch(/verify:1\s+pass/);
    expect(worktree.stdout).toMatch(/^spark-guard verify \(VERIFY\.md, work tree\)\n/); // not the staged change's size
    const staged = repo.cli(['verify', '--staged']);
    expect(staged.code).toBe(1);
    expect(staged.stdout).toMatch(/verify:1\s+fail/);
    expect(staged.stdout).toMatch(/^spark-guard verify --staged \(VERIFY\.md\) · 1 file, /);
    repo.gitOk('add', 'value.txt');
  });

  it('a retried commit reuses the passes; a changed VERIFY.md runs them again', () => {
    const first = repo.commit('a good value again');
    expect(first.code, first.output).toBe(0);
    expect(first.output).toMatch(/verify:1\s+pass/);
    const retried = repo.commit('a good value again, reworded', {}, '--amend');
    expect(retried.code, retried.output).toBe(0);
    expect(retried.output).toMatch(/verify:1\s+cached/);
    expect(retried.output).toMatch(/verify:2\s+cached/);
    repo.write({ 'VERIFY.md': `${repo.read('VERIFY.md')}\n<!-- edited -->\n`, 'value.txt': 'GOOD\nv4\n' });
    repo.gitOk('add', '-A');
    expect(repo.cli(['check', '--staged']).stdout).toMatch(/verify:1\s+pass/);
    expect(repo.cli(['check', '--staged']).stdout).toMatch(/verify:1\s+cached/);
    repo.write({ 'VERIFY.md': repo.read('VERIFY.md').replace('true', 'false') }); // unstaged: the index's VERIFY.md counts
    expect(repo.cli(['check', '--staged']).stdout).toMatch(/verify:2\s+cached/);
    expect(repo.cli(['check', '--staged', '--skip', 'verify']).stdout).toMatch(/verify:1\s+skip/);
  });

  it('a VERIFY.md without a command is a config error (exit 2) while verify is on', () => {
    repo.write({ 'VERIFY.md': '# Verify\n\n```sh\n# nothing yet\n```\n' });
    repo.gitOk('add', 'VERIFY.md');
    const r = repo.cli(['check', '--staged']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('VERIFY.md has no command');
    const commit = repo.commit('an empty verify file');
    expect(commit.code).not.toBe(0);
    repo.gitOk('rm', '-q', '--cached', 'VERIFY.md');
    expect(repo.cli(['check', '--staged']).stderr).toContain('VERIFY.md is not staged');
  });
});

describe('memory and docs', () => {
  let repo: InstalledRepo;
  beforeAll(() => {
    repo = installedRepo(
      { extends: RECOMMENDED, ...quiet, memory: {}, docs: true },
      {
        'PLAN.md': '# Plan\n\n- [ ] one\n- [ ] two\n- [ ] three\n',
        'PROGRESS.md': '# Progress\n',
        'src/a.js': 'export const a = 1;\n',
        'docs/guide.md': '# Guide\n\n## Set up\n\nText.\n',
        'README.md': '# Demo\n\nSee [the guide](docs/guide.md#set-up) and `docs/guide.md`.\n',
      },
    );
    const pkg = JSON.parse(repo.read('package.json')) as object;
    repo.write({ 'package.json': JSON.stringify({ ...pkg, scripts: { test: 'true' } }) });
    repo.gitOk('add', 'package.json');
    expect(repo.commit('give the demo a test script', { SPARK_GUARD: '0' }).code).toBe(0);
  });
  afterAll(() => repo.remove());

  it('a code change without a progress line is blocked, naming the file and what to add', () => {
    repo.write({ 'src/a.js': 'export const a = 2;\n' });
    repo.gitOk('add', '-A');
    const r = repo.commit('change the value of a');
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/memory\s+fail/);
    expect(r.output).toContain('src/a.js changed, but PROGRESS.md is not part of the commit');
    expect(r.output).toMatch(/Add one dated line to PROGRESS\.md: what changed, what failed, what is next/);
  });

  it('passes with the progress line; doc-only commits are exempt', () => {
    fs.appendFileSync(path.join(repo.dir, 'PROGRESS.md'), '- 2026-01-01: a is 2; next: b\n');
    repo.gitOk('add', '-A');
    const r = repo.commit('change the value of a, logged');
    expect(r.code, r.output).toBe(0);
    repo.write({ 'docs/guide.md': '# Guide\n\n## Set up\n\nMore text.\n' });
    repo.gitOk('add', '-A');
    const doc = repo.commit('reword the guide');
    expect(doc.code, doc.output).toBe(0);
    expect(doc.output).toMatch(/memory\s+pass/);
  });

  it('two plan items ticked in one commit are blocked; one passes', () => {
    repo.write({ 'PLAN.md': '# Plan\n\n- [x] one\n- [x] two\n- [ ] three\n' });
    repo.gitOk('add', '-A');
    const two = repo.commit('tick two plan items at once');
    expect(two.code).toBe(1);
    expect(two.output).toContain('2 items of PLAN.md ticked in one commit, more than memory.maxPlanItems (1)');
    repo.write({ 'PLAN.md': '# Plan\n\n- [x] one\n- [ ] two\n- [ ] three\n' });
    repo.gitOk('add', '-A');
    expect(repo.commit('tick the first plan item').code).toBe(0);
  });

  it('reports each kind of drift as file:line, and nothing from code, comments or external URLs', () => {
    const page = [
      '# Notes', // 1
      '', // 2
      'A [broken link](docs/missing.md) and [a good one](docs/guide.md#set-up).', // 3
      'A [bad anchor](docs/guide.md#nowhere) and [here](#notes) and [there](#missing-heading).', // 4
      'Paths: `src/nope.js`, `src/a.js`, `../docs/guide.md`, `guide.md`.', // 5
      'Run npm run nope, or `npm run test`, or `pnpm nothere`.', // 6
      '', // 7
      '```sh', // 8
      'npm run fenced [x](missing-in-code.md) src/fenced.js', // 9
      '```', // 10
      '', // 11
      'Inline: `[y](missing-inline.md)` and `npm run` alone.', // 12
      '', // 13
      '<!-- [z](missing-comment.md) `src/commented.js` npm run commented -->', // 14
      '', // 15
      'External: [site](https://example.com/missing.md), <https://example.com/x>, www.example.com/y.md.', // 16
    ].join('\n');
    repo.write({ 'docs/notes.md': `${page}\n` });
    repo.gitOk('add', 'docs/notes.md');
    const r = repo.cli(['check', '--staged', '--only', 'docs', '--json']);
    expect(r.code).toBe(1);
    const found = gate(json(r.stdout), 'docs').findings.map((f) => `${f.file}:${f.line} ${f.rule}`);
    expect(found.sort()).toEqual(
      [
        'docs/notes.md:3 docs.link', // docs/docs/missing.md from docs/
        'docs/notes.md:3 docs.link', // docs/docs/guide.md: relative to the file's folder
        'docs/notes.md:4 docs.link',
        'docs/notes.md:4 docs.anchor',
        'docs/notes.md:5 docs.path',
        'docs/notes.md:6 docs.script',
        'docs/notes.md:6 docs.script',
      ].sort(),
    );
  });

  it('names what each finding refers to, and fixes clear them', () => {
    const page = [
      '# Notes',
      '',
      'A [broken link](missing.md), [a good one](guide.md#set-up), [a bad anchor](guide.md#nowhere), [here](#notes).',
      'Paths: `src/nope.js`, `src/a.js`, `docs/guide.md`, `guide.md`. Run npm run nope, `npm run test`, `pnpm nothere`.',
    ].join('\n');
    repo.write({ 'docs/notes.md': `${page}\n` });
    repo.gitOk('add', 'docs/notes.md');
    const r = repo.cli(['docs']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('docs/notes.md:3  docs.link  links to missing.md (docs/missing.md), which does not exist');
    expect(r.stdout).toContain('docs/notes.md:3  docs.anchor  links to guide.md#nowhere, but docs/guide.md has no such heading');
    expect(r.stdout).toContain('docs/notes.md:4  docs.path  refers to `src/nope.js`, which does not exist');
    expect(r.stdout).toContain('package.json has no script "nope"');
    expect(r.stdout).toContain('`pnpm nothere`: package.json has no script "nothere"');
    expect(r.stdout.match(/docs\.\w+ {2}/g)).toHaveLength(5);
    const blocked = repo.commit('add notes with broken references');
    expect(blocked.code).toBe(1);
    expect(blocked.output).toMatch(/docs\s+fail/);
    repo.write({ 'docs/notes.md': '# Notes\n\nSee [the guide](guide.md#set-up) and `src/a.js`; run `npm run test`.\n' });
    repo.gitOk('add', 'docs/notes.md');
    expect(repo.cli(['docs']).code).toBe(0);
    const ok = repo.commit('add notes that point at the guide');
    expect(ok.code, ok.output).toBe(0);
  });

  it('plain pages (the fast reader) give every kind of finding, from what is staged, not the work tree', () => {
    const page = [
      '# Plain', // 1
      '', // 2
      '- A [broken link](missing.md) and [a good one](guide.md#set-up).', // 3
      '- A [bad anchor](guide.md#nowhere) and [here](#plain) and [there](#missing-heading).', // 4
      '- `src/nope.js`, `src/a.js`, `npm run nope`, `npm run test`.', // 5
      '', // 6
      '```sh', // 7
      'npm run fenced [x](missing-in-code.md)', // 8
      '```', // 9
    ].join('\n');
    repo.write({ 'docs/plain.md': `${page}\n` });
    repo.gitOk('add', 'docs/plain.md');
    // Unstaged edits are not what the commit holds: the staged page is checked.
    repo.write({ 'docs/plain.md': '# Plain\n\nAll fixed in the work tree, not staged.\n' });
    try {
      const r = repo.cli(['check', '--staged', '--only', 'docs', '--json']);
      const found = gate(json(r.stdout), 'docs').findings.map((f) => `${f.file}:${f.line} ${f.rule}`);
      expect(found).toEqual(['docs/plain.md:3 docs.link', 'docs/plain.md:4 docs.anchor', 'docs/plain.md:4 docs.anchor', 'docs/plain.md:5 docs.path', 'docs/plain.md:5 docs.script']);
      // A heading renamed in the staged guide is seen (what was learnt of its anchors is by blob id).
      repo.write({ 'docs/guide.md': '# Guide\n\n## Setting up\n\nMore text.\n' });
      repo.gitOk('add', 'docs/guide.md');
      const renamed = gate(json(repo.cli(['check', '--staged', '--only', 'docs', '--json']).stdout), 'docs').findings;
      expect(renamed.map((f) => f.message)).toContain('links to guide.md#set-up, but docs/guide.md has no such heading');
    } finally {
      repo.gitOk('reset', '-q', 'HEAD', '--', 'docs/plain.md', 'docs/guide.md');
      repo.gitOk('checkout', '--', 'docs/guide.md');
      fs.rmSync(path.join(repo.dir, 'docs/plain.md'));
    }
  });

  it('reads a page that is a symlink or a FIFO in the work tree from git, never through it', () => {
    fs.symlinkSync('/dev/zero', path.join(repo.dir, 'docs/zero.md'));
    repo.gitOk('add', 'docs/zero.md');
    try {
      repo.commit('a page that is a symlink', { SPARK_GUARD: '0' });
      expect(json(repo.cli(['docs', '--all', '--json']).stdout).gates[0]!.name).toBe('docs');
      fs.rmSync(path.join(repo.dir, 'docs/zero.md'));
      spawnSync('mkfifo', [path.join(repo.dir, 'docs/zero.md')]); // the index still says symlink
      expect(json(repo.cli(['docs', '--all', '--json']).stdout).gates[0]!.name).toBe('docs');
    } finally {
      fs.rmSync(path.join(repo.dir, 'docs/zero.md'), { force: true });
      repo.gitOk('rm', '-q', '--cached', 'docs/zero.md');
      repo.commit('no symlinked page', { SPARK_GUARD: '0' });
    }
  });

  it('a deletion or a rename breaks the links of Markdown the commit does not touch', () => {
    repo.gitOk('rm', '-q', 'docs/guide.md');
    const deleted = json(repo.cli(['check', '--staged', '--only', 'docs', '--json']).stdout);
    const messages = gate(deleted, 'docs').findings.map((f) => `${f.file}:${f.line} ${f.message}`);
    expect(messages).toContain('README.md:3 links to docs/guide.md#set-up (docs/guide.md), which this commit deletes');
    expect(messages).toContain('README.md:3 refers to `docs/guide.md`, which this commit deletes');
    expect(messages).toContain('docs/notes.md:3 links to guide.md#set-up (docs/guide.md), which this commit deletes');
    repo.gitOk('reset', '-q', 'HEAD', '--', 'docs/guide.md');
    repo.gitOk('checkout', '--', 'docs/guide.md');
    repo.gitOk('mv', 'docs/guide.md', 'docs/manual.md');
    const renamed = json(repo.cli(['check', '--staged', '--only', 'docs', '--json']).stdout);
    expect(gate(renamed, 'docs').findings.map((f) => f.message)).toContain('links to docs/guide.md#set-up (docs/guide.md), which this commit renames to docs/manual.md');
    repo.gitOk('mv', 'docs/manual.md', 'docs/guide.md');
  });

  it('docs --all --json checks every tracked Markdown file', () => {
    repo.write({ 'docs/old.md': '# Old\n\nSee [gone](gone.md).\n' });
    repo.gitOk('add', 'docs/old.md');
    repo.commit('keep an old page', { SPARK_GUARD: '0' });
    const r = repo.cli(['docs', '--all', '--json']);
    expect(r.code).toBe(1);
    const doc = json(r.stdout);
    expect(doc.gates.map((g) => g.name)).toEqual(['docs']);
    expect(doc.gates[0]!.findings).toEqual([{ file: 'docs/old.md', line: 3, rule: 'docs.link', message: 'links to gone.md (docs/gone.md), which does not exist' }]);
    expect(repo.cli(['docs', '--json']).code).toBe(0); // nothing staged: nothing to check
  });

  it('--suggest prints a patch that git apply --check accepts, and writes nothing', async () => {
    const patch = ['--- a/docs/old.md', '+++ b/docs/old.md', '@@ -1,3 +1,3 @@', ' # Old', ' ', '-See [gone](gone.md).', '+See [the guide](guide.md).', ''].join('\n');
    const server = await startFakeOpenAI({ answer: { summary: 'Point the old page at the guide.', patch } });
    try {
      const env = { OPENAI_API_KEY: 'sk-test-suggest', OPENAI_BASE_URL: server.url };
      const before = repo.read('docs/old.md');
      const r = repo.cli(['docs', '--all', '--suggest'], env);
      expect(r.code, r.output).toBe(0);
      expect(r.stdout).toBe(patch);
      expect(r.stderr).toContain('Point the old page at the guide.');
      expect(repo.read('docs/old.md')).toBe(before);
      fs.writeFileSync(path.join(repo.dir, '..', 'fix.patch'), r.stdout);
      expect(repo.git('apply', '--check', '../fix.patch').code).toBe(0);
      const request = server.requests().find((q) => q.url.endsWith('/responses'))!;
      expect(request.body.text.format.name).toBe('spark_guard_docs_fix');
      expect(request.body.input).toContain('docs/old.md:3 [docs.link]');
    } finally {
      server.stop();
    }
  });

  it('--suggest exits 2 when the patch does not apply, or without a model', async () => {
    const bad = ['--- a/docs/old.md', '+++ b/docs/old.md', '@@ -1,3 +1,3 @@', ' # Not the title', ' ', '-See [gone](gone.md).', '+See [x](guide.md).', ''].join('\n');
    const server = await startFakeOpenAI({ answer: { summary: 'wrong context', patch: bad } });
    try {
      const r = repo.cli(['docs', '--all', '--suggest'], { OPENAI_API_KEY: 'sk-test-suggest', OPENAI_BASE_URL: server.url });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('does not apply cleanly');
      expect(r.stdout).toBe('');
    } finally {
      server.stop();
    }
    const none = repo.cli(['docs', '--all', '--suggest']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no API key: set OPENAI_API_KEY');
    expect(none.stderr).not.toContain('review.enabled'); // turning the review off gives --suggest no model either
  });
});

describe('overlap between worktrees', () => {
  let repo: InstalledRepo;
  let sibling: string;
  beforeAll(() => {
    repo = installedRepo({ extends: RECOMMENDED, ...quiet }, { 'shared.txt': 'one\n', 'other.txt': 'one\n' });
    sibling = path.join(path.dirname(repo.dir), 'sibling');
    repo.gitOk('worktree', 'add', '-q', '-b', 'side', sibling);
    fs.writeFileSync(path.join(sibling, 'shared.txt'), 'changed over there\n');
  });
  afterAll(() => repo.remove());

  it('warns (the default) about a staged file another worktree is editing, with its path and branch', () => {
    repo.write({ 'shared.txt': 'changed here\n', 'other.txt': 'changed here too\n' });
    repo.gitOk('add', 'shared.txt', 'other.txt');
    // other.txt is staged here and only touched there (same content): a plain git status of it there
    // would rewrite the sibling's index under its index.lock, and an agent committing there would fail.
    const siblingIndex = path.join(repo.dir, '.git', 'worktrees', 'sibling', 'index');
    const other = path.join(sibling, 'other.txt');
    fs.utimesSync(other, new Date(Date.now() + 5000), new Date(Date.now() + 5000));
    const indexBefore = fs.readFileSync(siblingIndex);
    const r = repo.commit('change the shared file here');
    expect(fs.readFileSync(siblingIndex).equals(indexBefore)).toBe(true);
    expect(r.code, r.output).toBe(0);
    expect(r.output).toMatch(/overlap\s+warn/);
    expect(r.output).toContain(`shared.txt  overlap  uncommitted changes in the worktree ${sibling} (side) too`);
  });

  it("'error' blocks; a file the sibling does not edit passes", () => {
    repo.write({ '.spark-guardrc.json': JSON.stringify({ extends: RECOMMENDED, ...quiet, overlap: 'error' }), 'shared.txt': 'again\n', 'other.txt': 'two\n' });
    repo.gitOk('add', 'shared.txt');
    const blocked = repo.cli(['check', '--staged']);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toMatch(/overlap\s+fail/);
    repo.gitOk('reset', '-q');
    repo.gitOk('add', 'other.txt');
    const clean = repo.cli(['check', '--staged', '--json']);
    expect(clean.code, clean.output).toBe(0);
    expect(gate(json(clean.stdout), 'overlap').status).toBe('pass');
  });
});

describe('the agent preset', () => {
  it('runs VERIFY.md, the memory rule, docs and the file rules through real commits', () => {
    const repo = installedRepo(
      { extends: 'spark-guard/presets/agent', ...quiet },
      {
        'VERIFY.md': '```sh\nnode -e "process.exit(require(\'./src/a.cjs\').ok ? 0 : 1)"\n```\n',
        'PLAN.md': '# Plan\n\n- [ ] make a ok\n- [ ] next\n',
        'PROGRESS.md': '# Progress\n',
        'src/a.cjs': 'exports.ok = false;\n',
      },
    );
    try {
      repo.write({ 'src/a.cjs': 'exports.ok = true;\n' });
      repo.gitOk('add', '-A');
      const noLog = repo.commit('make a ok without a progress line');
      expect(noLog.code).toBe(1);
      expect(noLog.output).toMatch(/memory\s+fail/);
      fs.appendFileSync(path.join(repo.dir, 'PROGRESS.md'), '- 2026-01-01: a is ok; next: the next item\n');
      repo.write({ 'PLAN.md': '# Plan\n\n- [x] make a ok\n- [ ] next\n' });
      repo.gitOk('add', '-A');
      const ok = repo.commit('make a ok, logged and ticked');
      expect(ok.code, ok.output).toBe(0);
      expect(ok.output).toMatch(/verify:1\s+pass/);
      expect(ok.output).toMatch(/docs\s+pass/);
      repo.write({ 'src/b.cjs': 'exports.b = 1;\n', 'PROGRESS.md': `${repo.read('PROGRESS.md')}- 2026-01-02: b\n` });
      repo.gitOk('add', '-A');
      const created = repo.commit('add a new module b');
      expect(created.code).toBe(1);
      expect(created.output).toMatch(/files\s+fail/);
      repo.gitOk('reset', '-q');
      repo.write({ 'src/a.cjs': 'exports.ok = false;\n' });
      repo.gitOk('add', 'src/a.cjs', 'PROGRESS.md');
      const broken = repo.commit('break a, logged');
      expect(broken.code).toBe(1);
      expect(broken.output).toMatch(/verify:1\s+fail/);
    } finally {
      repo.remove();
    }
  });
});

describe('config', () => {
  it('rejects a wrong agent key with exit 2', () => {
    const repo = createProject({ '.spark-guardrc.json': JSON.stringify({ overlap: 'sometimes', memory: { maxPlanItems: 0 } }) });
    try {
      const r = repo.cli(['check', '--staged']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('overlap');
      expect(r.stderr).toContain('memory.maxPlanItems');
    } finally {
      repo.remove();
    }
  });
});

