/**
 * A workspace shaped like the ones issue 14 met: a root config with its own gates, a package with
 * its own config, a package without one, and a package whose config extends the root's
 * (the README's recipe). Nearest config wins for gates; inherited gates run where they are defined.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createProject, type InstalledRepo } from '../helpers/installed.js';
import { makeTempDir } from '../helpers/repo.js';

let repo: InstalledRepo;
let marks: string;
let first: string;

/** Each gate appends "<label> <cwd> <arg>|<arg>…" to $MARKS/<label>; an argument containing "fail" fails it. */
const MARK = `const fs = require('fs'); const [label, ...args] = process.argv.slice(2);
fs.appendFileSync(require('path').join(process.env.MARKS, label), [label, fs.realpathSync(process.cwd()), args.join('|')].join(' ').trimEnd() + '\\n');
if (args.some((a) => a.includes('fail'))) { console.error(label + ' failed on ' + args.join(' ')); process.exit(1); }
`;

beforeAll(() => {
  repo = createProject(
    {
      'mark.cjs': MARK,
      'spark-guard.config.mjs': `export default {
  extends: ['spark-guard/presets/recommended'],
  review: { enabled: false },
  gates: {
    rootonly: { run: 'node mark.cjs rootonly {files}', when: ['packages/**', '*.md'] },
    types: 'npm run --silent test:types',
  },
};
`,
      'README.md': '# workspace\n',
      'packages/own/spark-guard.config.mjs': "export default { gates: { own: 'node ../../mark.cjs own {files}' } };\n",
      'packages/own/package.json': '{ "name": "own", "version": "1.0.0" }\n',
      'packages/own/README.md': '# own\n',
      'packages/plain/package.json': '{ "name": "plain", "version": "1.0.0" }\n',
      'packages/plain/README.md': '# plain\n',
      'packages/inherit/spark-guard.config.mjs':
        "export default { extends: ['../../spark-guard.config.mjs'], gates: { local: 'node ../../mark.cjs local {files}' } };\n",
      // No test:types script here: the inherited gate must not run in this folder.
      'packages/inherit/package.json': '{ "name": "inherit", "version": "1.0.0" }\n',
      'packages/inherit/src/a.ts': 'export const a = 1;\n',
    },
    { workspaces: ['packages/*'], scripts: { 'test:types': 'node mark.cjs types' } },
  );
  const i = repo.cli(['install', '--no-save']);
  if (i.code !== 0) throw new Error(i.output);
  repo.gitOk('add', '-A');
  const c = repo.commit('the workspace, before any rule', { SPARK_GUARD: '0' });
  if (c.code !== 0) throw new Error(c.output);
  marks = makeTempDir('spark-guard-marks-');
  first = repo.gitOk('rev-parse', 'HEAD').trim();
}, 120_000);
afterAll(() => {
  repo?.remove();
  if (marks) fs.rmSync(marks, { recursive: true, force: true });
});
beforeEach(() => {
  for (const f of fs.readdirSync(marks)) fs.rmSync(path.join(marks, f));
  repo.gitOk('reset', '-q', '--hard', first);
});

const mark = (label: string) => (fs.existsSync(path.join(marks, label)) ? fs.readFileSync(path.join(marks, label), 'utf8') : '');
const check = () => repo.cli(['check', '--staged'], { MARKS: marks });
function stage(files: Record<string, string>) {
  repo.write(files);
  repo.gitOk('add', '-A');
}

describe('nearest config wins for gates', () => {
  it("a file below a package config is judged by that config's gates alone, even when a root gate's `when` matches", () => {
    stage({ 'packages/own/README.md': '# own, documented\n' });
    const r = check();
    expect(r.code, r.output).toBe(0);
    expect(r.output).toMatch(/✓ packages\/own › own\s+pass/);
    expect(mark('own')).toBe(`own ${fs.realpathSync(path.join(repo.dir, 'packages/own'))} README.md\n`);
    expect(mark('rootonly')).toBe('');
    expect(mark('types')).toBe('');
    expect(r.output).not.toMatch(/rootonly\s+(pass|fail)/);
  });

  it('a file in a package without a config is judged by the root gates', () => {
    stage({ 'packages/plain/README.md': '# plain, documented\n' });
    const r = check();
    expect(r.code, r.output).toBe(0);
    expect(mark('rootonly')).toBe(`rootonly ${fs.realpathSync(repo.dir)} packages/plain/README.md\n`);
    expect(mark('types')).not.toBe('');
    expect(mark('own')).toBe('');
  });

  it('a commit touching both runs each gate for its own files only', () => {
    stage({ 'packages/plain/README.md': '# plain, v2\n', 'packages/own/README.md': '# own, v2\n' });
    const r = repo.commit('document both packages', { MARKS: marks });
    expect(r.code, r.output).toBe(0);
    expect(mark('rootonly')).toBe(`rootonly ${fs.realpathSync(repo.dir)} packages/plain/README.md\n`);
    expect(mark('own')).toBe(`own ${fs.realpathSync(path.join(repo.dir, 'packages/own'))} README.md\n`);
  });
});

