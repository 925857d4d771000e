#!/usr/bin/env node
// The bundles in dist/ (types come from tsc):
// - dist/cli.cjs: the whole CLI in one CommonJS file, minified and wrapped as the function
//   bin/spark-guard.cjs runs as a vm.Script (so not for require()). A hook starts Node on every commit, and on
//   Node 20 a CommonJS entry starts ~8 ms sooner than an ES module and one file loads faster than
//   a dozen chunks. Commands are wrapped by esbuild and run their module code only when called.
// - dist/fast.cjs: commit-msg's common case (a passing message, cached config) without dist/cli.cjs.
// - dist/guard.cjs: `spark-guard guard` with a cached config, without dist/cli.cjs: an agent's every
//   tool call pays one Node start and a few milliseconds. It holds no parser, glob or secret rule
//   (~35 KB): it loads dist/guard/shell.cjs (the parser) for a command that a rule could match,
//   dist/guard/writes.cjs (picomatch) for Write/Edit and dist/guard/judge.cjs (the secret rules too) for patches.
// - dist/shell/commands.cjs: the shell parser (unbash, ~115 KB) for dist/cli.cjs, loaded only when a
//   shell-like file is staged: kept out of the bundle every commit reads and deserialises.
// - dist/review/client.js: the review client with the openai SDK inside (one file loads in ~20 ms,
//   the SDK's few hundred modules in ~115 ms), an ES module imported only when a review runs; the
//   SDK's Headers / FormData / Response are src/review/web-shims.ts's, so undici never loads.
//   openai is therefore a build-time dependency (devDependencies): the build fails if the bundle
//   still imports it, and its license ships beside it (Apache-2.0 asks for it with the code).
// - dist/index.js: the public API (`defineConfig`).
import crypto from 'node:crypto';
import fs from 'node:fs';
import { build, transform } from 'esbuild';

/** The function bin/spark-guard.cjs calls with a CommonJS module's arguments (`(function (exports, require, …) {…})`). */
const VM_WRAPPER = '(function (exports, require, module, __filename, __dirname) {';
const MINIFY = { minifyIdentifiers: true, minifySyntax: true, minifyWhitespace: true, target: 'node20', charset: 'ascii' };

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  minifySyntax: true,
  minifyWhitespace: true,
  logLevel: 'warning',
  external: ['husky', 'lint-staged', 'cosmiconfig', 'simple-git', 'playwright-core'],
};

/** Every import of the review client from the CLI bundle loads the one ES module next to it. */
const reviewClientExternal = {
  name: 'review-client-external',
  setup(b) {
    b.onResolve({ filter: /(^|\/)(review\/)?client\.js$/ }, (args) =>
      /[/\\]review$/.test(args.resolveDir) || args.path.includes('review/client.js') ? { path: './review/client.js', external: true } : undefined,
    );
  },
};

/** The Markdown parser (micromark + GFM, github-slugger) is its own ES module, loaded only when Markdown is checked. */
const markdownExternal = {
  name: 'markdown-external',
  setup(b) {
    b.onResolve({ filter: /^\.\/markdown\.js$/ }, (args) => (/[/\\]agent$/.test(args.resolveDir) ? { path: './agent/markdown.js', external: true } : undefined));
  },
};

/** In dist/cli.cjs, the shell parser is dist/shell/commands.cjs, required when first used. */
const shellExternal = {
  name: 'shell-external',
  setup(b) {
    b.onResolve({ filter: /(^|\/)shell\/commands\.js$/ }, () => ({ path: './shell/commands.cjs', external: true }));
  },
};

const cjsBundle = (entryPoints, plugins) => ({
    ...common,
    entryPoints,
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    plugins,
    // import.meta.url of the bundle itself (dist/ is one folder below the package root, as every
    // source file's folder is), made only when used: node:url costs ~1 ms to load.
    define: { 'import.meta.url': '__bundle.url' },
    banner: {
      js: [
        '"use strict";',
        'const __bundle = { get url() { return require("node:url").pathToFileURL(__filename).href; } };',
        // bin/spark-guard.cjs runs this bundle as a vm.Script (for its code cache), where a bare
        // import() is experimental and warns: it lends its own import() instead.
        'const __import = (s) => globalThis.__sparkGuardImport ? globalThis.__sparkGuardImport(s) : import(s.startsWith(".") ? require("node:url").pathToFileURL(require("node:path").join(__dirname, s)).href : s);',
      ].join('\n'),
    },
});

await Promise.all([
  build(cjsBundle({ cli: 'src/cli/main.ts', fast: 'src/commit-msg/fast.ts' }, [reviewClientExternal, markdownExternal, shellExternal])),
  build(cjsBundle({ guard: 'src/guard/main.ts' }, [reviewClientExternal, markdownExternal])),
  // The guard's lazy bundles; its copy of the shell parser is run by the bin like them (wrapped below),
  // dist/shell/commands.cjs stays a module the CLI imports.
  build(cjsBundle({ 'guard/writes': 'src/guard/writes.ts', 'guard/judge': 'src/guard/judge.ts', 'guard/shell': 'src/shell/commands.ts' }, [reviewClientExternal, markdownExternal])),
  build({ ...common, ...MINIFY, entryPoints: ['src/shell/commands.ts'], outdir: 'dist', outbase: 'src', outExtension: { '.js': '.cjs' }, format: 'cjs' }),
  build({
    ...common,
    entryPoints: ['src/review/client.ts'],
    outdir: 'dist',
    outbase: 'src',
    format: 'esm',
    // The SDK's Headers / FormData / Response are undici's in Node 20, ~55 ms to load on first
    // touch: in this bundle they are src/review/web-shims.ts's (see there).
    inject: ['src/review/web-shims.ts'],
  }),
  build({ ...common, entryPoints: ['src/agent/markdown.ts'], outdir: 'dist', outbase: 'src', format: 'esm' }),
  build({ ...common, entryPoints: ['src/index.ts'], outdir: 'dist', outbase: 'src', format: 'esm' }),
]);

