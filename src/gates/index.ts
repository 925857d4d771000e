/** The gate list, in pipeline order: cheap deterministic gates first (SPEC §4). */
import type { ResolvedConfig } from '../config/types.js';
import type { Scope } from '../config/scope.js';
import type { Gate } from './gate.js';
import { diffGate } from './diff.js';
import { filesGate } from './files.js';
import { bannedGate } from './banned.js';
import { secretsGate } from './secrets.js';
import { commandGate, packageGateId } from './command.js';
import { lintGate } from './lint.js';
import { reviewGate } from '../review/gate.js';
import { browserGate } from '../browser/gate.js';

/** Ids of built-in gates, as `--only`, `--skip` and SPARK_GUARD_SKIP take them. */
export const BUILTIN_GATE_IDS = ['diff', 'files', 'banned', 'secrets', 'lint', 'browser', 'review', 'message'] as const;

/** Root gates, then each sub-folder config's command gates (`packages/a › test`), then the review. */
export function buildGates(config: ResolvedConfig, scopes: readonly Scope[] = []): Gate[] {
  const packages = scopes.filter((s) => s.dir !== '').reverse();
  const commands = [
    ...Object.entries(config.gates).map(([name, spec]) => commandGate(name, spec)),
    ...packages.flatMap((s) => Object.entries(s.config.gates).map(([name, spec]) => commandGate(name, spec, s.dir))),
  ];
  const browser = config.browser ? [browserGate(config.browser)] : [];
  return [diffGate, filesGate, bannedGate, secretsGate, lintGate, ...commands, ...browser, reviewGate];
}

export function knownGateIds(config: ResolvedConfig, scopes: readonly Scope[] = []): string[] {
  const names = scopes.flatMap((s) => Object.keys(s.config.gates).flatMap((n) => (s.dir ? [n, packageGateId(s.dir, n)] : [n])));
  return [...new Set([...BUILTIN_GATE_IDS, ...Object.keys(config.gates), ...names])];
}
