import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, SEARCH_PLACES } from '../../../src/config/load.js';
import { mergeLayers } from '../../../src/config/merge.js';
import type { SparkGuardError } from '../../../src/errors.js';
import { makeTempDir } from '../../helpers/repo.js';

const dirs: string[] = [];
function folder(files: Record<string, string>): string {
  const dir = makeTempDir();
  dirs.push(dir);
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return dir;
}
afterEach(() => {
  while (dirs.length) fs.rmSync(dirs.pop()!, { recursive: true, force: true });
});

async function loadError(dir: string, env: NodeJS.ProcessEnv = {}): Promise<SparkGuardError> {
  try {
    await loadConfig(dir, env);
  } catch (error) {
    return error as SparkGuardError;
  }
  throw new Error('expected a config error');
}

describe('mergeLayers', () => {
  it('merges objects by key, replaces arrays and scalars, ignores extends', () => {
    const merged = mergeLayers([
      { diff: { maxLines: 1, ignore: ['a', 'b'] }, secrets: { ignore: ['x'] }, extends: 'p' },
      { diff: { ignore: ['c'] }, secrets: true },
    ]);
    expect(merged).toEqual({ diff: { maxLines: 1, ignore: ['c'] }, secrets: true });
  });
});

describe('loadConfig', () => {
  it('uses the recommended preset when there is no config file', async () => {
    const loaded = await loadConfig(folder({}), {});
    expect(loaded.file).toBeNull();
    expect(loaded.config.diff.maxLines).toBe(150);
    expect(Object.keys(loaded.config.banned)).toEqual(
      expect.arrayContaining(['rm-rf', 'force-push', 'no-verify', 'curl-pipe-sh', 'chmod-777', 'git-reset-hard', 'git-clean']),
    );
  });

  it.each([
    ['package.json', JSON.stringify({ name: 'x', 'spark-guard': { diff: { maxLines: 11 } } })],
    ['.spark-guardrc', 'diff:\n  maxLines: 11\n'],
    ['.spark-guardrc.json', '{"diff":{"maxLines":11}}'],
    ['.spark-guardrc.yaml', 'diff:\n  maxLines: 11\n'],
    ['.spark-guardrc.yml', 'diff:\n  maxLines: 11\n'],
    ['.spark-guardrc.js', 'export default { diff: { maxLines: 11 } };'],
    ['.spark-guardrc.mjs', 'export default { diff: { maxLines: 11 } };'],
    ['.spark-guardrc.cjs', 'module.exports = { diff: { maxLines: 11 } };'],
    ['spark-guard.config.js', 'export default { diff: { maxLines: 11 } };'],
    ['spark-guard.config.mjs', 'export default { diff: { maxLines: 11 } };'],
    ['spark-guard.config.cjs', 'module.exports = { diff: { maxLines: 11 } };'],
    ['spark-guard.config.ts', "import type { Config } from 'spark-guard';\nconst c: Config = { diff: { maxLines: 11 } };\nexport default c;"],
  ])('finds %s', async (file, content) => {
    expect(SEARCH_PLACES).toContain(file);
    const dir = folder({ [file]: content, ...(file === 'package.json' ? {} : { 'package.json': '{"type":"module"}' }) });
    const loaded = await loadConfig(dir, {});
    expect(loaded.file).toBe(path.join(dir, file));
    expect(loaded.config.diff.maxLines).toBe(11);
  });

  it('SPARK_GUARD_CONFIG names a file explicitly', async () => {
    const dir = folder({ 'conf/custom.json': '{"diff":{"maxFiles":3}}', '.spark-guardrc.json': '{"diff":{"maxFiles":9}}' });
    const loaded = await loadConfig(dir, { SPARK_GUARD_CONFIG: path.join(dir, 'conf/custom.json') });
    expect(loaded.config.diff.maxFiles).toBe(3);
    const missing = await loadError(dir, { SPARK_GUARD_CONFIG: path.join(dir, 'nope.json') });
    expect(missing.message).toContain('SPARK_GUARD_CONFIG names');
  });

  it('resolves extends in order, extending file last, with provenance; false switches entries off', async () => {
    const dir = folder({
      'base.json': JSON.stringify({ extends: 'spark-guard/presets/strict', gates: { test: 'npm test', lint: 'eslint .' } }),
      '.spark-guardrc.json': JSON.stringify({ extends: ['./base.json'], banned: { 'rm-rf': false }, gates: { lint: false } }),
    });
    const loaded = await loadConfig(dir, {});
    expect(loaded.layers.map((l) => path.basename(l.file))).toEqual(['(defaults)', 'recommended.js', 'strict.js', 'base.json', '.spark-guardrc.json']);
    expect(loaded.config.diff.maxLines).toBe(30);
    expect(loaded.config.files.allowCreate).toBe(false);
    expect(loaded.config.banned['rm-rf']).toBeUndefined();
    expect(loaded.config.banned['force-push']).toBeDefined();
    expect(loaded.config.gates).toEqual({ test: { run: 'npm test' } });
    expect(loaded.sources['diff.maxLines']).toMatch(/strict\.js$/);
    expect(loaded.sources.gates).toMatch(/\.spark-guardrc\.json$/);
    expect(Object.isFrozen(loaded.config.diff)).toBe(true);
  });

  it("a rule's keywords belong to its pattern: replacing the pattern drops inherited keywords", async () => {
    const dir = folder({
      '.spark-guardrc.json': JSON.stringify({
        extends: 'spark-guard/presets/recommended',
        banned: { 'rm-rf': { pattern: 'Remove-Item\\s+-Recurse\\s+-Force' }, 'chmod-777': { pattern: 'chmod\\s+777', keywords: ['chmod'] } },
      }),
    });
    const { config } = await loadConfig(dir, {});
    expect(config.banned['rm-rf']!.keywords).toBeUndefined();
    expect(config.banned['chmod-777']!.keywords).toEqual(['chmod']);
    expect(config.banned['force-push']!.keywords).toEqual(['push']); // untouched rule keeps the preset's
  });

  it('accepts a bare built-in preset name', async () => {
    const loaded = await loadConfig(folder({ '.spark-guardrc.json': '{"extends":"strict"}' }), {});
    expect(loaded.config.diff.maxLines).toBe(30);
  });

  it('names the file, key path and expectation of an invalid layer, even in an extended file', async () => {
    const dir = folder({ 'team.json': '{"diff":{"maxLines":"x"}}', '.spark-guardrc.json': '{"extends":"./team.json"}' });
    const error = await loadError(dir);
    expect(error.kind).toBe('config');
    expect(error.message).toContain(`invalid configuration in ${path.join(dir, 'team.json')}`);
    expect(error.message).toContain('diff.maxLines: expected an integer ≥ 1 or false, got "x"');
  });

  it('reports unreadable files, unknown presets, missing files and packages, and cycles', async () => {
    expect((await loadError(folder({ '.spark-guardrc.json': '{ nope' }))).message).toMatch(/could not load the configuration .*\.spark-guardrc\.json/);
    expect((await loadError(folder({ '.spark-guardrc.json': '{"extends":"spark-guard/presets/nope"}' }))).message).toContain("unknown preset 'spark-guard/presets/nope'");
    expect((await loadError(folder({ '.spark-guardrc.json': '{"extends":"./missing"}' }))).message).toContain("extends './missing': no file at");
    expect((await loadError(folder({ '.spark-guardrc.json': '{"extends":"@acme/nothing"}' }))).message).toContain('npm i -D @acme/nothing');
    const cycle = await loadError(folder({ 'a.json': '{"extends":"./b.json"}', 'b.json': '{"extends":"./a.json"}', '.spark-guardrc.json': '{"extends":"./a.json"}' }));
    expect(cycle.message).toMatch(/extends cycle: .*a\.json → .*b\.json → .*a\.json/);
  });

  it('resolves an ESM-only preset package through its exports', async () => {
    const dir = folder({
      'node_modules/@acme/preset/package.json': JSON.stringify({ name: '@acme/preset', type: 'module', exports: { '.': { import: './main.js' } } }),
      'node_modules/@acme/preset/main.js': 'export default { diff: { maxFiles: 4 } };',
      '.spark-guardrc.json': '{"extends":"@acme/preset"}',
    });
    expect((await loadConfig(dir, {})).config.diff.maxFiles).toBe(4);
  });
});

describe('catastrophic regexes', () => {
  it('a banned pattern that backtracks catastrophically is a config error naming the rule and file', async () => {
    const dir = folder({ '.spark-guardrc.json': JSON.stringify({ extends: 'recommended', banned: { evil: { pattern: '^(a+)+$' } } }) });
    const error = await loadError(dir);
    expect(error.message).toContain(`banned.evil.pattern in ${path.join(dir, '.spark-guardrc.json')} backtracks catastrophically`);
    expect(error.details.keyPath).toBe('banned.evil.pattern');
  });

  it('the default list passes the check', async () => {
    const loaded = await loadConfig(folder({ '.spark-guardrc.json': '{"extends":"recommended"}' }), {});
    expect(Object.keys(loaded.config.banned)).toContain('rm-rf');
  });
});
