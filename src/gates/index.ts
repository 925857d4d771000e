/** The gate list, in pipeline order: cheap deterministic gates first (SPEC §4). */
import type { ResolvedConfig } from '../config/types.js';
import type { Gate } from './gate.js';
import { diffGate } from './diff.js';
import { filesGate } from './files.js';
import { bannedGate } from './banned.js';
import { secretsGate } from './secrets.js';
import { commandGate } from './command.js';
import { lintGate } from './lint.js';
import { reviewGate } from '../review/gate.js';

/** Ids of built-in gates, as `--only`, `--skip` and SPARK_GUARD_SKIP take them. */
export const BUILTIN_GATE_IDS = ['diff', 'files', 'banned', 'secrets', 'lint', 'review', 'message'] as const;

export function buildGates(config: ResolvedConfig): Gate[] {
  const commands = Object.entries(config.gates).map(([name, spec]) => commandGate(name, spec));
  return [diffGate, filesGate, bannedGate, secretsGate, lintGate, ...commands, reviewGate];
}

export function knownGateIds(config: ResolvedConfig): string[] {
  return [...BUILTIN_GATE_IDS, ...Object.keys(config.gates)];
}
