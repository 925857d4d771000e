import { describe, expect, it } from 'vitest';
import { planCommandGates } from '../../../src/gates/index.js';
import type { Scope } from '../../../src/config/scope.js';
import type { ResolvedConfig } from '../../../src/config/types.js';
import { shellQuote } from '../../../src/text.js';

const scope = (dir: string, gates: Record<string, { run: string }>, homes: Record<string, { dir: string; file: string }> = {}): Scope =>
  ({ dir, config: { gates } as unknown as ResolvedConfig, configFile: null, gateHomes: homes }) as Scope;

describe('planCommandGates', () => {
  it('an inherited gate is one gate with its definer, run at home, judging both scopes; own gates stay in their package', () => {
    const types = { run: 'npm run typecheck' };
    const root = scope('', { types }, { types: { dir: '', file: 'spark-guard.config.mjs' } });
    const api = scope('packages/api', { types, test: { run: 'vitest related --run {files}' } }, { types: { dir: '', file: 'spark-guard.config.mjs' }, test: { dir: 'packages/api', file: 'packages/api/spark-guard.config.mjs' } });
    const plan = planCommandGates(root.config, [api, root]);
    expect(plan.map((p) => [p.id, p.home, [...p.owners].sort(), p.definedIn])).toEqual([
      ['types', '', ['', 'packages/api'], 'spark-guard.config.mjs'],
      ['packages/api › test', 'packages/api', ['packages/api'], 'packages/api/spark-guard.config.mjs'],
    ]);
  });

  it('the same name with other settings stays apart, under its own id', () => {
    const root = scope('', { test: { run: 'a' } }, { test: { dir: '', file: 'x' } });
    const pkg = scope('packages/b', { test: { run: 'b' } }, { test: { dir: '', file: 'x' } });
    const ids = planCommandGates(root.config, [pkg, root]).map((p) => p.id);
    expect(new Set(ids).size).toBe(2);
  });
});

describe('shellQuote', () => {
  it.each([
    ['src/a.ts', 'src/a.ts'],
    ['a b.ts', "'a b.ts'"],
    ["it's.ts", "'it'\\''s.ts'"],
    ['$HOME.md', "'$HOME.md'"],
    ['-rf', './-rf'],
    ['new\nline', "'new\nline'"],
  ])('%j → %s', (input, quoted) => expect(shellQuote(input)).toBe(quoted));
});
