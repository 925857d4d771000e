#!/usr/bin/env node
// npm run bench [-- --quick] [-- --case secrets|browser|guard|agent|commit]: side-by-side timings in one run, medians and ratios, results in
// bench/results/latest.json. NODE_EXTRA_CA_CERTS is unset for every timed child.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { bin, env, fmt, measure, median, removeTemp, root, roundRobin, sh, tempRepo } from './lib.mjs';
import { installTemplate, makeSetups, removeSetups, timeCommit } from './peers.mjs';

const quick = process.argv.includes('--quick');
/** `--case secrets`: only that case. `--baseline <dir>`: a built checkout (e.g. a clone of main) timed beside this one. */
const argAfter = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const onlyCase = argAfter('--case');
const baseline = argAfter('--baseline');
const runs = quick ? 5 : 20;
const results = { node: process.version, runs, date: new Date().toISOString(), cases: {} };

function startup() {
  const samples = roundRobin(
    {
      'node -e 0 (Node floor)': () => measure('node', ['-e', '0'], root).ms,
      'spark-guard --version': () => measure('node', [bin, '--version'], root).ms,
    },
    runs,
  );
  const floor = median(samples['node -e 0 (Node floor)']);
  console.log(`\nStartup (${runs} runs, round-robin, 2 warm-ups)`);
  for (const [name, xs] of Object.entries(samples)) {
    const m = median(xs);
    results.cases[name] = { median: m, min: Math.min(...xs), max: Math.max(...xs), overFloor: m - floor };
    console.log(`  ${name.padEnd(28)} median ${fmt(m).padStart(9)}  min ${fmt(Math.min(...xs)).padStart(9)}  max ${fmt(Math.max(...xs)).padStart(9)}  +${(m - floor).toFixed(1)} ms over the floor`);
  }
}

/**
 * SPEC §12: `spark-guard guard` answers within one bare Node start plus 20 ms (its own entry,
 * dist/guard.cjs, with the config cached by the first call), beside `node -e 0`.
 */
function guardCase() {
  const dir = tempRepo('guard');
  try {
    fs.writeFileSync(path.join(dir, '.spark-guardrc.json'), JSON.stringify({ extends: path.join(root, 'presets/recommended.js') }));
    measure('node', [bin, 'guard', '--command', 'true'], dir); // loads and caches the config, warms the code cache
    const samples = roundRobin(
      {
        'node -e 0': () => measure('node', ['-e', '0'], dir).ms,
        'guard --command (allowed)': () => measure('node', [bin, 'guard', '--command', 'git status && npm test -- --run | tee log.txt'], dir).ms,
        'guard --command (blocked)': () => measure('node', [bin, 'guard', '--command', 'sudo -E env X=1 bash -c "rm -rf /"'], dir, { okCodes: [2] }).ms,
      },
      runs,
    );
    const bare = median(samples['node -e 0']);
    console.log(`
Agent command guard (${runs} runs; budget: node -e 0 + 20 ms)`);
    for (const [name, xs] of Object.entries(samples)) {
      results.cases[`guard: ${name}`] = { median: median(xs), overNodeMs: median(xs) - bare, budgetOverNodeMs: name === 'node -e 0' ? undefined : 20 };
      console.log(`  ${name.padEnd(30)} median ${fmt(median(xs)).padStart(9)}  +${(median(xs) - bare).toFixed(1)} ms over node -e 0`);
    }
  } finally {
    removeTemp(dir);
  }
}

