/**
 * No import cycles in src/, type-only imports included: a cycle is two modules that cannot be
 * understood (or loaded, or split) one without the other. Dynamic `import()`s are the lazy edges
 * that keep start-up cheap and are left out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const src = path.resolve(import.meta.dirname, '../../src');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

/** The relative modules a file imports or re-exports statically (`import type` too), as src-relative .ts paths. */
function staticImports(file: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\b[^;'"]*?\bfrom\s+'(\.{1,2}\/[^']+)'|^import\s+'(\.{1,2}\/[^']+)'/gm)) {
    const spec = (m[1] ?? m[2])!;
    out.push(path.relative(src, path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts'))));
  }
  return out;
}

/** Every cycle's modules, each cycle once (Tarjan's strongly connected components of more than one module, or a self-import). */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('import cycles', () => {
  it('finds a cycle when there is one (the check can fail)', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(cycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    expect(staticImports(path.join(src, 'x/y.ts'), "import type { A } from '../z.js';\nexport { B } from './w.js';\nconst c = await import('./lazy.js');")).toEqual(['z.ts', 'x/w.ts']);
  });

  it('src/ has none, type-only imports included', () => {
    const graph = new Map(files(src).map((f) => [path.relative(src, f), staticImports(f, fs.readFileSync(f, 'utf8'))]));
    expect(cycles(graph).map((c) => c.join(' ⇄ '))).toEqual([]);
  });
});
