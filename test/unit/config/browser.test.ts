import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { SparkGuardError } from '../../../src/errors.js';
import { buildGates, knownGateIds } from '../../../src/gates/index.js';
import { makeTempDir } from '../../helpers/repo.js';

const dirs: string[] = [];
function folder(files: Record<string, unknown>): string {
  const dir = makeTempDir();
  dirs.push(dir);
  for (const [file, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), JSON.stringify(content));
  return dir;
}
afterEach(() => {
  while (dirs.length) fs.rmSync(dirs.pop()!, { recursive: true, force: true });
});

describe('browser config', () => {
  it('is off by default: no gate, but the id is known (SPARK_GUARD_SKIP=browser never warns)', async () => {
    const { config } = await loadConfig(folder({ '.spark-guardrc.json': {} }), {});
    expect(config.browser).toBe(false);
    expect((await buildGates(config)).map((g) => g.id)).not.toContain('browser');
    expect(knownGateIds(config)).toContain('browser');
  });

  it('fills the defaults; the gate runs after the command gates, before the review', async () => {
    const { config } = await loadConfig(folder({ '.spark-guardrc.json': { gates: { test: 'true' }, browser: { url: 'http://127.0.0.1:{port}' } } }), {});
    expect(config.browser).toMatchObject({ url: 'http://127.0.0.1:{port}', pages: ['/'], startTimeoutMs: 30000, pageTimeoutMs: 30000, allowConsole: [] });
    expect((await buildGates(config)).map((g) => g.id).slice(-3)).toEqual(['test', 'browser', 'review']);
  });

  it('a layer may switch an inherited browser gate off, or change one key of it', async () => {
    const base = { browser: { url: 'http://127.0.0.1:3000', pages: ['/a'] } };
    const off = await loadConfig(folder({ 'base.json': base, '.spark-guardrc.json': { extends: './base.json', browser: false } }), {});
    expect(off.config.browser).toBe(false);
    const more = await loadConfig(folder({ 'base.json': base, '.spark-guardrc.json': { extends: './base.json', browser: { pages: ['/b'] } } }), {});
    expect(more.config.browser).toMatchObject({ url: 'http://127.0.0.1:3000', pages: ['/b'] });
  });

  it('without url, or with a bad allowConsole regex, is a config error naming the key', async () => {
    const noUrl = await loadConfig(folder({ '.spark-guardrc.json': { browser: { pages: ['/'] } } }), {}).catch((e: SparkGuardError) => e);
    expect(noUrl).toBeInstanceOf(SparkGuardError);
    expect((noUrl as SparkGuardError).message).toContain('browser.url is missing');
    const bad = await loadConfig(folder({ '.spark-guardrc.json': { browser: { url: 'http://x', allowConsole: ['('] } } }), {}).catch((e: SparkGuardError) => e);
    expect((bad as SparkGuardError).message).toContain('browser.allowConsole[0]');
  });
});