describe('a package config that extends the root config (the README recipe)', () => {
  it('inherited gates run in the folder of the config that defines them, once, with paths relative to it', () => {
    stage({ 'packages/inherit/src/a.ts': 'export const a = 2;\n' });
    const r = check();
    expect(r.code, r.output).toBe(0);
    expect(r.output).not.toContain('Missing script');
    expect(mark('types')).toBe(`types ${fs.realpathSync(repo.dir)}\n`);
    expect(mark('rootonly')).toBe(`rootonly ${fs.realpathSync(repo.dir)} packages/inherit/src/a.ts\n`);
    expect(mark('local')).toBe(`local ${fs.realpathSync(path.join(repo.dir, 'packages/inherit'))} src/a.ts\n`);
    // Named as the root's gates, not as copies in the package.
    expect(r.output).toMatch(/✓ types\s+pass/);
    expect(r.output).not.toMatch(/packages\/inherit › types/);
    const which = repo.cli(['config', '--file', 'packages/inherit/src/a.ts']);
    expect(which.stdout).toContain('(gates run in packages/inherit/; inherited: rootonly in ./, types in ./)');
  });

  it("a failing inherited gate's hint names the file that defines it; a package gate's names the package config", () => {
    stage({ 'packages/inherit/src/fail.ts': 'export const b = 1;\n', 'packages/own/fail.md': 'x\n' });
    const r = check();
    expect(r.code, r.output).toBe(1);
    const rootBlock = r.output.slice(r.output.indexOf('✗ rootonly'));
    expect(rootBlock).toMatch(/gates\.rootonly[^\n]*in spark-guard\.config\.mjs/);
    expect(rootBlock.split('✗')[1]).not.toContain('packages/inherit/spark-guard.config.mjs');
    const ownBlock = r.output.slice(r.output.indexOf('✗ packages/own › own'));
    expect(ownBlock).toMatch(/gates\.own[^\n]*in packages\/own\/spark-guard\.config\.mjs/);
  });
});

describe('{files} in a command gate', () => {
  it('is the staged files matching `when`, each one argument however it is named, deleted files left out', () => {
    repo.gitOk('rm', '-q', 'packages/plain/README.md');
    stage({ "packages/plain/a b.md": 'spaces\n', "packages/plain/it's $HOME.md": 'a quote and a dollar\n', '-rf.md': 'a dash\n', 'notes.txt': 'no match\n' });
    const r = check();
    expect(r.code, r.output).toBe(0);
    const args = mark('rootonly').trim().split(' ').slice(2).join(' ').split('|');
    expect(args.sort()).toEqual(['./-rf.md', 'packages/plain/a b.md', "packages/plain/it's $HOME.md"]);
  });

  it('is part of the cache key: the same staged tree with other files to judge runs again', () => {
    // HEAD has fail.md; staged: b.md. The gate judges b.md only and passes (and is cached).
    repo.write({ 'packages/plain/fail.md': 'x\n' });
    repo.gitOk('add', '-A');
    expect(repo.commit('add a file the gate would fail on', { SPARK_GUARD: '0' }).code).toBe(0);
    stage({ 'packages/plain/b.md': 'b\n' });
    expect(check().code).toBe(0);
    expect(mark('rootonly')).toContain('packages/plain/b.md');
    // Same staged tree, but now fail.md is part of the change too: not cached, and it fails.
    repo.gitOk('reset', '-q', '--soft', 'HEAD~1');
    const r = check();
    expect(r.code, r.output).toBe(1);
    expect(r.output).toMatch(/✗ rootonly\s+fail/);
  });
});
