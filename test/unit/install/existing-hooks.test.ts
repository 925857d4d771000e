import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addChainLine, chainLine, findExistingHooks, hooksFolder, isChainLine, removeChainLines } from '../../../src/install/existing-hooks.js';

const temps: string[] = [];
afterEach(() => {
  while (temps.length) fs.rmSync(temps.pop()!, { recursive: true, force: true });
});
function tree(files: Record<string, [string, number]>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-hooks-'));
  temps.push(root);
  for (const [rel, [content, mode]] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content, { mode });
  }
  return root;
}

describe('findExistingHooks', () => {
  it('counts executable files named after a hook, never samples or plain files, and names the tool', () => {
    const root = tree({
      '.git/hooks/pre-commit': ['#!/bin/sh\nif [ "$SKIP_SIMPLE_GIT_HOOKS" = "1" ]; then exit 0; fi\nnpx lint-staged', 0o755],
      '.git/hooks/pre-push': ['#!/bin/sh\ncall_lefthook run "pre-push" "$@"\n# lefthook', 0o755],
      '.git/hooks/commit-msg': ['#!/bin/sh\nexit 1\n', 0o644], // not executable: git does not run it
      '.git/hooks/pre-rebase.sample': ['#!/bin/sh\n', 0o755],
      '.git/hooks/reference-transaction': ['#!/bin/sh\n', 0o755],
    });
    const found = findExistingHooks(root, path.join(root, '.git'), null);
    expect(found.map((h) => [h.shown, h.by, h.chainable])).toEqual([
      ['.git/hooks/pre-commit', 'simple-git-hooks', true],
      ['.git/hooks/pre-push', 'lefthook', true],
      ['.git/hooks/reference-transaction', 'a hook script', false],
    ]);
  });

  it("husky's own folders are not another manager", () => {
    const root = tree({ '.husky/pre-commit': ['npm test\n', 0o755] });
    expect(hooksFolder(root, path.join(root, '.git'), '.husky')).toBeNull();
    expect(hooksFolder(root, path.join(root, '.git'), '.husky/_')).toBeNull();
  });
});

describe('chain lines', () => {
  const hook = { name: 'pre-commit', shown: '.githooks/pre-commit', by: 'a hook script', ref: "'./.githooks/it'\\''s'", chainable: true };
  it('go first (after a shebang), once, and come out whole', () => {
    const line = chainLine(hook);
    expect(isChainLine(line)).toBe(true);
    const added = addChainLine('#!/bin/sh\necho mine\n', line)!;
    expect(added.split('\n')).toEqual(['#!/bin/sh', line, 'echo mine', '']);
    expect(addChainLine(added, line)).toBeNull();
    expect(removeChainLines(added)).toBe('#!/bin/sh\necho mine\n');
    expect(removeChainLines('echo mine\n')).toBeNull();
  });
});