/** SPEC §9: a 100,000-line, 1,000-file staged diff through gates 1–4 in under 2 s and 300 MB. */
function bigDiff() {
  const dir = tempRepo('big');
  try {
    fs.writeFileSync(path.join(dir, '.spark-guardrc.json'), JSON.stringify({ extends: path.join(root, 'presets/recommended.js'), diff: { maxLines: false, maxFiles: false } }));
    const body = Array.from({ length: 100 }, (_, i) => `export const value${i} = "some text ${i}"; // a comment`).join('\n') + '\n';
    for (let i = 0; i < 1000; i++) {
      fs.mkdirSync(path.join(dir, 'src', `d${i % 20}`), { recursive: true });
      fs.writeFileSync(path.join(dir, 'src', `d${i % 20}`, `f${i}.js`), body);
    }
    sh('git', ['add', '-A'], dir);
    const n = quick ? 3 : 5;
    const samples = roundRobin({ big: () => measure('node', [bin, 'check', '--staged', '--only', 'diff,files,banned,secrets', '--json'], dir, { memory: true }) }, n, 1).big;
    const ms = median(samples.map((s) => s.ms));
    const mb = Math.max(...samples.map((s) => s.mb));
    results.cases['100k-line diff, gates 1-4'] = { median: ms, peakMb: mb, budgetMs: 2000, budgetMb: 300 };
    console.log(`\n100,000-line, 1,000-file staged diff, gates 1–4 (${n} runs)`);
    console.log(`  median ${fmt(ms)} (budget 2000 ms) · peak RSS ${mb.toFixed(0)} MB (budget 300 MB)`);
  } finally {
    removeTemp(dir);
  }
}

/**
 * The secrets gate alone (`check --staged --only secrets`) on the 100,000-line, 1,000-file diff of
 * bigDiff, and on 100,000 lines of ordinary code that name credentials everywhere (the test fixtures
 * of test/fixtures/secrets/ordinary: every line holds a keyword, none a secret), so that the rules'
 * keyword prefilter and the rules themselves are both timed. With `--baseline <dir>`, that checkout's
 * build runs beside this one, round-robin.
 */
function secretsGate() {
  const fixtures = path.join(root, 'test/fixtures/secrets/ordinary');
  const ordinary = fs.readdirSync(fixtures).flatMap((f) => fs.readFileSync(path.join(fixtures, f), 'utf8').split('\n'));
  const diffs = {
    'bench diff': (_file) => Array.from({ length: 100 }, (_, i) => `export const value${i} = "some text ${i}"; // a comment`),
    'code naming credentials': (file) => Array.from({ length: 100 }, (_, i) => ordinary[(file * 100 + i) % ordinary.length]),
  };
  const bins = { 'this build': bin, ...(baseline ? { baseline: path.join(path.resolve(baseline), 'bin/spark-guard.cjs') } : {}) };
  const n = quick ? 3 : 7;
  console.log(`\nSecrets gate alone, 100,000 lines in 1,000 files (${n} runs${baseline ? `, baseline ${baseline}` : ''})`);
  for (const [name, lines] of Object.entries(diffs)) {
    const dir = tempRepo('secrets');
    try {
      fs.writeFileSync(path.join(dir, '.spark-guardrc.json'), JSON.stringify({ diff: { maxLines: false, maxFiles: false } }));
      for (let i = 0; i < 1000; i++) {
        fs.mkdirSync(path.join(dir, 'src', `d${i % 20}`), { recursive: true });
        fs.writeFileSync(path.join(dir, 'src', `d${i % 20}`, `f${i}.txt`), `${lines(i).join('\n')}\n`);
      }
      sh('git', ['add', '-A'], dir);
      const gateMs = (b) => {
        const out = path.join(dir, '.git', 'secrets-bench.json');
        const fd = fs.openSync(out, 'w');
        const t = process.hrtime.bigint();
        const r = spawnSync('node', [b, 'check', '--staged', '--only', 'secrets', '--json'], { cwd: dir, env, stdio: ['ignore', fd, 'pipe'] });
        const ms = Number(process.hrtime.bigint() - t) / 1e6;
        fs.closeSync(fd);
        const doc = JSON.parse(fs.readFileSync(out, 'utf8'));
        if (r.status !== 0) throw new Error(`${b}: secrets flagged ${doc.gates[0]?.findings?.length} lines of ordinary code`);
        return { ms, gate: doc.gates[0].ms };
      };
      const samples = roundRobin(Object.fromEntries(Object.entries(bins).map(([k, b]) => [k, () => gateMs(b)])), n, 1);
      for (const [who, xs] of Object.entries(samples)) {
        const whole = median(xs.map((x) => x.ms));
        const gate = median(xs.map((x) => x.gate));
        results.cases[`secrets gate alone, ${name}${who === 'this build' ? '' : ` (${who})`}`] = { median: whole, gateMs: gate };
        console.log(`  ${`${name}, ${who}`.padEnd(42)} check median ${fmt(whole).padStart(9)} · the gate's own time ${fmt(gate).padStart(9)}`);
      }
    } finally {
      removeTemp(dir);
    }
  }
}

