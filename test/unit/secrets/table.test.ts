import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { secretRules } from '../../../src/secrets/detect.js';
import { secretRulesTable, withRulesTable } from '../../../src/secrets/table.js';

const readme = readFileSync(new URL('../../../docs/secret-rules.md', import.meta.url), 'utf8');

describe("docs/secret-rules.md's rule table", () => {
  it('is the one the rules generate (run `npm run docs:secrets` after changing a rule)', () => {
    expect(withRulesTable(readme)).toBe(readme);
  });

  it('has a row for every rule, with its provider, label and a masked shape', () => {
    const table = secretRulesTable();
    for (const r of secretRules()) expect(table).toContain(`| \`${r.id}\` | ${r.provider.replace(/\|/g, '\\|')} |`);
    expect(table.split('\n')).toHaveLength(secretRules().length + 2);
    for (const r of secretRules()) expect(r.shape, r.id).toMatch(/\*\*\*\*|\.\.\.|…/);
  });

  it('a stale table is replaced, the rest of the file kept', () => {
    const stale = readme.replace(/\| `aws-access-key` \|[^\n]*\n/, '');
    expect(stale).not.toBe(readme);
    expect(withRulesTable(stale)).toBe(readme);
  });
});
