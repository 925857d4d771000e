#!/usr/bin/env node
// The spark-guard CLI. A hook starts Node on every commit, so this entry is built for start-up time:
// - CommonJS (on Node 20 an ES-module entry starts ~8 ms later) and one bundle, dist/cli.cjs, that
//   runs only the command asked for;
// - V8 code cache: compiling the bundle costs ~10 ms per process, so the bytecode of a first run is
//   kept in node_modules/.cache/spark-guard/ (one file per command kind) and reused. V8 rejects a
//   cache made by another Node version or another bundle; then it is simply made again. A cache
//   that cannot be read or written only makes the run slower, never different.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
// module.constructor is the CommonJS loader's Module: its createRequire, without loading node:module (~0.5 ms).
const { createRequire } = module.constructor;
const { pathToFileURL } = require('node:url');

const argv = process.argv.slice(2);

// commit-msg, common case: a passing message with a cached config has nothing to print (dist/fast.cjs).
if (argv[0] === 'run' && argv[1] === 'commit-msg' && require('../dist/fast.cjs').commitMsgPasses(argv, process.env)) process.exit(0);

// guard, common case: an agent's tool call judged with the cached config (dist/guard.cjs). It loads
// the shell parser (dist/guard/shell.cjs), the judge of writes (dist/guard/writes.cjs) or of patches
// (dist/guard/judge.cjs) only when the call needs them; each bundle has its own code cache (the
// parser compiles in ~10 ms otherwise).
if (argv[0] === 'guard') {
  const loaded = new Map();
  const need = (bundle, hot) => {
    if (!loaded.has(bundle)) loaded.set(bundle, load(bundle));
    if (hot) loaded.get(bundle).hot = true;
    return loaded.get(bundle).exports;
  };
  const code = need('guard').guardFast(argv.slice(1), process.env, need);
  if (code !== null) {
    // Caches are written by a run that answered: one that found no cached config stopped before judging,
    // and a cache made then would lack the functions every later call compiles again. Not by a run that
    // made a bundle's code hot (src/guard/main.ts, Load): V8's tier-up spoils the cache made after it.
    for (const { save, hot } of loaded.values()) if (!hot) save();
    process.exit(code);
  }
}

function cacheFile(bundle) {
  if (process.env.SPARK_GUARD_CODE_CACHE === '0') return null;
  const pkg = path.dirname(__dirname);
  // Installed: <project>/node_modules/spark-guard → <project>/node_modules/.cache/spark-guard.
  const base = path.basename(path.dirname(pkg)) === 'node_modules' ? path.dirname(pkg) : path.join(pkg, 'node_modules');
  const kind = bundle !== 'cli' ? bundle.replace('/', '-') : argv[0] === 'run' && ['pre-commit', 'commit-msg', 'post-commit'].includes(argv[1]) ? `run-${argv[1]}` : 'cli';
  // dist/<bundle>.id: a hash of the bundle written by the build (sizes and file times can repeat across builds).
  const build = fs.readFileSync(path.join(__dirname, '..', 'dist', `${bundle}.id`), 'utf8').trim();
  return path.join(base, '.cache', 'spark-guard', `${kind}-${process.version}-${process.arch}-${build}.bin`);
}

/** Runs dist/<bundle>.cjs with its V8 code cache: its exports, and `save` to write the cache after the run. */
function load(bundle) {
  const file = path.join(__dirname, '..', 'dist', `${bundle}.cjs`);
  let cache = null;
  let cachedData;
  // A cache made by a run that filled the config or glob cache holds code later commits never run,
  // and every run deserialises all of it: the next run compiles afresh and keeps a leaner one.
  let lean = false;
  try {
    cache = cacheFile(bundle);
    if (cache && fs.existsSync(`${cache}.cold`)) lean = true;
    else if (cache) cachedData = fs.readFileSync(cache);
  } catch {
    cachedData = undefined;
  }
  // The file is the function to call (scripts/bundle.mjs wraps it), ASCII only: compiled as read.
  const source = fs.readFileSync(file, 'latin1');
  const script = new vm.Script(source, { filename: file, cachedData });
  // The bundle's import() of the review client and of heavy packages, resolved from dist/.
  globalThis.__sparkGuardImport = (spec) => import(spec.startsWith('.') ? pathToFileURL(path.join(__dirname, '..', 'dist', spec)).href : spec);
  const mod = { exports: {} };
  // Built-in modules from the bin's own require; a require resolving from dist/ only when a bundle asks for
  // a package (createRequire walks the folders up for node_modules paths: ~0.3 ms a bundle).
  let fromDist;
  const bundleRequire = (id) => (id.startsWith('node:') ? require(id) : (fromDist ??= createRequire(file))(id));
  script.runInThisContext()(mod.exports, bundleRequire, mod, file, path.dirname(file));
  const save = () => {
    if (!cache || (cachedData && !script.cachedDataRejected)) return;
    try {
      fs.mkdirSync(path.dirname(cache), { recursive: true });
      const tmp = `${cache}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, cache);
      // Marked when a cold run made it (src/cold.ts), once: a second cold run's cache is kept as it is.
      if (globalThis.__sparkGuardColdRun === true && !lean) fs.writeFileSync(`${cache}.cold`, '');
      else if (lean) fs.unlinkSync(`${cache}.cold`);
      // Older builds' caches of this kind, for this Node, go (another Node's stay: two may share a project).
      const prefix = `${path.basename(cache).split('-v')[0]}-${process.version}-${process.arch}-`;
      for (const old of fs.readdirSync(path.dirname(cache))) {
        if (old.startsWith(prefix) && /\.bin(\.cold)?$/.test(old) && !old.startsWith(path.basename(cache))) fs.unlinkSync(path.join(path.dirname(cache), old));
      }
    } catch {
      /* read-only install: no cache, only slower */
    }
  };
  return { exports: mod.exports, save };
}

// Which of stdout/stderr the run touched: creating an unused one costs ~5 ms, so the exit below
// looks only at the streams that exist.
const touched = new Set();
for (const name of ['stdout', 'stderr']) {
  const d = Object.getOwnPropertyDescriptor(process, name);
  if (!d || typeof d.get !== 'function') continue;
  Object.defineProperty(process, name, { configurable: true, enumerable: d.enumerable, get() { touched.add(name); return d.get.call(process); } });
}

const { exports: cli, save } = load('cli');
cli.main(argv).then((code) => {
  save(); // after the run, so the functions it compiled are in the cache too
  // Exit as soon as the work is done: an idle keep-alive socket of the review's HTTP client would
  // otherwise hold a commit open for a while. Output still queued (a pipe whose reader is slower
  // than us: `check --json | jq` past 64 KiB) is flushed first, or it would be cut off.
  process.exitCode = code;
  const pending = [...touched].map((name) => process[name]).filter((s) => s.writableLength > 0);
  if (pending.length === 0) process.exit(code);
  let left = pending.length;
  for (const s of pending) s.write('', () => --left === 0 && process.exit(code));
});
