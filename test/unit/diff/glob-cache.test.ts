import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import picomatch from 'picomatch';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { packageVersion } from '../../../src/paths.js';

// Each test imports a fresh copy of the module: the glob cache and the matchers are module state.
async function freshStats() {
  vi.resetModules();
  return import('../../../src/diff/stats.js');
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-guard-globs-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const GLOBS = ['**/*.pem', '*.key', 'secrets/**', '.env*', 'docs/[abc]*.md', '**/id_{rsa,ed25519}', 'a[1].txt', '**/dist/**'];
const PATHS = ['x.pem', 'a/b/c.pem', 'deep/server.key', 'server.key.txt', 'secrets/a/b', 'src/secrets/a', '.env', 'app/.env.local', 'docs/a1.md', 'docs/d.md', 'home/id_rsa', 'id_ed25519', 'a[1].txt', 'pkg/dist/x.js', 'dist', ''];

/** picomatch itself, as spark-guard uses it: dotfiles on, a glob without a slash matches the file name at any depth. */
function reference(globs: string[]) {
  const byPath = picomatch(globs.filter((g) => g.includes('/')), { dot: true });
  const byName = picomatch(globs.filter((g) => !g.includes('/')), { dot: true });
  return (p: string) => byPath(p) || byName(p.slice(p.lastIndexOf('/') + 1));
}

describe('compiled glob cache', () => {
  it('matches exactly as picomatch does, compiled now and read back from the cache', async () => {
    const file = path.join(dir, 'globs.json');
    const first = await freshStats();
    first.useGlobCache(file);
    const compiled = first.globMatcher(GLOBS);
    first.saveGlobCache();
    expect(fs.existsSync(file)).toBe(true);

    const second = await freshStats();
    second.useGlobCache(file);
    const cached = second.globMatcher(GLOBS);
    const expected = reference(GLOBS);
    for (const p of PATHS) {
      expect([p, compiled(p)]).toEqual([p, expected(p)]);
      expect([p, cached(p)]).toEqual([p, expected(p)]);
    }
  });

  it('uses the saved regex instead of compiling again, and writes nothing when nothing is new', async () => {
    const file = path.join(dir, 'globs.json');
    const key = JSON.stringify(['*.pem']);
    // A saved entry that differs from what picomatch would make: only a matcher built from the cache follows it.
    fs.writeFileSync(file, JSON.stringify({ version: packageVersion(), globs: { [key]: { path: [], name: [['*.pem', '^only-this$']] } } }));
    const before = fs.statSync(file).mtimeMs;
    const stats = await freshStats();
    stats.useGlobCache(file);
    const matcher = stats.globMatcher(['*.pem']);
    expect(matcher('x.pem')).toBe(false);
    expect(matcher('only-this')).toBe(true);
    stats.saveGlobCache();
    expect(fs.statSync(file).mtimeMs).toBe(before);
  });

  it("ignores another version's cache, and a damaged one", async () => {
    const file = path.join(dir, 'globs.json');
    const key = JSON.stringify(['*.pem']);
    fs.writeFileSync(file, JSON.stringify({ version: '0.0.0-other', globs: { [key]: { path: [], name: [['*.pem', '^only-this$']] } } }));
    let stats = await freshStats();
    stats.useGlobCache(file);
    expect(stats.globMatcher(['*.pem'])('x.pem')).toBe(true);
    stats.saveGlobCache();
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).version).toBe(packageVersion());

    fs.writeFileSync(file, '{ not json');
    stats = await freshStats();
    stats.useGlobCache(file);
    expect(stats.globMatcher(['*.pem'])('a/b/x.pem')).toBe(true);
  });

  it('the common shapes, matched without a regex, agree with picomatch', async () => {
    const stats = await freshStats();
    const globs = [
      ['**/*.{sh,bash,zsh,ksh,fish}'],
      ['**/{Makefile,makefile,GNUmakefile,Justfile}'],
      ['**/*.mk'],
      ['**/package.json'],
      ['**/*.{yml,yaml}', '**/{Dockerfile,Containerfile}'],
      ['**/*.{Dockerfile,dockerfile}'],
      ['**/.env'],
      ['**/*.d.ts'],
    ];
    const paths = ['a.sh', 'x/y/z.bash', '.sh', 'a/.sh', 'a.sh.bak', 'ash', 'a/b.SH', 'Makefile', 'src/Makefile', 'Makefile.am', 'xMakefile', 'a/GNUmakefile', 'rules.mk', '.mk', 'a/b/package.json', 'package.json5', 'apackage.json', 'ci.yml', '.github/workflows/ci.yaml', 'Dockerfile', 'app.Dockerfile', 'Dockerfile.dev', '.env', 'a/.env', '.env.local', 'x.d.ts', 'a/x.d.ts', 'x.ts', '.git/x.sh', 'a/.hidden/b.mk', 'a b/c d.sh', 'é/ü.sh'];
    for (const list of globs) {
      const ours = stats.globMatcher(list);
      const expected = reference(list);
      for (const p of paths) expect([list, p, ours(p)]).toEqual([list, p, expected(p)]);
    }
  });

  it('compiles without a cache (the guard, the API) and never writes one then', async () => {
    const stats = await freshStats();
    expect(stats.globMatcher(['**/*.pem'])('a/x.pem')).toBe(true);
    stats.saveGlobCache();
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
