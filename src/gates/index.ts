/** The gate list, in pipeline order: cheap deterministic gates first (SPEC §4). */
import type { CommandGate, ResolvedConfig } from '../config/types.js';
import type { Scope } from '../config/scope.js';
import { packageGateId, type Gate } from './gate.js';
import type { GatePlace } from './command.js';
import { diffGate } from './diff.js';
import { filesGate } from './files.js';
import { bannedGate } from './banned.js';
import { secretsGate } from './secrets.js';
import { lintGate } from './lint.js';
import { createReviewGate } from '../review/gate.js';

/** Ids of built-in gates, as `--only`, `--skip` and SPARK_GUARD_SKIP take them. */
export const BUILTIN_GATE_IDS = ['diff', 'files', 'banned', 'secrets', 'memory', 'docs', 'overlap', 'lint', 'browser', 'review', 'message'] as const;

/**
 * Root gates, then each sub-folder config's command gates (`packages/a › test`), then the review (a
 * new one per run: it keeps its verdict). A gate the config switches off is not even loaded: every
 * commit starts a fresh Node, and each module it evaluates costs time (AGENTS.md, "Start-up").
 */
export async function buildGates(config: ResolvedConfig, scopes: readonly Scope[] = [], verify: readonly Gate[] = []): Promise<Gate[]> {
  const planned = planCommandGates(config, scopes);
  const [commands, memory, docs, overlap, browser] = await Promise.all([
    planned.length ? import('./command.js').then(({ commandGate }) => planned.map((p) => commandGate(p.name, p.spec, p))) : [],
    config.memory && import('../agent/memory.js').then((m) => m.memoryGate),
    config.docs && import('../agent/docs-gate.js').then((m) => m.docsGate),
    config.overlap && import('../agent/overlap.js').then((m) => m.overlapGate),
    config.browser && import('../browser/gate.js').then((m) => m.browserGate(config.browser as NonNullable<typeof config.browser>)),
  ]);
  // A gate the config switches off is not listed (as browser): no line per commit saying so, and
  // `check --skip` of every gate that is on leaves nothing to run (exit 2).
  const optional = (...gates: (Gate | false)[]) => gates.filter((g): g is Gate => !!g);
  return [diffGate, filesGate, bannedGate, secretsGate, ...optional(memory, docs, overlap), lintGate, ...commands, ...verify, ...optional(browser), createReviewGate()];
}

/** `verify` names every `verify:<n>` gate at once, for --only, --skip and SPARK_GUARD_SKIP. */
export function knownGateIds(config: ResolvedConfig, scopes: readonly Scope[] = [], verifyIds: readonly string[] = []): string[] {
  const names = scopes.flatMap((s) => Object.keys(s.config.gates));
  const ids = planCommandGates(config, scopes).map((p) => p.id);
  return [...new Set([...BUILTIN_GATE_IDS, ...Object.keys(config.gates), ...names, ...ids, ...(verifyIds.length ? ['verify', ...verifyIds] : [])])];
}

interface PlannedGate extends GatePlace {
  id: string;
  name: string;
  spec: CommandGate;
  owners: Set<string>;
}

/**
 * One gate per place a command runs (SPEC §3): each scope's gates judge the files whose nearest
 * config that scope is; a gate inherited through `extends` from another config of the repository
 * runs in that config's folder, and is one gate with the definer's own (same name, same settings)
 * — it runs once, for the files of every config that has it.
 */
export function planCommandGates(config: ResolvedConfig, scopes: readonly Scope[]): PlannedGate[] {
  const ordered = scopes.length ? [...scopes].reverse() : [{ dir: '', config, configFile: null } as Scope];
  const byKey = new Map<string, PlannedGate>();
  for (const scope of ordered) {
    for (const [name, spec] of Object.entries(scope.config.gates)) {
      const home = scope.gateHomes?.[name] ?? { dir: scope.dir, file: null };
      const key = JSON.stringify([home.dir, name, spec]);
      const found = byKey.get(key);
      if (found) {
        found.owners.add(scope.dir);
        continue;
      }
      byKey.set(key, { id: home.dir ? packageGateId(home.dir, name) : name, name, spec, home: home.dir, owners: new Set([scope.dir]), definedIn: home.file });
    }
  }
  const planned = [...byKey.values()];
  // Two gates of one name and folder with different settings (a config overriding part of an
  // inherited gate): each keeps its own, named by the first config whose files it judges.
  const seen = new Set<string>();
  for (const gate of planned) {
    if (seen.has(gate.id)) gate.id = packageGateId([...gate.owners][0] || '.', gate.name);
    seen.add(gate.id);
  }
  return planned;
}
