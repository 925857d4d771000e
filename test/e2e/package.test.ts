import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { createRepo, run } from '../helpers/repo.js';
import { binDir } from '../helpers/installed.js';

const projectRoot = path.resolve(import.meta.dirname, '../..');

describe('the package', () => {
  it('npm pack holds only what a user needs', () => {
    const r = run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], projectRoot);
    expect(r.code, r.output).toBe(0);
    const files = (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    for (const f of files) expect(f).toMatch(/^(bin\/|dist\/|hooks\/|presets\/|docs\/[^/]+\.md$|README\.md$|LICENSE$|package\.json$)/);
    expect(files).toEqual(expect.arrayContaining(['bin/spark-guard.cjs', 'bin/spark-guard-commit-msg', 'dist/index.js', 'dist/index.d.ts', 'hooks/pre-commit', 'presets/recommended.js', 'presets/strict.js', 'README.md', 'docs/secret-rules.md', 'docs/banned-rules.md', 'LICENSE']));
  });

  it('the openai SDK is inside dist/review/client.js: an install does not download it (20 MB never loaded)', () => {
    expect(fs.existsSync(path.join(inject('templateModules'), 'spark-guard', 'dist', 'review', 'client.js'))).toBe(true);
    expect(fs.existsSync(path.join(inject('templateModules'), 'openai'))).toBe(false);
    const client = fs.readFileSync(path.join(inject('templateModules'), 'spark-guard', 'dist', 'review', 'client.js'), 'utf8');
    expect(client).not.toMatch(/(from|import\(|require\()\s*["']openai/);
    expect(fs.existsSync(path.join(inject('templateModules'), 'spark-guard', 'dist', 'review', 'openai.LICENSE'))).toBe(true);
  });

  it('--version, --help, and usage errors with exit 2', () => {
    const cli = path.join(binDir(), 'spark-guard');
    const version = run(cli, ['--version'], projectRoot);
    expect(version.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')).version);
    const help = run(cli, ['--help'], projectRoot);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes: 0 pass · 1 blocked by a gate · 2 usage');
    const unknown = run(cli, ['frobnicate'], projectRoot);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    const badFlag = run(cli, ['check', '--bogus'], projectRoot);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toContain('--bogus');
    expect(badFlag.stderr).not.toMatch(/\n\s+at /);
  });

  it('exports defineConfig, the presets and package.json', () => {
    const repo = createRepo();
    try {
      fs.symlinkSync(inject('templateModules'), path.join(repo.dir, 'node_modules'));
      const script = [
        "import { defineConfig } from 'spark-guard';",
        "import strict from 'spark-guard/presets/strict';",
        "import rec from 'spark-guard/presets/recommended.js';",
        "import { createRequire } from 'node:module';",
        "const pkg = createRequire(import.meta.url)('spark-guard/package.json');",
        'const c = { diff: { maxLines: 5 } };',
        'console.log(JSON.stringify([defineConfig(c) === c, strict.diff.maxLines, rec.diff.maxLines, pkg.name]));',
      ].join('\n');
      fs.writeFileSync(path.join(repo.dir, 'probe.mjs'), script);
      const r = run('node', ['probe.mjs'], repo.dir);
      expect(r.code, r.output).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual([true, 30, 150, 'spark-guard']);
    } finally {
      repo.remove();
    }
  });

  it('quick start: npm i -D <tarball> && npx spark-guard install gives working hooks on the first try', () => {
    const repo = createRepo({ 'package.json': JSON.stringify({ name: 'app', version: '1.0.0', scripts: { test: 'node -e 0' } }, null, 2), '.gitignore': 'node_modules\n' });
    try {
      const i = run('npm', ['install', '--save-dev', '--prefer-offline', '--no-audit', '--no-fund', inject('tarball')], repo.dir);
      expect(i.code, i.output).toBe(0);
      const r = run('npx', ['spark-guard', 'install'], repo.dir);
      expect(r.code, r.output).toBe(0);
      expect(r.stdout).not.toContain('add spark-guard to devDependencies');
      repo.write({ 'index.js': 'console.log("hi");\n' });
      repo.gitOk('add', '.');
      const commit = run('git', ['commit', '-m', 'first commit with spark-guard'], repo.dir);
      expect(commit.code, commit.output).toBe(0);
      expect(commit.output).toContain('spark-guard pre-commit');
    } finally {
      repo.remove();
    }
  });
});
