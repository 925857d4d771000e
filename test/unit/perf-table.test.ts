import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { perfTables, withPerfTables } from '../../scripts/perf-table.mjs';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const latest = JSON.parse(readFileSync(new URL('../../bench/results/latest.json', import.meta.url), 'utf8'));

describe("README's performance tables", () => {
  it('are the ones bench/results/latest.json generates (run `npm run docs:perf` after `npm run bench`)', () => {
    expect(withPerfTables(readme, latest)).toBe(readme);
  });

  it('show every commit setup and every budgeted case of latest.json', () => {
    const tables = perfTables(latest);
    const c = latest.cases as Record<string, { median?: number }>;
    for (const [name, v] of Object.entries(c)) {
      if (name.startsWith('commit: ') && v.median !== undefined) expect(tables).toContain(`| ${Math.round(v.median)} ms |`);
    }
    const budgeted = Object.values(c).filter((v) => 'budgetMs' in v || 'goalMs' in v || 'goalOverMs' in v || 'budgetOverNodeMs' in v).length;
    expect(tables.match(/\| (met|\*\*not met\*\*) \|/g)?.length ?? 0).toBeGreaterThanOrEqual(budgeted);
  });

  it('compute "met" from the figures: a commit over the budgets reads not met', () => {
    const slow = structuredClone(latest);
    slow.cases['commit: spark-guard'] = { ...slow.cases['commit: spark-guard'], ratioToHuskyLintStaged: 0.61, overNodeFloorMs: 31 };
    slow.cases['three 1-second gates'] = { median: 1500, budgetMs: 1500 };
    const tables = perfTables(slow);
    expect(tables).toContain('| `git commit -m`, ratio to husky + lint-staged (SPEC §9) | 0.61× | ≤ 0.6× | **not met** |');
    expect(tables).toContain('| `git commit -m`, over the Node floor (SPEC §9) | +31.0 ms | ≤ 30 ms | **not met** |');
    expect(tables).toContain('| three 1-second command gates (cold cache) (SPEC §9) | 1500 ms | < 1500 ms | **not met** |');
    expect(withPerfTables(readme, slow)).not.toBe(readme);
  });
});
