/**
 * `spark-guard init`: what the project is (scripts, package manager, TypeScript, test runner, lint
 * config, workspaces), and the agent-loop files written from it. Pure functions of the detection
 * and the resolved config, so that a second run produces the same bytes.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../config/types.js';
import { detectPackageManager, readPackageJson, type PackageManager } from '../install/package-json.js';
import { compileRules, judgeLines } from '../rules/judge.js';

export const GUARDRAILS_START = '<!-- spark-guard:guardrails:start -->';
export const GUARDRAILS_END = '<!-- spark-guard:guardrails:end -->';

export interface Detected {
  pm: PackageManager;
  hasPackageJson: boolean;
  scripts: Record<string, string>;
  /** The commands VERIFY.md runs: types, lint, tests. */
  verify: string[];
  /** Rows of AGENTS.md's command table. */
  commands: [string, string][];
  testRunner: string | null;
  typescript: boolean;
  lintConfig: string | null;
  workspaces: string[];
  /** Top-level folders, for AGENTS.md's layout. */
  folders: string[];
}

export function runScript(pm: PackageManager, name: string): string {
  if (name === 'test') return pm === 'bun' ? 'bun run test' : `${pm} test`;
  return pm === 'npm' ? `npm run ${name}` : pm === 'bun' ? `bun run ${name}` : `${pm} ${name}`;
}

function installCommand(pm: PackageManager): string {
  return { npm: 'npm ci', pnpm: 'pnpm install --frozen-lockfile', yarn: 'yarn install --frozen-lockfile', bun: 'bun install --frozen-lockfile' }[pm];
}

const first = (scripts: Record<string, string>, names: string[]) => names.find((n) => scripts[n] !== undefined);

export function detectProject(root: string): Detected {
  const pkg = readPackageJson(root);
  const pm = detectPackageManager(root);
  const scripts: Record<string, string> = pkg?.data.scripts ?? {};
  const deps = { ...(pkg?.data.dependencies ?? {}), ...(pkg?.data.devDependencies ?? {}) } as Record<string, string>;
  const exists = (f: string) => fs.existsSync(path.join(root, f));
  const typescript = exists('tsconfig.json');
  const testRunner = ['vitest', 'jest', 'mocha', 'ava', 'playwright', 'node:test'].find((r) => deps[r] !== undefined || (scripts.test ?? '').includes(r === 'node:test' ? 'node --test' : r)) ?? null;
  const lintConfig =
    ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', '.eslintrc', '.eslintrc.js', '.eslintrc.cjs', '.eslintrc.json', '.eslintrc.yml', 'biome.json', 'biome.jsonc'].find(exists) ??
    null;
  const workspaces = Array.isArray(pkg?.data.workspaces) ? (pkg!.data.workspaces as string[]) : Array.isArray(pkg?.data.workspaces?.packages) ? (pkg!.data.workspaces.packages as string[]) : readPnpmWorkspaces(root);

  const typesScript = first(scripts, ['typecheck', 'type-check', 'types', 'tsc', 'check-types']);
  const lintScript = first(scripts, ['lint']);
  const realTest = scripts.test !== undefined && !/no test specified/.test(scripts.test);
  const types = typesScript ? runScript(pm, typesScript) : typescript ? 'npx tsc --noEmit' : null;
  const lint = lintScript ? runScript(pm, lintScript) : lintConfig ? (lintConfig.startsWith('biome') ? 'npx biome check .' : 'npx eslint .') : null;
  const test = realTest ? runScript(pm, 'test') : null;
  const verify = [types, lint, test].filter((c): c is string => c !== null);

  const commands: [string, string][] = [];
  if (pkg) commands.push(['install', installCommand(pm)]);
  for (const name of ['build', 'dev', 'start']) if (scripts[name] !== undefined) commands.push([name, runScript(pm, name)]);
  if (test) commands.push(['test', test]);
  if (types) commands.push(['types', types]);
  if (lint) commands.push(['lint', lint]);
  const format = first(scripts, ['format', 'fmt']);
  if (format) commands.push(['format', runScript(pm, format)]);
  commands.push(['try a commit', 'npx spark-guard check --staged']);

  const folders = fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !['node_modules', 'dist', 'build', 'coverage', 'out', 'target'].includes(e.name))
    .map((e) => e.name)
    .sort();
  return { pm, hasPackageJson: Boolean(pkg), scripts, verify, commands, testRunner, typescript, lintConfig, workspaces, folders };
}

