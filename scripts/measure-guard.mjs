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
// dist/guard.cjs and dist/guard/shell.cjs are functions bin/spark-guard.cjs runs as a vm.Script (scripts/bundle.mjs): called the same way here.
function run(rel) {
  const bundle = path.join(root, 'dist', rel);
  const mod = { exports: {} };
  new vm.Script(fs.readFileSync(bundle, 'latin1'), { filename: bundle }).runInThisContext()(mod.exports, createRequire(bundle), mod, bundle, path.dirname(bundle));
  return mod.exports;
}
const { judgeForMeasure } = run('guard.cjs');
const { walk } = run('guard/shell.cjs');
const preset = (await import(path.join(root, 'presets', 'recommended.js'))).default;

const decode = (s) => s.replace(/\\(\\|t|n|r)/g, (_, c) => ({ '\\': '\\', t: '\t', n: '\n', r: '\r' })[c]);
const [header, ...rows] = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
const cols = header.split('\t');
const col = (name) => cols.indexOf(name);
const byRule = new Map();
let agree = 0;
let total = 0;
const misses = [];
// The guard answers a line without the parser only when no rule could match it (mayBreak): never one the parser would block.
let withoutParser = 0;
const unsound = [];
for (const row of rows) {
  const command = decode(row.split('\t')[col('command')]);
  const { parsed, parser } = judgeForMeasure(command, preset.banned, walk);
  if (!parser) withoutParser++;
  if (!parser && parsed.length) unsound.push(`${parsed.join(',')}\t${JSON.stringify(command)}`);
}
for (const row of rows) {
  const f = row.split('\t');
  const rule = f[col('sg_rule')];
  if (rule === '-' || !rule) continue;
  const expected = f[col('sg_expected')];
  const command = decode(f[col('command')]);
  const hits = judgeForMeasure(command, preset.banned, walk).rules;
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
console.log(`answered without the parser: ${withoutParser}/${rows.length} rows; of them blocked by the parser: ${unsound.length}`);
if (unsound.length) {
  console.log(unsound.join('\n'));
  process.exitCode = 1;
}
if (showMisses) console.log(misses.join('\n'));