/** SPEC §9: three 1-second command gates finish in under 1.5 s; a verified tree runs no gate again. */
function gatesConcurrencyAndCache() {
  const dir = tempRepo('gates');
  try {
    const gates = { one: 'sleep 1', two: 'sleep 1', three: 'sleep 1' };
    fs.writeFileSync(path.join(dir, '.spark-guardrc.json'), JSON.stringify({ extends: path.join(root, 'presets/recommended.js'), gates, lintStaged: false }));
    fs.writeFileSync(path.join(dir, 'a.txt'), 'a\n');
    sh('git', ['add', '-A'], dir);
    const n = quick ? 3 : 5;
    const cold = [];
    const warm = [];
    for (let i = 0; i < n; i++) {
      fs.rmSync(path.join(dir, '.git/spark-guard/cache'), { recursive: true, force: true });
      cold.push(measure('node', [bin, 'check', '--staged'], dir).ms);
      warm.push(measure('node', [bin, 'check', '--staged'], dir).ms);
    }
    const doc = JSON.parse(sh('node', [bin, 'check', '--staged', '--json'], dir));
    const cachedAll = doc.gates.filter((g) => g.name in gates).every((g) => g.status === 'cached');
    results.cases['three 1-second gates'] = { median: median(cold), budgetMs: 1500 };
    results.cases['re-check of a verified tree'] = { median: median(warm), allCached: cachedAll };
    console.log(`\nCommand gates (${n} runs)`);
    console.log(`  three 1-second gates, cold cache   median ${fmt(median(cold))} (budget 1500 ms)`);
    console.log(`  the same staged tree again         median ${fmt(median(warm))} · every gate cached: ${cachedAll}`);
  } finally {
    removeTemp(dir);
  }
}

/** SPEC §9: the review against a server that answers at once adds < 150 ms, and overlaps a gate. */
async function reviewOverhead() {
  const { spawn } = await import('node:child_process');
  const log = path.join(fs.mkdtempSync(path.join(fs.realpathSync((await import('node:os')).tmpdir()), 'spark-guard-bench-log-')), 'requests.jsonl');
  const answer = { verdict: 'ready', summary: 'ok', findings: [] };
  const server = spawn(process.execPath, [path.join(root, 'test/helpers/fake-openai-server.mjs'), JSON.stringify({ log, answer })], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve) => server.stdout.on('data', (d) => /PORT (\d+)/.test(String(d)) && resolve(Number(/PORT (\d+)/.exec(String(d))[1]))));
  const dir = tempRepo('review');
  try {
    const write = (review, gates = {}) =>
      fs.writeFileSync(path.join(dir, '.spark-guardrc.json'), JSON.stringify({ extends: path.join(root, 'presets/recommended.js'), lintStaged: false, gates, review: { enabled: review, baseURL: `http://127.0.0.1:${port}/v1` } }));
    fs.writeFileSync(path.join(dir, 'a.js'), Array.from({ length: 100 }, (_, i) => `export const v${i} = ${i};`).join('\n') + '\n');
    sh('git', ['add', '-A'], dir);
    const run = () => {
      fs.rmSync(path.join(dir, '.git/spark-guard/cache'), { recursive: true, force: true });
      return measure('node', [bin, 'check', '--staged'], dir, { env: { OPENAI_API_KEY: 'bench' } }).ms;
    };
    const n = quick ? 5 : 15;
    const off = [], on = [], gateOnly = [], gateAndReview = [];
    for (let i = 0; i < n; i++) {
      write(false); off.push(run());
      write(true); on.push(run());
      write(false, { wait: 'sleep 1' }); gateOnly.push(run());
      write(true, { wait: 'sleep 1' }); gateAndReview.push(run());
    }
    const pairs = (a, b) => median(a.map((x, i) => b[i] - x));
    results.cases['review overhead'] = { medianAddedMs: pairs(off, on), budgetMs: 150 };
    results.cases['review beside a 1-second gate'] = { medianAddedMs: pairs(gateOnly, gateAndReview) };
    console.log(`\nReview against a local server answering at once (${n} runs, paired)`);
    console.log(`  review off ${fmt(median(off))} · on ${fmt(median(on))} · added ${fmt(pairs(off, on))} (budget 150 ms)`);
    console.log(`  1-second gate ${fmt(median(gateOnly))} · with the review ${fmt(median(gateAndReview))} · added ${fmt(pairs(gateOnly, gateAndReview))}`);
  } finally {
    server.kill();
    removeTemp(dir);
    removeTemp(path.dirname(log));
  }
}

