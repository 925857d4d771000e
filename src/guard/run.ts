/**
 * `spark-guard guard`, shared by its small entry (dist/guard.cjs, config from the cache) and the
 * CLI (which loads the config when the cache has none): read the call, judge it, answer.
 * Allowed: exit 0, nothing printed. Blocked: exit 2, the rule, the offending part and the message
 * on stderr (Claude Code and Codex show it to the model). Malformed: exit 2 (fail closed).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../config/types.js';
import { messages } from '../messages.js';
import { readPlainLayout, stateDir, type Repo } from '../git/repo.js';
import { type Call, MalformedCall, commandFromArgv, parseCall } from './call.js';
import { MalformedPatch } from './patch.js';
import { judgeCall, type Block } from './judge.js';

export const GUARD_EXIT = { allow: 0, block: 2 } as const;

/** The call from argv or stdin; a MalformedCall when it cannot be read. */
export function readCall(args: readonly string[], cwd: string): Call {
  const command = commandFromArgv(args);
  if (command !== null) return { kind: 'command', command, cwd };
  let stdin = '';
  try {
    stdin = fs.readFileSync(0, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EAGAIN' && (error as NodeJS.ErrnoException).code !== 'EOF') throw new MalformedCall(messages.guardStdin((error as Error).message));
  }
  return parseCall(stdin, cwd);
}

/** The repository holding `dir` (its plain layout, read without git), or null. */
export function repoAbove(dir: string, env: NodeJS.ProcessEnv): Repo | null {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const repo = readPlainLayout(current, env);
    if (repo) return repo;
    if (path.dirname(current) === current) return null;
  }
}

export function cacheDirOf(repo: Repo): string {
  return path.join(stateDir(repo), 'cache');
}

export function answer(call: Call, config: ResolvedConfig, root: string, stderr: (text: string) => void): number {
  let blocks: Block[];
  try {
    blocks = judgeCall(call, config, root);
  } catch (error) {
    if (error instanceof MalformedPatch) return malformed(error.message, stderr);
    throw error;
  }
  if (blocks.length === 0) return GUARD_EXIT.allow;
  stderr(formatBlocks(blocks));
  return GUARD_EXIT.block;
}

export function malformed(message: string, stderr: (text: string) => void): number {
  stderr(`${messages.guardMalformed(message)}\n`);
  return GUARD_EXIT.block;
}

export function formatBlocks(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    out.push(messages.guardBlocked(b.rule));
    out.push(`  ${b.part.length > 200 ? `${b.part.slice(0, 199)}…` : b.part}`);
    out.push(`  ${b.message}`);
  }
  out.push(messages.guardFooter);
  return `${out.join('\n')}\n`;
}

export { MalformedCall };