function readPnpmWorkspaces(root: string): string[] {
  try {
    const text = fs.readFileSync(path.join(root, 'pnpm-workspace.yaml'), 'utf8');
    return [...text.matchAll(/^\s*-\s*['"]?([^'"\n]+?)['"]?\s*$/gm)].map((m) => m[1]!);
  } catch {
    return [];
  }
}

export function agentsTemplate(d: Detected, guardrails: string): string {
  const rows = d.commands.map(([what, cmd]) => `| ${what} | \`${cmd}\` |`);
  const stack = [d.typescript ? 'TypeScript' : null, d.testRunner ? `tests: ${d.testRunner}` : null, d.lintConfig ? `lint config: ${d.lintConfig}` : null, d.hasPackageJson ? `package manager: ${d.pm}` : null].filter(Boolean);
  return [
    '# AGENTS.md',
    '',
    'How to work in this repository, for coding agents and people. Agents read it at the start of every session: keep it short and true.',
    stack.length ? `\nStack: ${stack.join(' · ')}.` : '',
    '',
    '## Layout',
    '',
    '<!-- What lives where, one line per folder; the why of anything surprising. -->',
    ...(d.folders.length ? d.folders.map((f) => `- \`${f}/\` — …`) : ['- …']),
    ...(d.workspaces.length ? ['', `Workspaces: ${d.workspaces.map((w) => `\`${w}\``).join(', ')}. Run a command in one with its own folder as the working directory.`] : []),
    '',
    '## Commands',
    '',
    '| what | command |',
    '| --- | --- |',
    ...rows,
    '',
    '## Conventions',
    '',
    '<!-- Naming, error handling, how tests are written, what a good commit looks like. -->',
    '',
    '## Gotchas',
    '',
    '<!-- What surprised someone, written down when it happened. -->',
    '',
    '## The loop',
    '',
    '1. Read PLAN.md and take the first unticked item: one item per iteration.',
    '2. Do that item, with its tests.',
    '3. Run VERIFY.md\'s commands: `npx spark-guard verify`.',
    '4. Add one dated line to PROGRESS.md: what changed, what failed, what is next.',
    '5. Tick the item in PLAN.md, commit, and start a fresh session.',
    '',
    guardrailsBlock(guardrails),
    '',
  ]
    .filter((l, i, all) => !(l === '' && all[i - 1] === ''))
    .join('\n');
}

export function planTemplate(): string {
  return [
    '# Plan',
    '',
    'One item per iteration: take the first unticked item, do it, and tick it in the same commit.',
    '',
    '## Goal',
    '',
    '<!-- What this work is for, in one or two sentences. -->',
    '',
    '## Checklist',
    '',
    '- [ ] First small, verifiable step',
    '- [ ] Next step',
    '',
    '## Definition of done',
    '',
    "- Every command in VERIFY.md passes (`npx spark-guard verify`).",
    '- PROGRESS.md says what changed, what failed and what is next.',
    '- The docs match the code (`npx spark-guard docs --all` is clean).',
    '',
  ].join('\n');
}

export function progressTemplate(today: string): string {
  return [
    '# Progress',
    '',
    'A dated running log, newest last: one line per commit that changes code — what changed, what failed, what is next.',
    '',
    `- ${today}: set up the agent loop (AGENTS.md, PLAN.md, PROGRESS.md, VERIFY.md); next: the first item of PLAN.md.`,
    '',
  ].join('\n');
}

export function verifyTemplate(d: Detected): string {
  const body = d.verify.length ? d.verify : ['# Nothing detected: put the commands that prove a change works here, one per line, e.g.', '# make test'];
  return [
    '# Verify',
    '',
    'The commands that prove a change works. spark-guard runs each line of the `sh` block below as a gate on every commit, on exactly what is staged (`verify:1`, `verify:2`, … in file order); `npx spark-guard verify` runs them on demand. Keep them fast: the full, slow suite belongs in CI.',
    '',
    '```sh',
    ...body,
    '```',
    '',
  ].join('\n');
}