/** SPEC §9: the whole commit against the peers, round-robin, medians and run-by-run ratios. */
function wholeCommit() {
  const template = installTemplate();
  const setups = makeSetups(template);
  try {
    const samples = roundRobin(Object.fromEntries(Object.entries(setups).map(([name, dir]) => [name, () => timeCommit(dir)])), runs);
    const ref = samples['husky + lint-staged'];
    const floor = samples['husky node -e 0 (Node floor)'];
    console.log(`\nWhole git commit of a ${3}-file, ~100-line change (${runs} runs, round-robin, 2 warm-ups)`);
    console.log(`  ${'setup'.padEnd(30)} ${'median'.padStart(9)} ${'min'.padStart(9)} ${'max'.padStart(9)}  ratio to husky+lint-staged  over the Node floor`);
    for (const [name, xs] of Object.entries(samples)) {
      const ratio = median(xs.map((x, i) => x / ref[i]));
      const over = median(xs.map((x, i) => x - floor[i]));
      results.cases[`commit: ${name}`] = { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), ratioToHuskyLintStaged: ratio, overNodeFloorMs: over };
      console.log(`  ${name.padEnd(30)} ${fmt(median(xs)).padStart(9)} ${fmt(Math.min(...xs)).padStart(9)} ${fmt(Math.max(...xs)).padStart(9)}  ${ratio.toFixed(2).padStart(6)}×  ${over >= 0 ? '+' : ''}${over.toFixed(1)} ms`);
    }
    if (!('pre-commit' in setups)) console.log('  pre-commit (Python): not installed here, skipped (pip install pre-commit to include it)');
    console.log('  budget: spark-guard at most 0.6× husky + lint-staged, and within 30 ms of the Node floor');
    // The hooks alone, as git runs them (the installed bin, its code cache warm), beside a bare Node.
    const sg = setups['spark-guard'];
    const installedBin = path.join(sg, 'node_modules/.bin/spark-guard');
    fs.writeFileSync(path.join(sg, '.git/BENCH_MSG'), 'add three modules for the bench\n');
    // The pre-commit hook's shim (its git diff piped into Node), with husky's PATH.
    const withBin = { PATH: `${path.join(sg, 'node_modules/.bin')}:${env.PATH}` };
    const alone = roundRobin(
      {
        'node -e 0': () => measure('node', ['-e', '0'], sg).ms,
        'spark-guard-pre-commit': () => measure(path.join(sg, 'node_modules/.bin/spark-guard-pre-commit'), [], sg, { env: withBin }).ms,
        'spark-guard run pre-commit': () => measure(installedBin, ['run', 'pre-commit'], sg).ms,
        'spark-guard run commit-msg': () => measure(installedBin, ['run', 'commit-msg', '.git/BENCH_MSG'], sg).ms,
      },
      runs,
    );
    const bare = median(alone['node -e 0']);
    for (const [name, xs] of Object.entries(alone)) {
      results.cases[`hook alone: ${name}`] = { median: median(xs), overNodeMs: median(xs) - bare };
      console.log(`  ${name.padEnd(30)} median ${fmt(median(xs)).padStart(9)}  +${(median(xs) - bare).toFixed(1)} ms over node -e 0`);
    }
  } finally {
    removeSetups(template, setups);
  }
}

