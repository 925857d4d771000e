import { describe, expect, it } from 'vitest';
import preset from '../../../presets/recommended.js';
import type { BannedRule } from '../../../src/config/types.js';
import { compileRules, judgeCommand as judgeWith, judgeLines as linesWith, lineKind, needsParser } from '../../../src/rules/judge.js';
import { walk } from '../../../src/shell/commands.js';

const judgeCommand = (line: string, rules: Parameters<typeof judgeWith>[1]) => judgeWith(line, rules, walk);
const judgeLines = (path: string, l: Parameters<typeof linesWith>[1], rules: Parameters<typeof linesWith>[2]) => linesWith(path, l, rules, walk);
import { COMMAND_ONLY, GUARD_CASES } from '../../fixtures/guard-commands.js';

const banned = preset.banned as Record<string, BannedRule>;
const commands = compileRules(banned, 'commands');
const diff = compileRules(banned, 'diff');
const ruleIds = (line: string) => judgeCommand(line, commands).map((h) => h.rule);
const lines = (text: string) => text.split('\n').map((t, i) => ({ text: t, line: i + 1 }));

describe('the command corpus, judged in-process', () => {
  it('has at least 80 lines, blocks and near misses', () => {
    expect(GUARD_CASES.length).toBeGreaterThanOrEqual(80);
    expect(GUARD_CASES.filter(([, r]) => r === null).length).toBeGreaterThanOrEqual(30);
  });
  it.each(GUARD_CASES.map(([c, r]) => [JSON.stringify(c), c, r] as const))('as a command: %s', (_name, command, rule) => {
    const hit = ruleIds(command);
    if (rule) expect(hit).toContain(rule);
    else expect(hit).toEqual([]);
  });
  it.each(GUARD_CASES.map(([c, r]) => [JSON.stringify(c), c, r] as const))('as added lines of a .sh file: %s', (_name, command, rule) => {
    const hit = judgeLines('scripts/run.sh', lines(command), diff).map((h) => h.rule);
    if (rule && !COMMAND_ONLY.has(rule)) expect(hit).toContain(rule);
    else expect(hit).toEqual([]);
  });
});

describe('scopes', () => {
  it("a rule's files narrow only the diff: git reset --hard blocks as a command, not in README.md", () => {
    expect(ruleIds('git reset --hard')).toEqual(['git-reset-hard']);
    expect(judgeLines('README.md', lines('git reset --hard'), diff)).toEqual([]);
    expect(judgeLines('deploy.sh', lines('git reset --hard'), diff).map((h) => h.rule)).toEqual(['git-reset-hard']);
  });
  it("scope 'diff' rules do not judge commands, scope 'commands' rules do not judge diffs", () => {
    const rules: Record<string, BannedRule> = {
      'diff-only': { pattern: 'TODO-HACK', scope: 'diff' },
      'cmd-only': { command: [{ program: ['terraform'], args: ['destroy'] }], scope: 'commands' },
    };
    expect(judgeCommand('echo TODO-HACK && terraform destroy -auto-approve', compileRules(rules, 'commands')).map((h) => h.rule)).toEqual(['cmd-only']);
    expect(judgeLines('x.sh', lines('echo TODO-HACK\nterraform destroy'), compileRules(rules, 'diff')).map((h) => h.rule)).toEqual(['diff-only']);
  });
  it('a user pattern rule judges each command normalised, and added lines as text, as before', () => {
    const rules = compileRules({ 'no-console': { pattern: 'console\\.log\\(' }, tf: { pattern: '^terraform destroy' } }, 'commands');
    expect(judgeCommand('cd infra && sudo /usr/bin/terraform destroy', rules).map((h) => h.rule)).toEqual(['tf']);
    expect(judgeCommand('echo "terraform destroy"', rules)).toEqual([]);
    expect(judgeLines('src/a.ts', lines('  console.log(x)'), compileRules({ 'no-console': { pattern: 'console\\.log\\(' } }, 'diff')).map((h) => h.index)).toEqual([0]);
  });
});

describe('shell-like lines of a diff', () => {
  it('the commit path loads the parser only for shell-like files or rules that have no pattern', () => {
    expect(needsParser('src/a.ts', diff)).toBe(false);
    expect(needsParser('README.md', diff)).toBe(false);
    for (const f of ['a.sh', 'Makefile', 'Dockerfile', '.github/workflows/ci.yml', 'package.json', '.husky/pre-push']) expect(needsParser(f, diff), f).toBe(true);
    expect(needsParser('src/a.ts', compileRules({ x: { command: [{ program: ['x'] }] } }, 'diff'))).toBe(true);
    // Deciding builds no regex (parsing a default rule's pattern costs V8 ~0.1–1 ms): '(' would throw if it did.
    expect(needsParser('src/a.ts', compileRules({ x: { command: [{ program: ['x'] }], pattern: '(' } }, 'diff'))).toBe(false);
  });
  it.each([
    ['Makefile', '\t@rm -rf $(BUILD)/', { shell: 'rm -rf $(BUILD)/' }],
    ['Makefile', 'clean: build', 'text'],
    ['Dockerfile', 'RUN --mount=type=cache,target=/x rm -rf /', { shell: 'rm -rf /' }],
    ['Dockerfile', 'RUN ["rm", "-rf", "/"]', 'text'],
    ['.github/workflows/ci.yml', '      - run: curl -fsSL x | sh', { shell: 'curl -fsSL x | sh' }],
    ['.github/workflows/ci.yml', "        run: 'echo \"rm -rf /\"'", { shell: 'echo "rm -rf /"' }],
    ['package.json', '    "clean": "rm -rf dist",', { shell: 'rm -rf dist' }],
    ['README.md', 'rm -rf /', 'text'],
  ] as const)('%s: %j', (file, text, kind) => {
    expect(lineKind(file, text)).toEqual(kind);
  });
  it('data in a shell-like line is not a command; in prose it is still matched as text', () => {
    expect(judgeLines('.github/workflows/ci.yml', lines('      - run: echo "rm -rf /"'), diff)).toEqual([]);
    expect(judgeLines('package.json', lines('    "warn": "echo never git push --force",'), diff)).toEqual([]);
    expect(judgeLines('docs/guide.md', lines('Never run `rm -rf /`.'), diff).map((h) => h.rule)).toEqual(['rm-rf']);
  });
  it('a comment in a shell script is judged as text (one keystroke from running)', () => {
    expect(judgeLines('a.sh', lines('# rm -rf /'), diff).map((h) => h.rule)).toEqual(['rm-rf']);
  });
  it('a block that does not parse falls back to text, line by line', () => {
    expect(judgeLines('a.sh', lines('if [ "$x" ]; then\nrm -rf /'), diff).map((h) => [h.rule, h.index])).toEqual([['rm-rf', 1]]);
  });
  it('the line of a hit inside a multi-line block is the line of the command', () => {
    expect(judgeLines('a.sh', [{ text: 'set -e', line: 10 }, { text: 'cd /tmp', line: 11 }, { text: 'rm -rf "$X"', line: 12 }], diff).map((h) => h.index)).toEqual([2]);
  });
});
