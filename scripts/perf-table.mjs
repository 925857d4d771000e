#!/usr/bin/env node
// npm run docs:perf: writes the README's performance tables between `<!-- perf:start -->` and
// `<!-- perf:end -->` from bench/results/latest.json (what `npm run bench` last measured). Every
// figure in them comes from that file; "met" is computed from the figure and its budget.
// test/unit/perf-table.test.ts fails when the README's tables are stale against latest.json.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const START = '<!-- perf:start -->';
export const END = '<!-- perf:end -->';

const ms = (x) => `${Math.round(x)} ms`;
const plus = (x) => `${x < 0 ? '−' : '+'}${Math.abs(Math.round(x))} ms`;
const met = (ok) => (ok ? 'met' : '**not met**');

/** The Markdown between the markers, from a parsed latest.json. */
export function perfTables(latest) {
  const c = latest.cases ?? {};
  const out = [];
  out.push(`Measured ${String(latest.date ?? '').slice(0, 10)} with Node ${String(latest.node ?? '').replace(/^v/, '')}, ${latest.runs} runs round-robin (\`npm run bench\`).`);

  const commits = Object.entries(c).filter(([k]) => k.startsWith('commit: '));
  if (commits.length) {
    const label = {
      'commit: no hooks': 'no hooks',
      'commit: spark-guard': '**spark-guard** (recommended preset, review off, no command gates)',
      'commit: husky + lint-staged': 'husky 9 + lint-staged 16 running a no-op task',
      'commit: husky node -e 0 (Node floor)': 'husky running `node -e 0` in pre-commit and commit-msg (the Node floor)',
      'commit: lefthook': 'lefthook 2 running one no-op command',
      'commit: pre-commit': 'pre-commit (Python)',
    };
    out.push('', 'Whole `git commit -m` of a 3-file, ~100-line change:', '');
    out.push('| setup | median | ratio to husky + lint-staged | over the Node floor |', '| --- | --- | --- | --- |');
    for (const [k, v] of commits) {
      out.push(`| ${label[k] ?? k.slice(8)} | ${ms(v.median)} | ${v.ratioToHuskyLintStaged.toFixed(2)}× | ${v.overNodeFloorMs === 0 ? '0' : plus(v.overNodeFloorMs)} |`);
    }
  }

  const rows = [];
  const row = (what, figure, budget, ok, source) => rows.push(`| ${what} (${source}) | ${figure} | ${budget} | ${ok === undefined ? '—' : met(ok)} |`);
  const sg = c['commit: spark-guard'];
  if (sg) {
    row('`git commit -m`, ratio to husky + lint-staged', `${sg.ratioToHuskyLintStaged.toFixed(2)}×`, '≤ 0.6×', sg.ratioToHuskyLintStaged <= 0.6, 'SPEC §9');
    row('`git commit -m`, over the Node floor', `${sg.overNodeFloorMs >= 0 ? '+' : '−'}${Math.abs(sg.overNodeFloorMs).toFixed(1)} ms`, '≤ 30 ms', sg.overNodeFloorMs <= 30, 'SPEC §9');
  }
  const big = c['100k-line diff, gates 1-4'];
  if (big) row('100,000-line, 1,000-file staged diff, gates 1–4', `${ms(big.median)}, ${Math.round(big.peakMb)} MB peak RSS`, `< ${big.budgetMs} ms, < ${big.budgetMb} MB`, big.median < big.budgetMs && big.peakMb < big.budgetMb, 'SPEC §9');
  const three = c['three 1-second gates'];
  if (three) row('three 1-second command gates (cold cache)', ms(three.median), `< ${three.budgetMs} ms`, three.median < three.budgetMs, 'SPEC §9');
  const again = c['re-check of a verified tree'];
  if (again) row('the same staged tree checked again', `${ms(again.median)}, ${again.allCached ? 'every gate `cached`' : 'a gate ran again'}`, 'no gate runs again', again.allCached === true, 'SPEC §9');
  const rev = c['review overhead'];
  if (rev) row('review against a local server that answers at once', plus(rev.medianAddedMs), `< ${rev.budgetMs} ms`, rev.medianAddedMs < rev.budgetMs, 'SPEC §9');
  const revGate = c['review beside a 1-second gate'];
  if (revGate) row('review beside a 1-second gate (the process)', plus(revGate.medianAddedMs), 'overlaps the gate', undefined, 'SPEC §9');
  for (const [k, v] of Object.entries(c).filter(([k]) => k.startsWith('guard: ') && k !== 'guard: node -e 0')) {
    row(`\`spark-guard ${k.slice(7)}\`, over \`node -e 0\``, plus(v.overNodeMs), `≤ ${v.budgetOverNodeMs ?? 20} ms`, v.overNodeMs <= (v.budgetOverNodeMs ?? 20), 'issue 18');
  }
  const docs = c['docs gate, one staged Markdown file'];
  if (docs) row('pre-commit staging one Markdown file, docs on vs off', plus(docs.medianAddedMs), `≤ ${docs.budgetMs} ms`, docs.medianAddedMs <= docs.budgetMs, 'issue 17');
  const all = c['docs --all, 1,000 files of 100 links'];
  if (all) row('`docs --all`, 1,000 pages of 100 links', `${ms(all.median)} (first run, nothing cached: ${ms(all.cold)})`, `< ${all.budgetMs} ms`, all.median < all.budgetMs, 'issue 17');
  const ver = c['verify: three 1-second commands'];
  if (ver) row('VERIFY.md, three 1-second commands', ms(ver.median), `< ${ver.budgetMs} ms`, ver.median < ver.budgetMs, 'issue 17');
  const verc = c['verify: cached, added to the commit'];
  if (verc) row('VERIFY.md all cached (a retried commit)', plus(verc.medianAddedMs), '—', undefined, 'issue 17');
  const br = c['browser gate, two pages'];
  if (br) row('browser gate, two pages', ms(br.median), `goal < ${br.goalMs} ms`, br.median < br.goalMs, 'issue 19');
  const brg = c['browser gate beside a 1-second gate'];
  if (brg) row('browser gate beside a 1-second gate, over the slowest gate', plus(brg.overSlowestGateMs), `goal ≤ ${brg.goalOverMs} ms`, brg.overSlowestGateMs <= brg.goalOverMs, 'issue 19');
  for (const [k, v] of Object.entries(c).filter(([k]) => k.startsWith('secrets gate alone, '))) {
    row(`${k} (100,000 lines, 1,000 files)`, `${ms(v.median)} for \`check\`, the gate ${ms(v.gateMs)}`, '—', undefined, 'issue 16');
  }
  if (rows.length) out.push('', '| case (budget from) | figure | budget | met? |', '| --- | --- | --- | --- |', ...rows);

  // Single-process start-up and import costs are contributors' figures: `npm run bench` prints them and
  // latest.json keeps them; the README shows what a user's commit costs.
  return out.join('\n');
}

/** The README with its performance tables replaced by what latest.json says. */
export function withPerfTables(readme, latest) {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README.md has no ${START} … ${END} markers`);
  return `${readme.slice(0, a + START.length)}\n<!-- generated by \`npm run docs:perf\` from bench/results/latest.json; do not edit -->\n${perfTables(latest)}\n${readme.slice(b)}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const readmePath = path.join(root, 'README.md');
  const before = fs.readFileSync(readmePath, 'utf8');
  const after = withPerfTables(before, JSON.parse(fs.readFileSync(path.join(root, 'bench/results/latest.json'), 'utf8')));
  if (after !== before) fs.writeFileSync(readmePath, after);
  console.log(after === before ? 'README.md: the performance tables are up to date' : 'README.md: performance tables written');
}