/** SPEC §10 / issue 17: the agent workflow's gates. */
function agentWorkflow() {
  const n = quick ? 5 : 15;
  const base = { extends: path.join(root, 'presets/recommended.js'), lintStaged: false, review: { enabled: false } };
  const page = (i, links) =>
    [`# Page ${i}`, '', '## Usage', '', ...Array.from({ length: links }, (_, k) => `- See [page ${k}](p${k % 50}.md#usage), \`src/a.js\` and [the top](#page-${i}).`), ''].join('\n');
  const repos = [];
  try {
    // 1. A commit that stages one Markdown file, with and without the docs gate (the hook as git runs it).
    const one = {};
    for (const docs of [false, true]) {
      const dir = tempRepo(`docs-${docs}`);
      repos.push(dir);
      fs.writeFileSync(path.join(dir, '.spark-guardrc.json'), JSON.stringify({ ...base, docs }));
      fs.mkdirSync(path.join(dir, 'src'));
      fs.writeFileSync(path.join(dir, 'src/a.js'), 'export const a = 1;\n');
      for (let k = 0; k < 50; k++) fs.writeFileSync(path.join(dir, `p${k}.md`), page(k, 2));
      sh('git', ['add', '-A'], dir);
      sh('git', ['commit', '-q', '-m', 'initial'], dir);
      // New content every run (as every commit has): the parser loads and parses it; the pages it
      // links into were seen before (their headings come from the parse cache, as after any commit).
      let run = 0;
      one[docs ? 'docs on' : 'docs off'] = () => {
        fs.writeFileSync(path.join(dir, 'README.md'), `${page(0, 20)}\nRun ${run++}.\n`);
        sh('git', ['add', 'README.md'], dir);
        return measure('node', [bin, 'run', 'pre-commit'], dir).ms;
      };
    }
    const s = roundRobin(one, n);
    const added = median(s['docs on'].map((x, i) => x - s['docs off'][i]));
    results.cases['docs gate, one staged Markdown file'] = { medianAddedMs: added, budgetMs: 15, off: median(s['docs off']), on: median(s['docs on']) };
    console.log(`\nAgent workflow (${n} runs)`);
    console.log(`  pre-commit staging one Markdown file: docs off ${fmt(median(s['docs off']))} · on ${fmt(median(s['docs on']))} · added ${fmt(added)} (budget 15 ms)`);

    // 2. docs --all over 1,000 generated Markdown files of 100 links each.
    const all = tempRepo('docs-all');
    repos.push(all);
    fs.writeFileSync(path.join(all, '.spark-guardrc.json'), JSON.stringify({ ...base, docs: true }));
    fs.mkdirSync(path.join(all, 'src'));
    fs.writeFileSync(path.join(all, 'src/a.js'), 'export const a = 1;\n');
    for (let i = 0; i < 1000; i++) fs.writeFileSync(path.join(all, `p${i}.md`), page(i, 100));
    sh('git', ['add', '-A'], all);
    sh('git', ['commit', '-q', '-m', 'pages'], all);
    // The first run parses every page (micromark, ~1 MB/s); later runs read what it found from the parse cache.
    const coldMs = measure('node', [bin, 'docs', '--all'], all).ms;
    const allMs = [];
    for (let i = 0; i < (quick ? 3 : 5); i++) allMs.push(measure('node', [bin, 'docs', '--all'], all).ms);
    results.cases['docs --all, 1,000 files of 100 links'] = { median: median(allMs), cold: coldMs, budgetMs: 1500 };
    console.log(`  docs --all, 1,000 Markdown files of 100 links: median ${fmt(median(allMs))} (budget 1500 ms) · first run, nothing cached ${fmt(coldMs)}`);

    // 3. VERIFY.md: three 1-second commands run concurrently; cached, they add nothing.
    const v = tempRepo('verify');
    repos.push(v);
    const off = tempRepo('verify-off');
    repos.push(off);
    for (const [dir, verify] of [[v, true], [off, false]]) {
      fs.writeFileSync(path.join(dir, '.spark-guardrc.json'), JSON.stringify({ ...base, verify }));
      fs.writeFileSync(path.join(dir, 'VERIFY.md'), '```sh\nsleep 1\nsleep 1 && true\nsleep 1 || false\n```\n');
      fs.writeFileSync(path.join(dir, 'a.txt'), 'a\n');
      sh('git', ['add', '-A'], dir);
    }
    const cold = [];
    for (let i = 0; i < (quick ? 3 : 5); i++) {
      fs.rmSync(path.join(v, '.git/spark-guard/cache'), { recursive: true, force: true });
      cold.push(measure('node', [bin, 'run', 'pre-commit'], v).ms);
    }
    const warm = roundRobin({ cached: () => measure('node', [bin, 'run', 'pre-commit'], v).ms, off: () => measure('node', [bin, 'run', 'pre-commit'], off).ms }, n);
    const cachedAdds = median(warm.cached.map((x, i) => x - warm.off[i]));
    results.cases['verify: three 1-second commands'] = { median: median(cold), budgetMs: 1500 };
    results.cases['verify: cached, added to the commit'] = { medianAddedMs: cachedAdds };
    console.log(`  VERIFY.md, three 1-second commands: median ${fmt(median(cold))} (budget 1500 ms)`);
    console.log(`  VERIFY.md all cached (a retried commit): added ${fmt(cachedAdds)} over verify off (git write-tree for the cache key)`);
  } finally {
    for (const dir of repos) removeTemp(dir);
  }
}

