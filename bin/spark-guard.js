#!/usr/bin/env node
// The spark-guard CLI. Kept tiny: commands are loaded on demand by dist/cli/main.js.
import module from 'node:module';

if (typeof module.enableCompileCache === 'function') module.enableCompileCache();

const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
