/**
 * Start-up stays cheap (issue 8): what each hook path loads and how many git processes it starts,
 * observed in the installed package's own process through a preload. Timings belong to the bench.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { installedRepo, type InstalledRepo } from '../helpers/installed.js';
import { createRepo, makeTempDir, run } from '../helpers/repo.js';
import { startFakeOpenAI } from '../helpers/fake-openai.js';
import { GIT } from '../../src/git/commands.js';

/** Records, at exit: built-in modules loaded, imports made through the bundle, git processes started. */
const PRELOAD = `
const fs = require('node:fs');
const builtinsBefore = new Set(process.moduleLoadList);
const imports = [];
let lend;
let bundleLoaded = false;
Object.defineProperty(globalThis, '__sparkGuardImport', {
  configurable: true,
  get: () => lend,
  set: (fn) => { bundleLoaded = true; lend = (spec) => { imports.push(spec); return fn(spec); }; },
});
const reads = [];
const readFileSync = fs.readFileSync;
fs.readFileSync = function (file, ...rest) { if (typeof file === 'string' && file.endsWith('.cjs')) reads.push(file); return readFileSync.call(this, file, ...rest); };
const spawns = [];
if (process.env.COUNT_SPAWNS) {
  const cp = require('node:child_process');
  const spawn = cp.spawn;
  cp.spawn = function (cmd, args, ...rest) { spawns.push([cmd, ...(args || [])].join(' ')); return spawn.call(this, cmd, args, ...rest); };
}
process.on('exit', () => {
  const builtins = process.moduleLoadList.filter((m) => !builtinsBefore.has(m) && m.startsWith('NativeModule ')).map((m) => m.slice(13));
  fs.writeFileSync(process.env.STARTUP_LOG, JSON.stringify({ builtins, imports, spawns, bundleLoaded, reads, required: Object.keys(require.cache) }));
});
`;

interface Trace {
  bundleLoaded: boolean;
  builtins: string[];
  imports: string[];
  spawns: string[];
  reads: string[];
  required: string[];
}