export function guardrailsBlock(body: string): string {
  return `${GUARDRAILS_START}\n${body.trim()}\n${GUARDRAILS_END}`;
}

/** The text with the section between the markers replaced, or appended when there are no markers. */
export function withGuardrails(text: string, body: string): string {
  const start = text.indexOf(GUARDRAILS_START);
  const end = text.indexOf(GUARDRAILS_END, start);
  if (start >= 0 && end > start) return text.slice(0, start) + guardrailsBlock(body) + text.slice(end + GUARDRAILS_END.length);
  return `${text.replace(/\s*$/, '')}\n\n${guardrailsBlock(body)}\n`;
}

const firstSentence = (text: string | undefined) => (text ?? '').split(/(?<=\.)\s/)[0]!.trim();
const list = (items: readonly string[]) => items.map((i) => `\`${i}\``).join(', ');

/** The Guardrails section, from the resolved config: what blocks a commit, and how to work with it. */
export function guardrailsSection(config: ResolvedConfig, configFile: string | null): string {
  const { diff, files } = config;
  const out = ['## Guardrails', '', `Generated by \`npx spark-guard init --refresh\` from ${configFile ? `\`${configFile}\`` : 'the recommended preset'}; edits between the markers are replaced. Every \`git commit\` runs these checks; try one first with \`npx spark-guard check --staged\`.`, ''];
  const limits = [diff.maxLines === false ? null : `at most ${diff.maxLines} changed lines`, diff.maxFiles === false ? null : `at most ${diff.maxFiles} files`].filter(Boolean);
  out.push(`- **Diff size**: ${limits.length ? `${limits.join(' and ')} per commit` : 'no limit'}${diff.ignore.length ? ` (not counted: ${list(diff.ignore)})` : ''}. Bigger work goes in several commits (\`git add -p\`).`);
  const fileRules = [
    files.allowCreate ? null : 'no new files',
    files.allowDelete ? null : 'no deleted files',
    files.protect.length ? `protected: ${list(files.protect)}` : null,
    files.maxFileKb === false ? null : `no file over ${files.maxFileKb} KB`,
  ].filter(Boolean);
  out.push(`- **Files**: ${fileRules.length ? fileRules.join('; ') : 'no rule'}.`);
  const banned = Object.entries(config.banned);
  if (banned.length) {
    out.push('- **Banned** in added lines (and in commands an agent runs, through `spark-guard guard`):');
    for (const [id, rule] of banned) out.push(`  - \`${id}\`: ${firstSentence(rule.message) || `matches ${id}`}`);
  }
  if (config.secrets) out.push('- **Secrets**: a credential in an added line blocks the commit (`spark-guard-allow secret` for a fake one in a test).');
  const gates = Object.entries(config.gates);
  if (gates.length || config.verify) {
    out.push('- **Gates**, run on exactly the staged content (a pass on the same staged tree is cached):');
    for (const [name, g] of gates) out.push(`  - \`${name}\`: \`${g.run}\`${g.when?.length ? ` when ${list(g.when)} change` : ', on every commit'}`);
    if (config.verify) out.push(`  - \`verify:<n>\`: each command of \`${config.verify.file}\`${config.verify.when?.length ? ` when ${list(config.verify.when)} change` : ', on every commit'} (\`npx spark-guard verify\` runs them now)`);
  }
  if (config.memory) {
    const m = config.memory;
    out.push(`- **Memory**: a commit that changes ${list(m.requireOnChange)} also adds a dated line to \`${m.progress}\`${m.maxPlanItems === false ? '' : `; it ticks at most ${m.maxPlanItems} item${m.maxPlanItems === 1 ? '' : 's'} of \`${m.plan}\``}.`);
  }
  if (config.docs) out.push(`- **Docs** (${config.docs.level === 'error' ? 'blocks' : 'warns'}): links, backticked paths, \`#anchors\` and \`npm run\` scripts in staged Markdown must resolve; so must Markdown that points at a file the commit deletes or renames (\`npx spark-guard docs\`).`);
  if (config.overlap) out.push(`- **Overlap** (${config.overlap === 'error' ? 'blocks' : 'warns'}): a staged file with uncommitted changes in another worktree of this repository.`);
  if (config.review.enabled) out.push(`- **Review**: \`${config.review.model}\` reads the staged diff and blocks on ${config.review.blockOn === 'never' ? 'nothing' : config.review.blockOn === 'warning' ? 'warnings and errors' : 'errors'}.`);
  const cm = config.commitMessage;
  out.push(`- **Commit message**: at least ${cm.minLength} characters, a subject of at most ${cm.maxSubjectLength}${cm.conventional ? ', Conventional Commits form' : ''}${cm.banned.length ? `; not just ${list(cm.banned)}` : ''}.`);
  out.push(
    '',
    'To allow one line deliberately, put `spark-guard-allow <rule-id>` in a comment on it or on the line above. To skip a gate knowingly: `SPARK_GUARD_SKIP=<gate> git commit …` (the report records it). Never `--no-verify`: fix what the hook reports.',
  );
  return allowQuoted(out, config).join('\n');
}