/** What each module costs to load, so that a regression has a culprit. */
function moduleCosts() {
  const modules = {
    'dist/cli.cjs (the whole CLI, without the code cache)': path.join(root, 'dist/cli.cjs'),
    'dist/review/client.js (bundled openai)': path.join(root, 'dist/review/client.js'),
    'dist/agent/markdown.js (micromark + GFM)': path.join(root, 'dist/agent/markdown.js'),
    cosmiconfig: 'cosmiconfig',
    'simple-git': 'simple-git',
    picomatch: 'picomatch',
    'parse-diff': 'parse-diff',
    'lint-staged': 'lint-staged',
    'openai (unbundled)': 'openai',
  };
  console.log('\nImport cost (median of 5 fresh processes)');
  for (const [name, spec] of Object.entries(modules)) {
    const xs = [];
    for (let i = 0; i < 5; i++) {
      // dist/cli.cjs is the function bin/spark-guard.cjs runs as a vm.Script (scripts/bundle.mjs): compiled and called here as the bin does.
      const load = spec.endsWith('.cjs')
        ? `const { createRequire } = await import('node:module'); const fs = await import('node:fs'); const vm = await import('node:vm'); const t = performance.now(); const f = ${JSON.stringify(spec)}; const m = { exports: {} }; new vm.Script(fs.readFileSync(f, 'latin1'), { filename: f }).runInThisContext()(m.exports, createRequire(f), m, f, ${JSON.stringify(path.dirname(spec))}); console.log(performance.now() - t);`
        : `const t = performance.now(); await import(${JSON.stringify(spec)}); console.log(performance.now() - t);`;
      const out = sh('node', ['--input-type=module', '-e', load], root);
      xs.push(Number(out.trim()));
    }
    results.cases[`import ${name}`] = { median: median(xs) };
    console.log(`  ${name.padEnd(40)} ${fmt(median(xs)).padStart(9)}`);
  }
}

/**
 * SPEC §11 / issue 19: the browser gate on a two-page static app (Node server, the machine's
 * Chromium): its own cost (launch, two pages, screenshots, teardown; goal < 1.5 s), and a check
 * with a 1-second command gate beside it, whose total should exceed its slowest gate by < 300 ms.
 */