describe('start-up: each path loads only what it needs', () => {
  let repo: InstalledRepo;
  let preload: string;
  let bin: string;

  beforeAll(() => {
    repo = installedRepo({ extends: 'spark-guard/presets/recommended', lintStaged: false, review: { enabled: true } });
    const dir = makeTempDir('spark-guard-startup-');
    preload = path.join(dir, 'preload.cjs');
    fs.writeFileSync(preload, PRELOAD);
    bin = fs.realpathSync(path.join(repo.dir, 'node_modules/.bin/spark-guard'));
    repo.write({ 'src/a.js': 'export const a = 1;\n', 'src/b.js': 'export const b = 2;\n' });
    repo.gitOk('add', '-A');
  });
  afterAll(() => {
    repo.remove();
    fs.rmSync(path.dirname(preload), { recursive: true, force: true });
  });

  function trace(args: string[], env: Record<string, string> = {}, code = 0, input?: string, cwd = repo.dir): Trace & { output: string } {
    const log = path.join(path.dirname(preload), `trace-${Math.random().toString(36).slice(2)}.json`);
    // No API key: the review is skipped without a call, as on a machine that has none.
    const r = run(process.execPath, ['--require', preload, bin, ...args], cwd, { STARTUP_LOG: log, OPENAI_API_KEY: undefined, ...env }, input);
    expect(r.code, r.output).toBe(code);
    return { ...(JSON.parse(fs.readFileSync(log, 'utf8')) as Trace), output: r.output };
  }

  it('--version loads no heavy module and starts no process', () => {
    const t = trace(['--version']);
    expect(t.imports).toEqual([]);
    expect(t.builtins).not.toContain('child_process');
    expect(t.builtins).not.toContain('crypto');
    // one CommonJS bundle: nothing of the package is loaded through the ES-module loader
    expect(path.extname(bin)).toBe('.cjs');
    expect(t.required.filter((f) => f.includes('/node_modules/spark-guard/')).map((f) => path.basename(f))).toEqual(['spark-guard.cjs']);
  });

  it('pre-commit with a cached config imports nothing more (no openai, lint-staged, cosmiconfig) and loads no node:crypto', () => {
    trace(['run', 'pre-commit']); // the first run fills the config cache
    const t = trace(['run', 'pre-commit']);
    expect(t.output).toContain('passed');
    expect(t.imports).toEqual([]);
    expect(t.builtins).not.toContain('crypto');
    expect(t.builtins).not.toContain('worker_threads');
    expect(t.builtins).not.toContain('os'); // only command gates and snapshots need it
  });

  it('pre-commit reads the whole staged change with one git diff, and the new blobs\' sizes from their loose objects', () => {
    const t = trace(['run', 'pre-commit'], { COUNT_SPAWNS: '1' });
    expect(t.spawns.map((s) => s.split(' ').find((w) => !w.startsWith('-') && !w.includes('=') && w !== 'git'))).toEqual(['diff']);
  });

  it("pre-commit with the staged change piped in by the hook's shim starts no process and loads neither node:child_process nor node:net", () => {
    const output = repo.gitOk(...GIT.rawNumstatPatch({ kind: 'staged' }));
    const t = trace(['run', 'pre-commit'], { SPARK_GUARD_STAGED_DIFF: 'stdin' }, 0, `${output}\0spark-guard:git-exit:0\n`);
    expect(t.output).toContain('2 files, 2 lines');
    expect(t.builtins).not.toContain('child_process');
    // The report goes to fd 1 with fs.writeSync: no stdout or stderr stream, so no node:net (src/proc/fd.ts).
    expect(t.builtins).not.toContain('net');
    // Blob sizes come from the loose objects through src/git/inflate.ts: node:zlib would load the stream modules.
    expect(t.builtins).not.toContain('zlib');
    expect(t.builtins).not.toContain('stream');
  });

  it('pre-commit with VERIFY.md whose commands passed on this tree: VERIFY.md read without git, one git for the cache key', () => {
    const other = installedRepo({ extends: 'spark-guard/presets/recommended', lintStaged: false, review: { enabled: false }, verify: true }, { 'VERIFY.md': '```sh\ntrue\n```\n' });
    try {
      other.write({ 'src/a.js': 'export const a = 1;\n' });
      other.gitOk('add', '-A');
      const piped = `${other.gitOk(...GIT.rawNumstatPatch({ kind: 'staged' }))}\0spark-guard:git-exit:0\n`;
      const first = trace(['run', 'pre-commit'], { SPARK_GUARD_STAGED_DIFF: 'stdin' }, 0, piped, other.dir);
      expect(first.output).toMatch(/✓ verify:1\s+pass/);
      const t = trace(['run', 'pre-commit'], { SPARK_GUARD_STAGED_DIFF: 'stdin', COUNT_SPAWNS: '1' }, 0, piped, other.dir);
      expect(t.output).toMatch(/✓ verify:1\s+cached/);
      // The staged tree's id keys the cache; VERIFY.md itself comes from the index file and its loose object.
      expect(t.spawns.map((c) => c.split(' ').find((w) => !w.startsWith('-') && !w.includes('=') && w !== 'git'))).toEqual(['write-tree']);
    } finally {
      other.remove();
    }
  });

  it('pre-commit requires the shell parser (dist/shell/commands.cjs) only when a shell-like file is staged', () => {
    const parser = (t: Trace) => t.required.filter((f) => f.endsWith('/dist/shell/commands.cjs'));
    const without = trace(['run', 'pre-commit']);
    expect(parser(without)).toEqual([]);
    expect(without.imports).toEqual([]);
    repo.write({ 'scripts/build.sh': '#!/bin/sh\necho "rm -rf /"\n' });
    repo.gitOk('add', 'scripts/build.sh');
    try {
      const t = trace(['run', 'pre-commit']);
      expect(parser(t)).toHaveLength(1);
      // required, not import()ed: the ES-module loader would lex the whole parser for its exports first
      expect(t.imports).toEqual([]);
      expect(t.output).toMatch(/✓ banned\s+pass/); // echo's argument is data, not a command
    } finally {
      repo.gitOk('rm', '-q', '--cached', 'scripts/build.sh');
      fs.rmSync(path.join(repo.dir, 'scripts'), { recursive: true, force: true });
    }
  });

  it('commit-msg, passing: no process, no child_process, not even the CLI bundle (dist/fast.cjs answers)', () => {
    fs.writeFileSync(path.join(repo.dir, '.git/COMMIT_EDITMSG'), 'add two small modules for the demo\n');
    const t = trace(['run', 'commit-msg', '.git/COMMIT_EDITMSG']);
    expect(t.builtins).not.toContain('child_process');
    expect(t.imports).toEqual([]);
    expect(t.bundleLoaded).toBe(false);
    expect(t.required.map((f) => path.basename(f))).toContain('fast.cjs');
    expect(t.output).toBe('');
  });

  it('guard, with the config cached: its own small bundle (not dist/cli.cjs), no process, no heavy module, silent when allowed', () => {
    trace(['guard', '--command', 'git status']); // fills the config cache, if pre-commit has not
    const t = trace(['guard', '--command', 'git status && npm test | tee log.txt']);
    expect(t.output).toBe('');
    expect(t.reads.map((f) => path.basename(f)).filter((f) => f !== 'spark-guard.cjs')).toEqual(['guard.cjs']);
    expect(t.imports).toEqual([]);
    for (const heavy of ['child_process', 'crypto', 'worker_threads', 'http', 'url']) expect(t.builtins).not.toContain(heavy);
  });

  it('guard loads the shell parser only for a command a rule could match, and answers without creating a stream', () => {
    const bundles = (t: Trace) => t.reads.filter((f) => path.basename(f) !== 'spark-guard.cjs').map((f) => path.relative(path.dirname(path.dirname(bin)), f));
    trace(['guard', '--command', 'git status']); // fills the config cache, if pre-commit has not
    const blocked = trace(['guard', '--command', 'sudo -E env X=1 bash -c "rm -rf /"'], {}, 2);
    expect(blocked.output).toContain('banned.rm-rf');
    expect(bundles(blocked)).toEqual(['dist/guard.cjs', 'dist/guard/shell.cjs']);
    expect(blocked.builtins).not.toContain('stream'); // process.stderr costs ~5-10 ms to create; fs.writeSync(2) does not
    expect(bundles(trace(['guard', '--command', 'git commit -m "fix the build"']))).toEqual(['dist/guard.cjs', 'dist/guard/shell.cjs']);
    const write = trace(['guard'], {}, 2, JSON.stringify({ tool_name: 'Write', tool_input: { file_path: '.env', content: 'x' }, cwd: repo.dir }));
    expect(write.output).toContain('files.protect');
    expect(bundles(write)).toEqual(['dist/guard.cjs', 'dist/guard/writes.cjs']); // no parser, no secret rules
  });

  it("guard writes the parser's code cache from a short command, not from a long script (V8's tier-up would spoil it)", () => {
    const caches = path.join(repo.dir, 'node_modules', '.cache', 'spark-guard');
    const parserCaches = () => fs.readdirSync(caches).filter((f) => f.startsWith('guard-shell-'));
    trace(['guard', '--command', 'git status']); // fills the config cache, if pre-commit has not
    for (const f of parserCaches()) fs.rmSync(path.join(caches, f));
    const script = `cat > notes.sh <<'EOF'\n${Array.from({ length: 40 }, (_, i) => `git log --oneline -${i} | grep -v "$X"`).join('\n')}\nEOF`;
    trace(['guard', '--command', `git add -A && ${script}`]);
    expect(parserCaches()).toEqual([]);
    trace(['guard', '--command', 'git push origin "main"']);
    expect(parserCaches()).toHaveLength(1);
  });

  it('commit-msg, failing: the full CLI judges and explains it (exit 1)', () => {
    fs.writeFileSync(path.join(repo.dir, '.git/COMMIT_EDITMSG'), 'wip\n');
    const log = path.join(path.dirname(preload), 'trace-fail.json');
    const r = run(process.execPath, ['--require', preload, bin, 'run', 'commit-msg', '.git/COMMIT_EDITMSG'], repo.dir, { STARTUP_LOG: log });
    expect(r.code).toBe(1);
    expect(r.output).toContain('commitMessage.minLength');
    expect((JSON.parse(fs.readFileSync(log, 'utf8')) as Trace).bundleLoaded).toBe(true);
    expect((JSON.parse(fs.readFileSync(log, 'utf8')) as Trace).builtins).not.toContain('child_process');
  });

  it('with an API key the review path is imported (and only then)', () => {
    const t = trace(['run', 'pre-commit'], { OPENAI_API_KEY: 'sk-test-not-a-key', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' });
    expect(t.imports).toContain('./review/client.js');
  });

  it('with docs on, the full Markdown parser loads only for Markdown the fast reader leaves to it', () => {
    const config = path.join(path.dirname(preload), 'docs-on.json');
    fs.writeFileSync(config, JSON.stringify({ extends: 'spark-guard/presets/recommended', lintStaged: false, docs: true }));
    const env = { SPARK_GUARD_CONFIG: config };
    trace(['run', 'pre-commit'], env); // fills the config cache
    expect(trace(['run', 'pre-commit'], env).imports).toEqual([]);
    repo.write({ 'NOTES.md': '# Notes\n\nSee [the readme](README.md) and `package.json`.\n' });
    repo.gitOk('add', 'NOTES.md');
    try {
      const plain = trace(['run', 'pre-commit'], env);
      expect(plain.output).toMatch(/docs\s+pass/);
      expect(plain.imports).toEqual([]);
      repo.write({ 'NOTES.md': '# Notes\n\n<details>HTML: the full parser</details>\n\nSee [the readme](README.md).\n' });
      repo.gitOk('add', 'NOTES.md');
      const html = trace(['run', 'pre-commit'], env);
      expect(html.output).toMatch(/docs\s+pass/);
      expect(html.imports).toEqual(['./agent/markdown.js']);
    } finally {
      repo.gitOk('rm', '-q', '--cached', 'NOTES.md');
    }
  });

  it('a review over http loads neither undici (Headers, Response: ~55 ms) nor TLS', async () => {
    const server = await startFakeOpenAI();
    try {
      const t = trace(['run', 'pre-commit'], { OPENAI_API_KEY: 'sk-test-not-a-key', OPENAI_BASE_URL: server.url });
      expect(t.output).toMatch(/review\s+pass/);
      expect(server.requests()).toHaveLength(1);
      expect(t.builtins).toContain('http');
      expect(t.builtins.filter((m) => /undici|^tls$|^https$/.test(m))).toEqual([]);
    } finally {
      server.stop();
    }
  });
});

describe('the V8 code cache', () => {
  it('made by a run that filled the config and glob caches is replaced once by a leaner one', () => {
    // The package in this project's own node_modules (not the shared template): its cache folder is this project's.
    const repo = createRepo({ '.gitignore': 'node_modules\n', '.spark-guardrc.json': JSON.stringify({ extends: 'spark-guard/presets/recommended', lintStaged: false, review: { enabled: false } }), 'src/a.js': 'export const a = 1;\n' });
    try {
      const template = inject('templateModules');
      const modules = path.join(repo.dir, 'node_modules');
      fs.mkdirSync(modules);
      for (const entry of fs.readdirSync(template)) if (entry !== 'spark-guard' && entry !== '.cache') fs.symlinkSync(path.join(template, entry), path.join(modules, entry));
      fs.cpSync(path.join(template, 'spark-guard'), path.join(modules, 'spark-guard'), { recursive: true });
      repo.gitOk('add', '-A');
      const cacheDir = path.join(modules, '.cache', 'spark-guard');
      const preCommit = () => {
        const r = run(process.execPath, [path.join(modules, 'spark-guard', 'bin', 'spark-guard.cjs'), 'run', 'pre-commit'], repo.dir);
        expect(r.code, r.output).toBe(0);
        return fs.readdirSync(cacheDir).filter((f) => f.startsWith('run-pre-commit-')).sort();
      };
      const size = (files: string[]) => fs.statSync(path.join(cacheDir, files.find((f) => f.endsWith('.bin'))!)).size;

      const cold = preCommit(); // fills .git/spark-guard/cache: its code cache is marked
      expect(cold.map((f) => path.extname(f))).toEqual(['.bin', '.cold']);
      const coldSize = size(cold);
      const warm = preCommit(); // compiles afresh, keeps only what a warm commit runs
      expect(warm.map((f) => path.extname(f))).toEqual(['.bin']);
      expect(size(warm)).toBeLessThan(coldSize);
      const made = fs.statSync(path.join(cacheDir, warm[0]!)).mtimeMs;
      expect(preCommit()).toEqual(warm); // and uses it from then on
      expect(fs.statSync(path.join(cacheDir, warm[0]!)).mtimeMs).toBe(made);
    } finally {
      repo.remove();
    }
  });
});
