/** The starter `spark-guard.config.mjs`: extends recommended and spells out the detected gates. */
import fs from 'node:fs';
import path from 'node:path';
import type { PackageJson } from './package-json.js';

export const STARTER_FILE = 'spark-guard.config.mjs';

export interface DetectedGate {
  name: string;
  run: string;
  when?: string[];
}

export function detectGates(root: string, pkg: PackageJson | null): DetectedGate[] {
  const scripts: Record<string, string> = pkg?.data.scripts ?? {};
  const gates: DetectedGate[] = [];
  const testScript = scripts.test;
  if (testScript && !/no test specified/.test(testScript)) gates.push({ name: 'test', run: 'npm test' });
  if (fs.existsSync(path.join(root, 'tsconfig.json'))) {
    gates.push({
      name: 'types',
      run: scripts.typecheck ? 'npm run typecheck' : 'tsc --noEmit',
      when: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts', 'tsconfig*.json'],
    });
  }
  return gates;
}

export function starterConfig(gates: DetectedGate[]): string {
  const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const gateLines = gates.map((g) =>
    g.when
      ? `    ${g.name}: { run: ${q(g.run)}, when: [${g.when.map(q).join(', ')}] },`
      : `    ${g.name}: ${q(g.run)},`,
  );
  return [
    '// spark-guard configuration: every key and its default is in the README (Configuration).',
    "/** @type {import('spark-guard').Config} */",
    'export default {',
    "  extends: ['spark-guard/presets/recommended'],",
    '  gates: {',
    ...(gateLines.length ? gateLines : ["    // test: 'npm test',"]),
    '  },',
    '};',
    '',
  ].join('\n');
}
