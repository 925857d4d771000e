/** The starter `spark-guard.config.mjs`: extends recommended and spells out the detected gates. */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { detectPackageManager, type PackageJson, type PackageManager } from './package-json.js';

export const STARTER_FILE = 'spark-guard.config.mjs';

export interface DetectedGate {
  name: string;
  run: string;
  when?: string[];
}

const CODE_EXTENSIONS = ['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs', 'vue', 'svelte'];
const TS_GLOBS = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts', 'tsconfig*.json'];
/** The project's own type-check script, by the names projects give it. */
const TYPECHECK_SCRIPTS = ['typecheck', 'type-check', 'check-types', 'types', 'tsc', 'check:types', 'types:check', 'lint:types'];

/** A package.json script through the package manager (`bun test` would be bun's own runner, hence `bun run`). */
function runScript(pm: PackageManager, script: string): string {
  if (pm === 'npm' && script === 'test') return 'npm test';
  return pm === 'yarn' ? `yarn ${script}` : `${pm} run ${script}`;
}

/** A binary of the project's devDependencies, through its package manager (never a download in pnpm/yarn). */
function execBin(pm: PackageManager, bin: string): string {
  return { npm: `npx ${bin}`, pnpm: `pnpm exec ${bin}`, yarn: `yarn ${bin}`, bun: `bunx ${bin}` }[pm];
}

/** The code extensions git tracks here (none yet: JavaScript and TypeScript). */
function sourceExtensions(root: string): string[] {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const found = new Set<string>();
  for (const file of (listed.stdout ?? '').split('\0')) {
    const ext = /\.([a-z]+)$/.exec(file)?.[1];
    if (ext && CODE_EXTENSIONS.includes(ext) && !file.split('/').includes('node_modules')) found.add(ext);
  }
  return found.size ? CODE_EXTENSIONS.filter((e) => found.has(e)) : ['ts', 'js'];
}

function codeGlob(exts: string[]): string {
  return exts.length === 1 ? `**/*.${exts[0]}` : `**/*.{${exts.join(',')}}`;
}

function has(pkg: PackageJson | null, dep: string): boolean {
  return ['dependencies', 'devDependencies'].some((k) => pkg?.data[k]?.[dep] !== undefined);
}

/**
 * SPEC §2: a `test` gate when package.json has a test script — only the tests related to the staged
 * files where the runner supports it (the full suite belongs in CI) — and a `types` gate when
 * tsconfig.json exists (the project's own typecheck script, else `tsc --noEmit`), each run through
 * the package manager the lockfile shows and with `when` globs that fit the sources.
 */
export function detectGates(root: string, pkg: PackageJson | null): DetectedGate[] {
  const scripts: Record<string, string> = pkg?.data.scripts ?? {};
  const pm = detectPackageManager(root);
  const gates: DetectedGate[] = [];
  const testScript = scripts.test;
  if (testScript && !/no test specified/.test(testScript)) {
    const code = codeGlob(sourceExtensions(root));
    if (/\bvitest\b/.test(testScript) || (has(pkg, 'vitest') && !/\bjest\b/.test(testScript))) {
      gates.push({ name: 'test', run: `${execBin(pm, 'vitest')} related --run --passWithNoTests {files}`, when: [code] });
    } else if (/\bjest\b/.test(testScript) || has(pkg, 'jest')) {
      gates.push({ name: 'test', run: `${execBin(pm, 'jest')} --findRelatedTests --passWithNoTests {files}`, when: [code] });
    } else {
      gates.push({ name: 'test', run: runScript(pm, 'test'), when: [code, 'package.json'] });
    }
  }
  if (fs.existsSync(path.join(root, 'tsconfig.json'))) {
    const own = TYPECHECK_SCRIPTS.find((s) => scripts[s]);
    gates.push({ name: 'types', run: own ? runScript(pm, own) : `${execBin(pm, 'tsc')} --noEmit`, when: TS_GLOBS });
  }
  return gates;
}

export function starterConfig(gates: DetectedGate[], pm: PackageManager = 'npm'): string {
  const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const gateLines = gates.map((g) =>
    g.when
      ? `    ${g.name}: { run: ${q(g.run)}, when: [${g.when.map(q).join(', ')}] },`
      : `    ${g.name}: ${q(g.run)},`,
  );
  const related = gates.some((g) => g.run.includes('{files}'));
  return [
    '// spark-guard configuration: every key and its default is in the README (Configuration).',
    ...(related ? ['// {files}: the staged files matching `when`. A commit runs the related tests only; run the full suite in CI.'] : []),
    "/** @type {import('spark-guard').Config} */",
    'export default {',
    "  extends: ['spark-guard/presets/recommended'],",
    '  gates: {',
    ...(gateLines.length ? gateLines : [`    // test: { run: '${runScript(pm, 'test')}', when: ['src/**'] },`]),
    '  },',
    '};',
    '',
  ].join('\n');
}