// esbuild's __toESM copies every property of a module into a new object with getters (~3 ms a run
// for the built-in modules); an object whose prototype is the module reads the same, at no cost.
const TO_ESM = /var __toESM=\(mod,isNodeMode,target\)=>\(target=mod!=null\?__create\(__getProtoOf\(mod\)\):\{\},__copyProps\(isNodeMode\|\|!mod\|\|!mod\.__esModule\?__defProp\(target,"default",\{value:mod,enumerable:!0\}\):target,mod\)\)/;
const LAZY_TO_ESM = 'var __toESM=(mod,isNodeMode)=>mod==null?{default:mod}:isNodeMode||!mod.__esModule?__create(mod,{default:{value:mod,enumerable:!0}}):__create(mod)';
for (const file of ['dist/cli.cjs', 'dist/fast.cjs', 'dist/guard.cjs', 'dist/guard/writes.cjs', 'dist/guard/judge.cjs', 'dist/guard/shell.cjs']) {
  const bundled = fs.readFileSync(file, 'utf8');
  if (/var __toESM=/.test(bundled) && !TO_ESM.test(bundled)) throw new Error(`${file}: esbuild's __toESM helper changed; update scripts/bundle.mjs`);
  // Route the dynamic imports (all external: the review client and the heavy packages) through
  // __import, and fail the build if one is left that cannot be routed.
  // The shell parser is CommonJS: required, as import() would have Node's ES-module loader lex all of
  // it for its export names first (~15 ms a commit that stages a shell-like file).
  const text = bundled
    .replace(TO_ESM, () => LAZY_TO_ESM)
    .replace(/\bimport\("\.\/shell\/commands\.cjs"\)/g, 'Promise.resolve().then(() => require("./shell/commands.cjs"))')
    .replace(/\bimport\((?="(?:\.\/review\/client\.js|\.\/agent\/markdown\.js|cosmiconfig|husky|lint-staged|simple-git|playwright-core)"\))/g, '__import(');
  const left = text.split('\n').slice(3).join('\n').match(/\bimport\("[^"]*"\)/g);
  if (left) throw new Error(`${file}: dynamic imports the bundle cannot route: ${left.join(', ')}`);
  // One non-ASCII character (esbuild keeps them in regex literals) makes V8 hold the whole source
  // as a two-byte string: twice the bytes, and a garbage collection more on every commit (~8 ms).
  const wide = text.match(/.{0,30}[\u0080-\uffff].{0,10}/);
  if (wide) throw new Error(`${file}: a non-ASCII character in the bundle; write it as a \\u escape in the source: ${wide[0]}`);
  // Short local names, after the rewrites above (they match esbuild's helper names): a quarter less
  // source for every hook run to read and hold, and a smaller code cache. Errors set their `name`.
  const { code } = await transform(text, { ...MINIFY, format: 'cjs' });
  // dist/cli.cjs and dist/guard*.cjs are run by bin/spark-guard.cjs as a vm.Script: the file is the
  // function it calls, so V8 compiles the source as read (wrapping it in the bin made a second copy
  // of ~270 KB on every run, a young-generation collection's worth with the rest).
  fs.writeFileSync(file, file === 'dist/fast.cjs' ? code : `${VM_WRAPPER}${code}\n})`);
}

// What a tool call reads stays under 128 KB a file: V8 allocates a longer source string in its
// large-object space, ~1-1.5 ms more to read (measured on Node 20).
for (const file of ['dist/guard.cjs', 'dist/guard/writes.cjs', 'dist/guard/judge.cjs', 'dist/guard/shell.cjs']) {
  const size = fs.statSync(file).size;
  if (size >= 128 * 1024) throw new Error(`${file} is ${Math.round(size / 1024)} KB: keep each bundle the guard loads under 128 KB (see scripts/bundle.mjs)`);
}

// Users do not install openai (a devDependency): the review client must hold all of it.
const client = fs.readFileSync('dist/review/client.js', 'utf8');
const leftOpenai = client.match(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["']openai[^"']*["']/g);
if (leftOpenai) throw new Error(`dist/review/client.js still imports openai at run time: ${leftOpenai.join(', ')}`);
fs.copyFileSync('node_modules/openai/LICENSE', 'dist/review/openai.LICENSE');

// The code cache's key (bin/spark-guard.cjs): V8 checks only a cache's source length, and installs
// may reset file times, so a content hash tells one build from another.
for (const bundle of ['cli', 'guard', 'guard/writes', 'guard/judge', 'guard/shell']) {
  fs.writeFileSync(`dist/${bundle}.id`, `${crypto.createHash('sha256').update(fs.readFileSync(`dist/${bundle}.cjs`)).digest('hex').slice(0, 16)}\n`);
}