/**
 * A rule's description quotes what it catches (the commands it bans): each line of the
 * section that the config's own rules would flag in AGENTS.md says `spark-guard-allow <ids>` in an
 * HTML comment, so committing the section is not blocked by the rules it describes.
 */
function allowQuoted(lines: string[], config: ResolvedConfig): string[] {
  const rules = compileRules(config.banned, 'diff');
  const hits = judgeLines('AGENTS.md', lines.map((text, i) => ({ text, line: i + 1 })), rules, () => ({ commands: [], errors: 1 }));
  const ids = new Map<number, string[]>();
  for (const hit of hits) ids.set(hit.index, [...new Set([...(ids.get(hit.index) ?? []), hit.rule])]);
  return lines.map((line, i) => (ids.has(i) ? `${line} <!-- spark-guard-allow ${ids.get(i)!.join(', ')} -->` : line));
}

export function workflowTemplate(d: Detected): string {
  const setup =
    d.pm === 'npm' || !d.hasPackageJson
      ? []
      : d.pm === 'bun'
        ? ['      - uses: oven-sh/setup-bun@v2']
        : ['      - run: corepack enable'];
  const install = d.hasPackageJson ? [`      - run: ${installCommand(d.pm)}`] : [];
  const bin = d.hasPackageJson ? 'npx spark-guard' : 'npx --yes spark-guard';
  return [
    '# spark-guard on pull requests: the guardrails on every commit of the branch (with annotations),',
    '# and doc gardening over every tracked Markdown file. Written by `spark-guard init --ci github`.',
    'name: spark-guard',
    'on:',
    '  pull_request:',
    'permissions:',
    '  contents: read',
    'jobs:',
    '  spark-guard:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '        with:',
    '          fetch-depth: 0',
    '      - uses: actions/setup-node@v4',
    '        with:',
    '          node-version: 20',
    ...setup,
    ...install,
    '      - name: Guardrails on the branch',
    `        run: ${bin} check --base "origin/\${{ github.base_ref }}"`,
    '        env:',
    '          OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}',
    '      - name: Doc gardening',
    `        run: ${bin} docs --all`,
    '',
  ].join('\n');
}
