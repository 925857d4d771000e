/**
 * `spark-guard guard`, shared by its small entry (dist/guard.cjs, config from the cache) and the
 * CLI (which loads the config when the cache has none): read the call, find the repository, answer.
 * Allowed: exit 0, nothing printed. Blocked: exit 2, the rule, the offending part and the message
 * on stderr (Claude Code and Codex show it to the model). Malformed: exit 2 (fail closed). The
 * judging is judge.ts's; this module stays small, for dist/guard.cjs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { messages } from '../messages.js';
import type { Hit } from '../rules/compile.js';
import { readPlainLayout, stateDir, type Repo } from '../git/repo.js';
import { type Call, MalformedCall, commandFromArgv, parseCall } from './call.js';

export const GUARD_EXIT = { allow: 0, block: 2 } as const;

export interface Block {
  /** `banned.<id>`, `files.protect`, `files.allowCreate`, `files.allowDelete`, `outside-repo`, `secrets`. */
  rule: string;
  /** The offending part: the command, the path, the line. */
  part: string;
  message: string;
}

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

export function commandBlocks(hits: readonly Hit[]): Block[] {
  return hits.map((h) => ({ rule: `banned.${h.rule}`, part: h.part, message: h.message }));
}

/** The exit code for these blocks; the blocks, if any, on stderr. */
export function reply(blocks: readonly Block[], stderr: (text: string) => void): number {
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
