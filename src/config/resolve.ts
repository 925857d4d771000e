/**
 * Configuration pipeline: find the file (cosmiconfig) → resolve `extends` into layers that keep
 * their file → validate each layer → merge → normalise into a frozen ResolvedConfig. Loaded by
 * load.ts only when the config is not in its cache: a commit with an unchanged config never
 * evaluates this module, the schema or the preset resolution.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SparkGuardError } from '../errors.js';
import { messages } from '../messages.js';
import { debug } from '../debug.js';
import { configSchema, validate } from './schema.js';
import { BROWSER_DEFAULTS, defaults, DOCS_DEFAULTS, IMPLICIT_PRESET, MEMORY_DEFAULTS, VERIFY_DEFAULTS } from './defaults.js';
import { resolveExtends } from './extends.js';
import { mergeLayers, isPlainObject } from './merge.js';
import { SEARCH_PLACES } from './places.js';
import { recordLoadedFiles } from './loaded-files.js';
import type { CommandGate, Config, ResolvedConfig, BannedRule, Layer, LoadedConfig } from './types.js';
import { OPERAND_CLASSES } from '../rules/classes.js';
import { presetsDir } from '../paths.js';

export const MODULE_NAME = 'spark-guard';


type Explorer = Awaited<ReturnType<typeof createExplorer>>;

async function createExplorer() {
  const { cosmiconfig } = await import('cosmiconfig');
  return cosmiconfig(MODULE_NAME, { searchPlaces: SEARCH_PLACES, searchStrategy: 'none', cache: false });
}

/** Finds the config file that applies to `dir` (only that folder is looked at). */
export async function findConfigFile(dir: string, explorer?: Explorer): Promise<string | null> {
  const ex = explorer ?? (await createExplorer());
  try {
    const result = await ex.search(dir);
    return result?.filepath ?? null;
  } catch (error) {
    // Name the file that failed to load, not the folder searched: the first search place present.
    const file = SEARCH_PLACES.map((p) => path.join(dir, p)).find((f) => f.endsWith('package.json') ? false : fs.existsSync(f));
    throw wrapLoadError(error, file ?? dir);
  }
}

/** A JavaScript or TypeScript config outside node_modules (a package's files are keyed by its own layer file). */
export const isLocalModule = (file: string) => /\.(?:[cm]?js|ts)$/.test(file) && !file.split(path.sep).includes('node_modules');

/** `record`: learn which files local module layers import (for the cache key; starts a loader-hooks thread). */
export async function resolveConfig(root: string, env: NodeJS.ProcessEnv, record = false): Promise<LoadedConfig> {
  // cosmiconfig's search imports the file it finds: recording must start before it.
  const candidates = env.SPARK_GUARD_CONFIG ? [path.resolve(env.SPARK_GUARD_CONFIG)] : SEARCH_PLACES.map((p) => path.join(root, p));
  if (record && candidates.some((f) => isLocalModule(f) && fs.existsSync(f))) recordLoadedFiles();
  const explorer = await createExplorer();
  let file: string | null;
  if (env.SPARK_GUARD_CONFIG) {
    file = path.resolve(env.SPARK_GUARD_CONFIG);
    if (!fs.existsSync(file)) {
      throw new SparkGuardError('config', messages.configEnvMissing(env.SPARK_GUARD_CONFIG), { file });
    }
  } else {
    file = await findConfigFile(root, explorer);
  }
  debug('config', 'file', file ?? '(none: implicit recommended preset)');
  const layers: Layer[] = [{ file: '(defaults)', config: defaults }];
  if (file) {
    layers.push(...(await loadLayers(file, explorer, [], record)));
  } else {
    const preset = resolveExtends(IMPLICIT_PRESET, path.join(root, 'package.json'));
    layers.push(...(await loadLayers(preset, explorer, [], record)));
  }
  const merged = mergeLayers(layers.map((l) => l.config as Record<string, unknown>));
  const config = normalise(keywordsFollowPatterns(merged, layers));
  checkRules(config, layers);
  if (config.browser && !config.browser.url) {
    const from = [...layers].reverse().find((l) => l.config.browser)?.file ?? '(config)';
    throw new SparkGuardError('config', messages.browserNeedsUrl(from), { file: from, keyPath: 'browser.url' });
  }
  await rejectSlowPatterns(config, layers);
  return { config, layers, file, sources: provenance(layers) };
}

