#!/usr/bin/env node
// npm run bench [-- --quick]: side-by-side timings, medians and ratios, in one run.
// NODE_EXTRA_CA_CERTS is unset for every timed child (a CA bundle adds ~30 ms to each Node start).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
const runs = quick ? 5 : 20;
const env = { ...process.env };
delete env.NODE_EXTRA_CA_CERTS;

function time(cmd, args) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const cases = {
  'node -e 0 (Node floor)': ['node', ['-e', '0']],
  'spark-guard --version': ['node', ['bin/spark-guard.js', '--version']],
};
const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let i = 0; i < runs + 2; i++) {
  for (const [name, [cmd, args]] of Object.entries(cases)) {
    const ms = time(cmd, args);
    if (i >= 2) samples[name].push(ms); // two warm-up rounds
  }
}
const floor = median(samples['node -e 0 (Node floor)']);
console.log(`runs: ${runs} (round-robin, 2 warm-ups), Node ${process.version}`);
for (const [name, xs] of Object.entries(samples)) {
  const m = median(xs);
  console.log(`${name.padEnd(28)} median ${m.toFixed(1).padStart(6)} ms  min ${Math.min(...xs).toFixed(1).padStart(6)}  max ${Math.max(...xs).toFixed(1).padStart(6)}  +${(m - floor).toFixed(1)} ms over the floor`);
}
