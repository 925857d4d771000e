/**
 * `spark-guard guard`'s decision for one call, from the resolved config: a command against the
 * banned rules of scope `commands`/`both`; a write against `files`; an apply_patch like a staged
 * diff (its files against `files`, its added lines against the `diff`/`both` rules and `secrets`).
 */
import type { GuardConfig } from '../config/types.js';
import { globMatcher } from '../diff/stats.js';
import { compileRules, judgeCommand, judgeLines, type Walk } from '../rules/judge.js';
import { findSecrets, maskSecrets } from '../secrets/detect.js';
import { allows } from '../gates/allow.js';
import { messages } from '../messages.js';
import type { Call } from './call.js';
import { MalformedPatch, parsePatch } from './patch.js';
import { type Block, commandBlocks, malformed, reply } from './run.js';
import { judgeWrite, repoRelative, writeBlock, writeBlocks } from './writes.js';

/** The call judged and answered (run.ts): its exit code. `walk` is the shell parser, loaded by the caller. */
export function answer(call: Call, config: GuardConfig, root: string, stderr: (text: string) => void, walk: Walk): number {
  let blocks: Block[];
  try {
    blocks = judgeCall(call, config, root, walk);
  } catch (error) {
    if (error instanceof MalformedPatch) return malformed(error.message, stderr);
    throw error;
  }
  return reply(blocks, stderr);
}

export function judgeCall(call: Call, config: GuardConfig, root: string, walk: Walk): Block[] {
  switch (call.kind) {
    case 'other':
      return [];
    case 'command':
      return commandBlocks(judgeCommand(call.command, compileRules(config.banned, 'commands'), walk));
    case 'write':
      return writeBlocks(call, root, config.files);
    case 'patch': {
      const blocks: Block[] = [];
      const rules = compileRules(config.banned, 'diff');
      const secretsIgnored = config.secrets ? globMatcher(config.secrets.ignore) : null;
      for (const entry of parsePatch(call.patch)) {
        const v = judgeWrite(entry.path, call.cwd, root, config.files, entry.op);
        if (v) blocks.push(writeBlock(v));
        const rel = repoRelative(entry.path, call.cwd, root);
        for (const h of judgeLines(rel, entry.added, rules, walk)) {
          const line = entry.added[h.index]!;
          const previous = entry.added[h.index - 1]?.text;
          if (allows(line.text, h.rule) || (previous !== undefined && allows(previous, h.rule))) continue;
          blocks.push({ rule: `banned.${h.rule}`, part: `${entry.path}: ${maskSecrets(line.text, findSecrets(line.text)).trim()}`, message: h.message });
        }
        if (config.secrets && !(secretsIgnored && config.secrets.ignore.length && secretsIgnored(rel))) {
          for (const line of entry.added) {
            const found = findSecrets(line.text);
            if (found.length && !allows(line.text, 'secret')) {
              blocks.push({ rule: 'secrets', part: `${entry.path}: ${maskSecrets(line.text, found).trim()}`, message: messages.guardSecret(found[0]!.label) });
            }
          }
        }
      }
      return blocks;
    }
  }
}