async function loadLayers(file: string, explorer: Explorer, chain: string[], record: boolean): Promise<Layer[]> {
  const real = fs.realpathSync(file);
  if (chain.includes(real)) throw new SparkGuardError('config', messages.extendsCycle([...chain, real]), { file, keyPath: 'extends' });
  if (record && isLocalModule(file)) recordLoadedFiles();
  const config = await loadFile(file, explorer);
  const issues = validate(config, configSchema);
  if (issues.length > 0) throw new SparkGuardError('config', messages.invalidConfig(file, issues), { file });
  const specs = config.extends === undefined ? [] : Array.isArray(config.extends) ? config.extends : [config.extends];
  const layers: Layer[] = [];
  for (const spec of specs) {
    const target = resolveExtends(spec, file);
    layers.push(...(await loadLayers(target, explorer, [...chain, real], record)));
  }
  layers.push({ file, config });
  return layers;
}

async function loadFile(file: string, explorer: Explorer): Promise<Config> {
  let result;
  try {
    result = await explorer.load(file);
  } catch (error) {
    throw wrapLoadError(error, file);
  }
  let config: unknown = result?.config ?? {};
  // A module config may export `default` twice over when transpiled (CJS interop).
  if (isPlainObject(config) && Object.keys(config).length === 1 && isPlainObject(config.default)) config = config.default;
  if (!isPlainObject(config)) {
    throw new SparkGuardError('config', messages.configNotObject(file, typeof config), { file });
  }
  return config as Config;
}

/** A banned rule whose regex backtracks catastrophically would hang every commit: a config error. */
async function rejectSlowPatterns(config: ResolvedConfig, layers: Layer[]): Promise<void> {
  const { findSlowPattern } = await import('./regex-guard.js');
  // The package's own presets are checked by its tests (test/unit/presets/banned.test.ts), not on
  // every config load: on a busy machine the worker's deadline could fail a commit on them.
  const own = (id: string) => {
    const layer = [...layers].reverse().find((l) => {
      const rule = (l.config.banned as Record<string, Partial<BannedRule> | false> | undefined)?.[id];
      return rule && (rule.pattern !== undefined || rule.command !== undefined);
    });
    return !!layer && path.isAbsolute(layer.file) && path.relative(presetsDir, layer.file).split(path.sep)[0] !== '..';
  };
  const patterns = Object.entries(config.banned).filter(([id]) => !own(id)).flatMap(([id, r]) => [
    ...(r.pattern ? [{ id, pattern: r.pattern, key: 'pattern' }] : []),
    ...(r.command ?? []).flatMap((m, i) => (m.operand ?? []).filter((o) => !o.startsWith('@')).map((pattern) => ({ id, pattern, key: `command[${i}].operand` }))),
  ]);
  const slow = await findSlowPattern(patterns);
  if (!slow) return;
  const key = patterns.find((p) => p === slow)?.key ?? 'pattern';
  const file = [...layers].reverse().find((l) => (l.config.banned as Record<string, unknown> | undefined)?.[slow.id])?.file ?? '(unknown)';
  throw new SparkGuardError('config', messages.slowPattern(slow.id, file, key), { file, keyPath: `banned.${slow.id}.${key}` });
}

function wrapLoadError(error: unknown, file: string): SparkGuardError {
  if (error instanceof SparkGuardError) return error;
  const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  return new SparkGuardError('config', messages.configUnreadable(file, reason), { file });
}

