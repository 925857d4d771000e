#!/usr/bin/env node
// node scripts/measure-secrets.mjs [corpus dir] [--misses RULE|all] [--fps] [--keep]
//
// Measures the secrets gate against gitleaks' rule test vectors (../shared/corpus, see its
// gitleaks-secrets.README.md): decodes gitleaks-secrets.tsv.gz.b64 at run time into a temp folder,
// writes every entry into its file (entries apart by a blank line), stages them in a temp repo, runs
// `check --staged --json --only secrets` with this checkout's build, and prints recall (true positives
// found at their file:line) and the false-positive rate (negatives flagged), by rule and by file.
// Nothing of the corpus is written into the project. Build first (`npm run build`).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  args.splice(i, value && !value.startsWith('--') ? 2 : 1);
  return value && !value.startsWith('--') ? value : true;
};
const showMisses = flag('--misses');
const showFps = flag('--fps');
const keep = flag('--keep');
const corpusDir = path.resolve(args[0] ?? path.join(root, '..', '..', 'shared', 'corpus'));
const source = path.join(corpusDir, 'gitleaks-secrets.tsv.gz.b64');
if (!fs.existsSync(source)) {
  console.error(`No corpus at ${source}: pass the folder holding gitleaks-secrets.tsv.gz.b64.`);
  process.exit(2);
}
const bin = path.join(root, 'bin', 'spark-guard.cjs');
if (!fs.existsSync(path.join(root, 'dist', 'cli.cjs'))) {
  console.error('No dist/cli.cjs: run `npm run build` first.');
  process.exit(2);
}

const unescapeField = (s) => s.replace(/\\(.)/g, (_, c) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\' })[c] ?? `\\${c}`);
const tsv = zlib.gunzipSync(Buffer.from(fs.readFileSync(source, 'utf8'), 'base64')).toString('utf8');
const entries = tsv
  .split('\n')
  .slice(1)
  .filter(Boolean)
  .map((row) => {
    const [rule, kind, file, ...rest] = row.split('\t');
    return { rule, kind, file, text: unescapeField(rest.join('\t')) };
  });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-guard-corpus-'));
const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
for (const k of Object.keys(env)) if (k.startsWith('SPARK_GUARD') || k.startsWith('GIT_DIR') || k === 'GIT_INDEX_FILE') delete env[k];
try {
  const files = new Map();
  for (const e of entries) {
    const lines = files.get(e.file) ?? [];
    if (lines.length > 0) lines.push('');
    e.first = lines.length + 1;
    lines.push(...e.text.split('\n'));
    e.last = lines.length;
    files.set(e.file, lines);
  }
  for (const [file, lines] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), lines.join('\n') + '\n');
  }
  execFileSync('git', ['init', '-q'], { cwd: dir, env });
  execFileSync('git', ['add', '-A', '-f'], { cwd: dir, env });
  // stdout to a file: through a pipe the CLI's exit may cut a long report at the pipe's 64 KiB.
  const out = path.join(os.tmpdir(), `${path.basename(dir)}.json`);
  const fd = fs.openSync(out, 'w');
  const run = spawnSync('node', [bin, 'check', '--staged', '--json', '--only', 'secrets'], { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', fd, 'pipe'] });
  fs.closeSync(fd);
  run.stdout = fs.readFileSync(out, 'utf8');
  fs.rmSync(out);
  let doc;
  try {
    doc = JSON.parse(run.stdout);
  } catch {
    console.error(`check did not print JSON (exit ${run.status}, ${run.stdout.length} chars):\n${run.stderr}${run.stdout.slice(-500)}`);
    process.exitCode = 1;
    throw new Error('no report');
  }
  const flagged = new Map(); // file → Set of lines
  for (const g of doc.gates) {
    for (const f of g.findings ?? []) {
      if (!flagged.has(f.file)) flagged.set(f.file, new Set());
      flagged.get(f.file).add(f.line);
    }
  }
  const hit = (e) => {
    const lines = flagged.get(e.file);
    if (!lines) return false;
    for (let l = e.first; l <= e.last; l++) if (lines.has(l)) return true;
    return false;
  };
  const tally = (key) => {
    const t = new Map();
    for (const e of entries) {
      const k = key(e);
      const row = t.get(k) ?? { tp: 0, found: 0, fp: 0, flagged: 0 };
      if (e.kind === 'tp') {
        row.tp++;
        if (hit(e)) row.found++;
      } else {
        row.fp++;
        if (hit(e)) row.flagged++;
      }
      t.set(k, row);
    }
    return t;
  };
  const tp = entries.filter((e) => e.kind === 'tp');
  const fp = entries.filter((e) => e.kind === 'fp');
  const found = tp.filter(hit).length;
  const falseAlarms = fp.filter(hit).length;
  const pct = (a, b) => `${((100 * a) / b).toFixed(1)}%`;

  const misses = (t, label) => {
    const rows = [...t].filter(([, r]) => r.found < r.tp).sort((a, b) => b[1].tp - b[1].found - (a[1].tp - a[1].found));
    if (rows.length === 0) return;
    console.log(`\nMisses by ${label} (missed/total):`);
    console.log('  ' + rows.map(([k, r]) => `${k} ${r.tp - r.found}/${r.tp}`).join(' · '));
  };
  misses(tally((e) => e.rule), 'rule');
  misses(tally((e) => e.file), 'file');
  const fpRows = [...tally((e) => e.rule)].filter(([, r]) => r.flagged > 0);
  if (fpRows.length) console.log(`\nFalse alarms by rule: ${fpRows.map(([k, r]) => `${k} ${r.flagged}/${r.fp}`).join(' · ')}`);

  if (showMisses) {
    console.log('\nMissed lines:');
    for (const e of tp) if (!hit(e) && (showMisses === true || showMisses === 'all' || e.rule === showMisses || e.file === showMisses)) console.log(`  ${e.rule}\t${e.file}\t${JSON.stringify(e.text).slice(0, 300)}`);
  }
  if (showFps) {
    console.log('\nFlagged negatives:');
    for (const e of fp) if (hit(e)) console.log(`  ${e.rule}\t${e.file}\t${JSON.stringify(e.text).slice(0, 300)}`);
  }
  console.log(`\nRecall ${pct(found, tp.length)} (${found}/${tp.length} at file:line) · false positives ${pct(falseAlarms, fp.length)} (${falseAlarms}/${fp.length}) · gate ${doc.gates[0]?.ms ?? '?'} ms`);
} finally {
  if (keep) console.log(`kept ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}
