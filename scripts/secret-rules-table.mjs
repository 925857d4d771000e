#!/usr/bin/env node
// npm run docs:secrets: writes the secret rule table into docs/secret-rules.md between its markers, from
// src/secrets/table.ts (bundled in memory with esbuild; nothing else is written).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = buildSync({ entryPoints: [path.join(root, 'src/secrets/table.ts')], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'error' });
const module = { exports: {} };
new Function('module', 'exports', 'require', out.outputFiles[0].text)(module, module.exports, createRequire(import.meta.url));
const tablePath = path.join(root, 'docs/secret-rules.md');
const before = fs.readFileSync(tablePath, 'utf8');
const after = module.exports.withRulesTable(before);
if (after !== before) fs.writeFileSync(tablePath, after);
console.log(after === before ? 'docs/secret-rules.md: the secret rule table is up to date' : 'docs/secret-rules.md: secret rule table written');