/**
 * A banned rule's `keywords` belong to its `pattern`: a layer that replaces the pattern without
 * giving keywords drops the inherited ones (they could hide every line the new pattern matches).
 * What a rule catches is its `pattern` and its `command` together: a layer that gives one of them
 * (or `catches`) replaces the rule's definition, so the inherited others go.
 */
function keywordsFollowPatterns(merged: Record<string, unknown>, layers: Layer[]): Record<string, unknown> {
  const banned = merged.banned as Record<string, BannedRule | false> | undefined;
  if (!banned) return merged;
  for (const [id, rule] of Object.entries(banned)) {
    if (!rule) continue;
    const last = [...layers].reverse().find((l) => {
      const own = (l.config.banned as Record<string, Partial<BannedRule> | false> | undefined)?.[id];
      return own && (own.pattern !== undefined || own.command !== undefined);
    });
    const own = last && (last.config.banned as Record<string, Partial<BannedRule>>)[id]!;
    if (!own) continue;
    if (own.keywords === undefined) delete rule.keywords;
    if (own.pattern === undefined) delete rule.pattern;
    if (own.command === undefined) delete rule.command;
    if (own.catches === undefined) delete rule.catches;
  }
  return merged;
}

/** Every banned rule says what it catches: a `pattern`, a `command`, or both; operand classes exist. */
function checkRules(config: ResolvedConfig, layers: Layer[]): void {
  for (const [id, rule] of Object.entries(config.banned)) {
    const file = [...layers].reverse().find((l) => (l.config.banned as Record<string, unknown> | undefined)?.[id])?.file ?? '(unknown)';
    if (rule.pattern === undefined && !rule.command?.length) {
      throw new SparkGuardError('config', messages.ruleCatchesNothing(id, file), { file, keyPath: `banned.${id}` });
    }
    for (const [i, m] of (rule.command ?? []).entries()) {
      const unknown = (m.operand ?? []).find((o) => o.startsWith('@') && !OPERAND_CLASSES.includes(o.slice(1)));
      if (unknown) throw new SparkGuardError('config', messages.unknownOperandClass(id, file, unknown, OPERAND_CLASSES), { file, keyPath: `banned.${id}.command[${i}].operand` });
    }
  }
}

function normalise(merged: Record<string, unknown>): ResolvedConfig {
  const raw = merged as Required<Config> & Record<string, unknown>;
  const banned: Record<string, BannedRule> = {};
  for (const [id, rule] of Object.entries(raw.banned ?? {})) if (rule) banned[id] = { scope: 'both', ...rule };
  const gates: Record<string, CommandGate> = {};
  for (const [name, gate] of Object.entries(raw.gates ?? {})) {
    if (gate === false) continue;
    gates[name] = typeof gate === 'string' ? { run: gate } : gate;
  }
  const secrets = raw.secrets === false ? false : { ignore: isPlainObject(raw.secrets) ? (raw.secrets.ignore ?? []) : [] };
  const on = <T extends object>(value: unknown, base: T): T | false =>
    value === false || value === undefined ? false : { ...base, ...(isPlainObject(value) ? (value as Partial<T>) : {}) };
  const verify = on(raw.verify, VERIFY_DEFAULTS);
  const memory = on(raw.memory, MEMORY_DEFAULTS);
  const docs = on(raw.docs, DOCS_DEFAULTS);
  const overlap = raw.overlap ?? 'warning';
  const browser = isPlainObject(raw.browser) ? { ...BROWSER_DEFAULTS, ...raw.browser } : false;
  const config = { ...raw, banned, gates, secrets, verify, memory, docs, overlap, browser } as unknown as ResolvedConfig;
  delete (config as { extends?: unknown }).extends;
  return deepFreeze(config);
}

function provenance(layers: Layer[]): Record<string, string> {
  const sources: Record<string, string> = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer.config)) {
      if (key === 'extends' || value === undefined) continue;
      sources[key] = layer.file;
      if (isPlainObject(value)) for (const sub of Object.keys(value)) sources[`${key}.${sub}`] = layer.file;
    }
  }
  return sources;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
