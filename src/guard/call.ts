/**
 * What `spark-guard guard` is asked: a PreToolUse call as Claude Code and Codex send it on stdin,
 * or `--command '<cmd>'` from any other harness. Anything it cannot read is malformed: the guard
 * then blocks (fail closed).
 */
import { messages } from '../messages.js';

export type Call =
  | { kind: 'command'; command: string; cwd: string }
  | { kind: 'write'; tool: string; path: string; cwd: string }
  | { kind: 'patch'; patch: string; cwd: string }
  | { kind: 'other'; tool: string };

export class MalformedCall extends Error {}

const WRITE_TOOLS: Record<string, string> = { Write: 'file_path', Edit: 'file_path', MultiEdit: 'file_path', NotebookEdit: 'notebook_path' };

/** `guard --command <cmd>` / `--command=<cmd>` / `-c <cmd>`; null when no command flag is given. */
export function commandFromArgv(args: readonly string[]): string | null {
  const [a, value] = args;
  if (a === undefined) return null;
  if (a === '--command' || a === '-c') {
    if (value === undefined) throw new MalformedCall(messages.guardNoCommandValue);
    return value;
  }
  if (a.startsWith('--command=')) return a.slice('--command='.length);
  throw new MalformedCall(messages.guardUnknownArgument(a));
}

export function parseCall(stdin: string, cwd: string): Call {
  if (!stdin.trim()) throw new MalformedCall(messages.guardNoInput);
  let data: unknown;
  try {
    data = JSON.parse(stdin);
  } catch (error) {
    throw new MalformedCall(messages.guardNotJson((error as Error).message));
  }
  if (!isObject(data)) throw new MalformedCall(messages.guardNotObject);
  const tool = data.tool_name;
  if (typeof tool !== 'string' || !tool) throw new MalformedCall(messages.guardNoTool);
  const input = data.tool_input;
  const callCwd = typeof data.cwd === 'string' && data.cwd ? data.cwd : cwd;
  const need = (key: string): string => {
    if (!isObject(input)) throw new MalformedCall(messages.guardNoToolInput(tool));
    const value = input[key];
    if (typeof value !== 'string') throw new MalformedCall(messages.guardBadField(tool, key, value === undefined));
    return value;
  };
  if (tool === 'Bash' || tool === 'shell' || tool === 'local_shell') {
    if (isObject(input) && Array.isArray(input.command)) return { kind: 'command', command: argvToShell(input.command), cwd: callCwd };
    return { kind: 'command', command: need('command'), cwd: callCwd };
  }
  if (tool === 'apply_patch') {
    const patch = isObject(input) && typeof input.patch === 'string' ? input.patch : need('command');
    return { kind: 'patch', patch, cwd: callCwd };
  }
  const key = WRITE_TOOLS[tool];
  if (key) {
    const file = need(key);
    if (!file) throw new MalformedCall(messages.guardEmptyField(tool, key));
    return { kind: 'write', tool, path: file, cwd: callCwd };
  }
  return { kind: 'other', tool };
}

/** Codex's shell tool may send argv (`["bash", "-lc", "…"]`): quote it back into one line. */
function argvToShell(argv: unknown[]): string {
  if (!argv.every((a) => typeof a === 'string')) throw new MalformedCall(messages.guardBadArgv);
  return (argv as string[]).map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
