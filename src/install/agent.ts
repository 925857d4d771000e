/**
 * `install --agent claude|codex` and `uninstall --agent …`: the `spark-guard guard` PreToolUse hook
 * in the coding agent's project settings. Claude Code reads `.claude/settings.json`, Codex
 * `.codex/hooks.json`; both take `{ hooks: { PreToolUse: [{ matcher, hooks: [{ type, command }] }] } }`,
 * run the command from the project's folder with the call as JSON on stdin, and block the call on
 * exit 2, showing stderr to the model. The entry is merged with what is there; whether install
 * created the file is kept in `<common git dir>/spark-guard/agent-hooks.json`, so uninstall removes
 * the file only then, and only when nothing else is left in it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SparkGuardError } from '../errors.js';
import { messages } from '../messages.js';
import { findRepo } from '../git/repo.js';
import { applyActions, type Action } from './actions.js';

export const AGENTS = {
  claude: { file: '.claude/settings.json', matcher: 'Bash|Write|Edit|MultiEdit', name: 'Claude Code' },
  codex: { file: '.codex/hooks.json', matcher: 'Bash|apply_patch', name: 'Codex' },
} as const;
export type Agent = keyof typeof AGENTS;

export interface AgentOptions {
  cwd: string;
  agent: string;
  dryRun: boolean;
  out: (line: string) => void;
}

interface HookCommand {
  type?: string;
  command?: string;
  [key: string]: unknown;
}
interface MatcherEntry {
  matcher?: string;
  hooks?: HookCommand[];
  [key: string]: unknown;
}
type Settings = Record<string, unknown> & { hooks?: Record<string, unknown> & { PreToolUse?: MatcherEntry[] } };

/** Our hook command, from the project's folder: the local install when there is one, else PATH. */
export function guardCommand(root: string): string {
  return fs.existsSync(path.join(root, 'node_modules', '.bin', 'spark-guard')) || dependsOnSparkGuard(root) ? 'node_modules/.bin/spark-guard guard' : 'spark-guard guard';
}

function dependsOnSparkGuard(root: string): boolean {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    return !!(pkg.devDependencies?.['spark-guard'] ?? pkg.dependencies?.['spark-guard']);
  } catch {
    return false;
  }
}

