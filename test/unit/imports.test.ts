import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const src = path.resolve(import.meta.dirname, '../../src');
const ALLOWED: Record<string, string> = { openai: 'review/client.ts', 'lint-staged': 'lint/child.ts', 'playwright-core': 'browser/driver.ts' };

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('startup stays cheap', () => {
  it.each(Object.entries(ALLOWED))('%s is imported only by %s, and only dynamically', (pkg, allowed) => {
    for (const file of files(src)) {
      const text = fs.readFileSync(file, 'utf8');
      const rel = path.relative(src, file);
      expect(text, `${rel} imports ${pkg} statically`).not.toMatch(new RegExp(`^import (?!type )[^;]*from '${pkg}(/[^']*)?';`, 'm'));
      if (rel !== allowed) expect(text, `${rel} imports ${pkg}`).not.toMatch(new RegExp(`import\\('${pkg}`));
    }
  });

  it('nothing sorts with localeCompare or Intl (ICU collation data costs ~20 ms a process on first use)', () => {
    for (const file of files(src)) {
      expect(fs.readFileSync(file, 'utf8'), path.relative(src, file)).not.toMatch(/\.localeCompare\(|\bIntl\./);
    }
  });
});
