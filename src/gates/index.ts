/** The gate list, in pipeline order. Later gates (diff, files, banned, secrets, lint, review) plug in here. */
import type { ResolvedConfig } from '../config/types.js';
import type { Gate } from './gate.js';

/** Ids of built-in gates, as `--only`, `--skip` and SPARK_GUARD_SKIP take them. */
export const BUILTIN_GATE_IDS = ['diff', 'files', 'banned', 'secrets', 'lint', 'review', 'message'] as const;

export function buildGates(_config: ResolvedConfig): Gate[] {
  return [];
}

export function knownGateIds(config: ResolvedConfig): string[] {
  return [...BUILTIN_GATE_IDS, ...Object.keys(config.gates)];
}
