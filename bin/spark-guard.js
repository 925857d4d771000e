#!/usr/bin/env node
// The spark-guard CLI. Kept tiny: commands are loaded on demand by dist/cli/main.js.
import module from 'node:module';

if (typeof module.enableCompileCache === 'function') module.enableCompileCache();

const { main } = await import('../dist/cli/main.js');
const code = await main(process.argv.slice(2));
// Exit as soon as the work is done: an idle keep-alive socket of the review's HTTP client would
// otherwise hold a commit open for a while. Output is flushed first.
process.exitCode = code;
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
