// Bench helpers: clean environment, temp repos, timing, medians, peak memory.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const bin = path.join(root, 'bin', 'spark-guard.cjs');

/** The timing environment: no CA bundle (adds ~30 ms per Node start), no hook or review variables. */
export const env = (() => {
  const e = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', NO_COLOR: '1' };
  for (const k of Object.keys(e)) if (/^(NODE_EXTRA_CA_CERTS|GIT_DIR|GIT_INDEX_FILE|GIT_WORK_TREE|SPARK_GUARD.*|OPENAI_.*|DEBUG)$/.test(k)) delete e[k];
  return e;
})();

export function sh(cmd, args, cwd, extra = {}) {
  const r = spawnSync(cmd, args, { cwd, env: { ...env, ...extra }, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

export function tempRepo(name) {
  const dir = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), `spark-guard-bench-${name}-`));
  sh('git', ['init', '-q', '-b', 'main'], dir);
  for (const [k, v] of [['user.name', 'Bench'], ['user.email', 'bench@example.com'], ['commit.gpgsign', 'false'], ['gc.auto', '0']]) sh('git', ['config', k, v], dir);
  return dir;
}

export function removeTemp(dir) {
  if (dir.startsWith(fs.realpathSync(os.tmpdir()) + path.sep)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Wall time (ms) and, when /usr/bin/time exists, peak RSS (MB) of one run. */
export function measure(cmd, args, cwd, { okCodes = [0], memory = false, env: extra = {} } = {}) {
  const timeBin = memory && fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
  const t = process.hrtime.bigint();
  const r = timeBin
    ? spawnSync(timeBin, ['-f', '%M', cmd, ...args], { cwd, env: { ...env, ...extra }, encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(cmd, args, { cwd, env: { ...env, ...extra }, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (!okCodes.includes(r.status)) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-500)}`);
  const kb = timeBin ? Number(r.stderr.trim().split('\n').pop()) : NaN;
  return { ms, mb: kb / 1024 };
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs cases round-robin after warm-ups; returns samples by case name. */
export function roundRobin(cases, runs, warmups = 2) {
  const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let i = 0; i < runs + warmups; i++) {
    for (const [name, fn] of Object.entries(cases)) {
      const m = fn();
      if (i >= warmups) samples[name].push(m);
    }
  }
  return samples;
}

export function fmt(ms) {
  return `${ms.toFixed(1)} ms`;
}