/** A hook command that is ours, whichever way it calls spark-guard. */
export function isGuardCommand(command: unknown): boolean {
  return typeof command === 'string' && /(?:^|[\s/"'])spark-guard(?:\.cjs)?["']?\s+guard\s*$/.test(command.trim());
}

function parseAgent(name: string): Agent {
  if (name in AGENTS) return name as Agent;
  throw new SparkGuardError('usage', messages.unknownAgent(name, Object.keys(AGENTS)));
}

function readSettings(file: string): Settings | null {
  if (!fs.existsSync(file)) return null;
  const text = fs.readFileSync(file, 'utf8');
  if (!text.trim()) return {};
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new SparkGuardError('config', messages.agentSettingsUnreadable(file, (error as Error).message), { file });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new SparkGuardError('config', messages.agentSettingsUnreadable(file, 'not a JSON object'), { file });
  const hooks = (data as Settings).hooks;
  if (hooks !== undefined && (typeof hooks !== 'object' || hooks === null || Array.isArray(hooks) || (hooks.PreToolUse !== undefined && !Array.isArray(hooks.PreToolUse)))) {
    throw new SparkGuardError('config', messages.agentSettingsUnreadable(file, '"hooks.PreToolUse" is not a list'), { file });
  }
  return data as Settings;
}

const serialize = (settings: Settings) => `${JSON.stringify(settings, null, 2)}\n`;

function stateFile(commonDir: string): string {
  return path.join(commonDir, 'spark-guard', 'agent-hooks.json');
}
function readCreated(commonDir: string): Record<string, boolean> {
  try {
    return JSON.parse(fs.readFileSync(stateFile(commonDir), 'utf8')) as Record<string, boolean>;
  } catch {
    return {};
  }
}
function writeCreated(commonDir: string, created: Record<string, boolean>): void {
  const file = stateFile(commonDir);
  if (Object.keys(created).length === 0) return void fs.rmSync(file, { force: true });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(created, null, 2)}\n`);
}

/** The settings with our entry in place (null: already there, nothing to change). */
export function withGuard(settings: Settings, matcher: string, command: string): Settings | null {
  const entries = [...(settings.hooks?.PreToolUse ?? [])];
  const ours = entries.findIndex((e) => e.hooks?.some((h) => isGuardCommand(h.command)));
  const entry: MatcherEntry = { matcher, hooks: [{ type: 'command', command }] };
  if (ours >= 0) {
    const current = entries[ours]!;
    const hook = current.hooks!.find((h) => isGuardCommand(h.command))!;
    if (current.matcher === matcher && hook.command === command && hook.type === 'command') return null;
    if (current.hooks!.length === 1) entries[ours] = { ...current, ...entry };
    else {
      entries[ours] = { ...current, hooks: current.hooks!.filter((h) => h !== hook) };
      entries.push(entry);
    }
  } else entries.push(entry);
  return { ...settings, hooks: { ...settings.hooks, PreToolUse: entries } };
}

/** The settings without our entry (null: it was not there). */
export function withoutGuard(settings: Settings): Settings | null {
  const entries = settings.hooks?.PreToolUse;
  if (!entries?.some((e) => e.hooks?.some((h) => isGuardCommand(h.command)))) return null;
  const kept = entries
    .map((e) => (e.hooks?.some((h) => isGuardCommand(h.command)) ? { ...e, hooks: e.hooks.filter((h) => !isGuardCommand(h.command)) } : e))
    .filter((e) => !Array.isArray(e.hooks) || e.hooks.length > 0);
  const hooks: Record<string, unknown> = { ...settings.hooks, PreToolUse: kept };
  if (kept.length === 0) delete hooks.PreToolUse;
  const next: Settings = { ...settings, hooks };
  if (Object.keys(hooks).length === 0) delete next.hooks;
  return next;
}

export async function installAgent(options: AgentOptions): Promise<number> {
  const agent = parseAgent(options.agent);
  const { file: rel, matcher, name } = AGENTS[agent];
  const repo = await findRepo(options.cwd);
  const file = path.join(repo.root, rel);
  const before = readSettings(file);
  const command = guardCommand(repo.root);
  const after = withGuard(before ?? {}, matcher, command);
  const actions: Action[] = [];
  if (after) {
    actions.push({
      describe: `${before === null ? 'create' : 'add the spark-guard guard hook to'} ${rel} (${name} PreToolUse, matcher ${matcher})`,
      apply: () => {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, serialize(after));
        if (before === null) writeCreated(repo.commonDir, { ...readCreated(repo.commonDir), [agent]: true });
      },
    });
  }
  return applyActions(actions, options, {
    nothing: messages.agentHookPresent(rel),
    done: () => {},
    // The hook's command runs from the project folder; a person's shell has no node_modules/.bin on PATH.
    finished: messages.agentHookInstalled(name, command === 'spark-guard guard' ? 'spark-guard' : 'npx spark-guard', agent === 'codex'),
  });
}

export async function uninstallAgent(options: AgentOptions): Promise<number> {
  const agent = parseAgent(options.agent);
  const { file: rel } = AGENTS[agent];
  const repo = await findRepo(options.cwd);
  const actions = agentHookRemoval(repo, agent);
  return applyActions(actions, options, { nothing: messages.agentHookAbsent(rel), done: () => {}, finished: messages.agentHookRemoved(rel) });
}

/**
 * Removing our guard entry from one agent's settings (none when it is not there): the file goes
 * too when install created it and nothing else is left. A plain `uninstall` takes these for every
 * agent (SPEC §12), `uninstall --agent <name>` for that one.
 */
export function agentHookRemoval(repo: { root: string; commonDir: string }, agent: Agent, onUnreadable?: (reason: string) => void): Action[] {
  const { file: rel } = AGENTS[agent];
  const file = path.join(repo.root, rel);
  let before: Settings | null;
  try {
    before = readSettings(file);
  } catch (error) {
    // A plain uninstall notes a settings file it cannot read and goes on; `--agent` stops on it.
    if (!(error instanceof SparkGuardError) || !onUnreadable) throw error;
    onUnreadable(error.message);
    return [];
  }
  const after = before && withoutGuard(before);
  if (!after) return [];
  const remove = readCreated(repo.commonDir)[agent] === true && Object.keys(after).length === 0;
  return [
    {
      describe: remove ? `remove ${rel} (install created it; nothing else is in it)` : `remove the spark-guard guard hook from ${rel}`,
      apply: () => {
        if (remove) fs.rmSync(file);
        else fs.writeFileSync(file, serialize(after));
        const { [agent]: _, ...rest } = readCreated(repo.commonDir);
        writeCreated(repo.commonDir, rest);
      },
    },
  ];
}
