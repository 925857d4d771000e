import { describe, expect, it } from 'vitest';
import { configSchema, validate } from '../../../src/config/schema.js';

const issues = (value: unknown) => validate(value, configSchema).map((i) => `${i.keyPath}: expected ${i.expected}, got ${i.actual}`);

describe('config schema', () => {
  it.each([
    [{}, []],
    [{ extends: 'spark-guard/presets/recommended' }, []],
    [{ extends: ['a', './b.mjs'] }, []],
    [{ diff: { maxLines: false, maxFiles: 3, ignore: ['**/*.lock'] } }, []],
    [{ banned: { 'rm-rf': false, mine: { pattern: 'foo\\(', message: 'no', files: ['*.sh'], scope: 'diff' } } }, []],
    [{ gates: { test: 'npm test', types: { run: 'tsc', when: ['**/*.ts'], timeout: 60 }, lint: false } }, []],
    [{ secrets: { ignore: ['test/fixtures/**'] } }, []],
    [{ lintStaged: { '*.js': 'eslint --fix' } }, []],
    [{ review: { provider: 'cerebras', api: 'chat', blockOn: 'never', timeoutMs: 5000 } }, []],
  ])('accepts %j', (value, expected) => {
    expect(issues(value)).toEqual(expected);
  });

  it.each([
    [{ diffs: {} }, ['diffs: expected no such key (known keys: extends, diff, files, banned, secrets, lintStaged, concurrency, gates, browser, ignoreConfigs, commitMessage, verify, memory, overlap, docs, review), got unknown key']],
    [{ diff: { maxLines: 'many' } }, ['diff.maxLines: expected an integer ≥ 1 or false, got "many"']],
    [{ diff: { maxLines: 0 } }, ['diff.maxLines: expected an integer ≥ 1 or false, got 0']],
    [{ diff: { ignore: 'x' } }, ['diff.ignore: expected an array of non-empty strings, got "x"']],
    [{ files: { allowCreate: 'no' } }, ['files.allowCreate: expected true or false, got "no"']],
    [{ banned: { x: { pattern: '(' } } }, [expect.stringMatching(/^banned\.x\.pattern: expected a valid regular expression \(.*\), got "\("$/)]],
    [{ banned: { x: { message: 'm' } } }, ['banned.x.pattern: expected a regular expression (string), or a structured command, got missing']],
    [{ banned: { x: true } }, ['banned.x: expected { pattern or command, … } or false, got true']],
    [{ gates: { test: { when: ['x'] } } }, ['gates.test.run: expected a non-empty string, got missing']],
    [{ gates: { test: 42 } }, ['gates.test: expected a non-empty string or { run, … } or false, got 42']],
    [{ review: { provider: 'anthropic' } }, ["review.provider: expected one of 'openai', 'cerebras', 'ollama', 'custom', got \"anthropic\""]],
    [{ extends: 3 }, ['extends: expected a non-empty string or an array of non-empty strings, got 3']],
  ])('rejects %j with the key path and what is expected', (value, expected) => {
    expect(issues(value)).toEqual(expected);
  });

  it('reports every problem at once', () => {
    expect(issues({ diff: { maxLines: -1, maxFiles: 'x' }, nope: 1 })).toHaveLength(3);
  });
});