function browserGateCost() {
  const dir = tempRepo('browser');
  try {
    const server = `import http from 'node:http'; import fs from 'node:fs';
http.createServer((req, res) => { const f = 'app' + (req.url === '/' ? '/index' : req.url) + '.html';
  if (!fs.existsSync(f)) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { 'content-type': 'text/html' }); res.end(fs.readFileSync(f)); }).listen(Number(process.env.PORT), '127.0.0.1');\n`;
    fs.mkdirSync(path.join(dir, 'app'));
    fs.writeFileSync(path.join(dir, 'server.mjs'), server);
    fs.writeFileSync(path.join(dir, 'app/index.html'), '<!doctype html><title>Home</title><h1>Home</h1><p>Welcome.</p>\n');
    fs.writeFileSync(path.join(dir, 'app/about.html'), '<!doctype html><title>About</title><h1>About</h1><p>Us.</p>\n');
    const browser = { start: 'node server.mjs', url: 'http://127.0.0.1:{port}', pages: ['/', '/about'] };
    const config = (gates) => JSON.stringify({ extends: path.join(root, 'presets/recommended.js'), lintStaged: false, review: { enabled: false }, gates, browser });
    sh('git', ['add', '-A'], dir);
    const n = quick ? 3 : 7;
    const alone = [];
    const beside = [];
    const overhead = [];
    for (let i = 0; i < n; i++) {
      fs.rmSync(path.join(dir, '.git/spark-guard/cache'), { recursive: true, force: true });
      fs.writeFileSync(path.join(dir, '.spark-guardrc.json'), config({}));
      const one = JSON.parse(sh('node', [bin, 'check', '--staged', '--json', '--only', 'browser'], dir));
      const gate = one.gates.find((g) => g.name === 'browser');
      if (gate.status !== 'pass') throw new Error(`browser gate: ${gate.status} ${gate.message}`);
      alone.push(gate.ms);
      fs.rmSync(path.join(dir, '.git/spark-guard/cache'), { recursive: true, force: true });
      fs.writeFileSync(path.join(dir, '.spark-guardrc.json'), config({ second: 'sleep 1' }));
      const t = process.hrtime.bigint();
      const both = JSON.parse(sh('node', [bin, 'check', '--staged', '--json'], dir));
      const wall = Number(process.hrtime.bigint() - t) / 1e6;
      beside.push(wall);
      overhead.push(wall - Math.max(...both.gates.map((g) => g.ms)));
    }
    results.cases['browser gate, two pages'] = { median: median(alone), min: Math.min(...alone), max: Math.max(...alone), goalMs: 1500 };
    results.cases['browser gate beside a 1-second gate'] = { median: median(beside), overSlowestGateMs: median(overhead), goalOverMs: 300 };
    console.log(`\nBrowser gate (${n} runs, ${process.env.CHROME_PATH || 'system Chromium'})`);
    console.log(`  the gate's own cost, two pages     median ${fmt(median(alone))}  min ${fmt(Math.min(...alone))}  max ${fmt(Math.max(...alone))} (goal 1500 ms)`);
    console.log(`  whole check beside a 1-second gate median ${fmt(median(beside))} · over its slowest gate ${fmt(median(overhead))} (goal 300 ms)`);
  } finally {
    removeTemp(dir);
  }
}

sh('npm', ['run', '--silent', 'build'], root);
console.log(`spark-guard bench · Node ${process.version} · ${quick ? 'quick' : 'full'} · NODE_EXTRA_CA_CERTS ${env.NODE_EXTRA_CA_CERTS ? 'set' : 'unset'}`);
// `-- --case secrets|browser|guard|agent|commit` runs that case alone (its figures merge into latest.json).
const latest = path.join(root, 'bench/results/latest.json');
const single = { secrets: secretsGate, browser: browserGateCost, guard: guardCase, agent: agentWorkflow, commit: wholeCommit };
if (onlyCase && !(onlyCase in single)) {
  console.error(`bench: no case ${onlyCase}; cases: ${Object.keys(single).join(', ')}`);
  process.exit(2);
}
if (onlyCase) {
  if (fs.existsSync(latest)) results.cases = JSON.parse(fs.readFileSync(latest, 'utf8')).cases ?? {};
  single[onlyCase]();
} else {
  startup();
  guardCase();
  moduleCosts();
  wholeCommit();
  bigDiff();
  secretsGate();
  gatesConcurrencyAndCache();
  await reviewOverhead();
  browserGateCost();
  agentWorkflow();
}
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(latest, `${JSON.stringify(results, null, 2)}\n`);
console.log('\nwritten: bench/results/latest.json');
