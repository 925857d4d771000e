#!/usr/bin/env node
// Agreement of `spark-guard guard` with the peer corpus (../shared/corpus/peer-guard-commands.tsv,
// read at run time, never copied): on the rows mapped to our rules, how often our verdict is the
// corpus's `sg_expected`. Run after `npm run build`: node scripts/measure-guard.mjs [corpus.tsv] [--misses]
import fs from 'node:fs';
import vm from 'node:vm';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--')) ?? path.join(root, '..', '..', 'shared', 'corpus', 'peer-guard-commands.tsv');
const showMisses = args.includes('--misses');
// dist/guard.cjs is the function bin/spark-guard.cjs runs as a vm.Script (scripts/bundle.mjs): called the same way here.
const bundle = path.join(root, 'dist', 'guard.cjs');
const guardModule = { exports: {} };
new vm.Script(fs.readFileSync(bundle, 'latin1'), { filename: bundle }).runInThisContext()(guardModule.exports, createRequire(bundle), guardModule, bundle, path.dirname(bundle));
const { judgeForMeasure } = guardModule.exports;
const preset = (await import(path.join(root, 'presets', 'recommended.js'))).default;

const decode = (s) => s.replace(/\\(\\|t|n|r)/g, (_, c) => ({ '\\': '\\', t: '\t', n: '\n', r: '\r' })[c]);
const [header, ...rows] = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
const cols = header.split('\t');
const col = (name) => cols.indexOf(name);
const byRule = new Map();
let agree = 0;
let total = 0;
const misses = [];
for (const row of rows) {
  const f = row.split('\t');
  const rule = f[col('sg_rule')];
  if (rule === '-' || !rule) continue;
  const expected = f[col('sg_expected')];
  const command = decode(f[col('command')]);
  const hits = judgeForMeasure(command, preset.banned);
  const ours = hits.includes(rule) ? 'block' : 'allow';
  const ok = ours === expected;
  total++;
  if (ok) agree++;
  else misses.push(`${rule}\texpected ${expected}\t${f[col('sg_status')]}\t${JSON.stringify(command)}`);
  const r = byRule.get(rule) ?? { agree: 0, total: 0 };
  r.total++;
  if (ok) r.agree++;
  byRule.set(rule, r);
}
for (const [rule, r] of byRule) console.log(`${rule.padEnd(24)} ${r.agree}/${r.total}`);
console.log(`agreement on mapped rows: ${agree}/${total} = ${((100 * agree) / total).toFixed(1)}%`);
if (showMisses) console.log(misses.join('\n'));
