/**
 * What `spark-guard guard` is asked: a PreToolUse call as Claude Code and Codex send it on stdin,
 * or `--command '<cmd>'` from any other harness. Anything it cannot read is malformed: the guard
 * then blocks (fail closed).
 */
export type Call =
  | { kind: 'command'; command: string; cwd: string }
  | { kind: 'write'; tool: string; path: string; cwd: string }
  | { kind: 'patch'; patch: string; cwd: string }
  | { kind: 'other'; tool: string };

export class MalformedCall extends Error {}

const WRITE_TOOLS: Record<string, string> = { Write: 'file_path', Edit: 'file_path', MultiEdit: 'file_path', NotebookEdit: 'notebook_path' };

/** `guard --command <cmd>` / `--command=<cmd>` / `-c <cmd>`; null when no command flag is given. */
export function commandFromArgv(args: readonly string[]): string | null {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--command' || a === '-c') {
      if (i + 1 >= args.length) throw new MalformedCall('--command needs the shell command as its value: spark-guard guard --command "git status"');
      return args[i + 1]!;
    }
    if (a.startsWith('--command=')) return a.slice('--command='.length);
    throw new MalformedCall(`unknown argument '${a}'. Usage: spark-guard guard (a PreToolUse call as JSON on stdin) or spark-guard guard --command '<shell command>'`);
  }
  return null;
}

export function parseCall(stdin: string, cwd: string): Call {
  if (!stdin.trim()) throw new MalformedCall('no input: expected a PreToolUse call as JSON on stdin ({"tool_name":"Bash","tool_input":{"command":"…"}}), or --command \'<shell command>\'');
  let data: unknown;
  try {
    data = JSON.parse(stdin);
  } catch (error) {
    throw new MalformedCall(`the input is not JSON (${(error as Error).message}): expected a PreToolUse call such as {"tool_name":"Bash","tool_input":{"command":"…"}}`);
  }
  if (!isObject(data)) throw new MalformedCall('the input is not a JSON object: expected {"tool_name": …, "tool_input": {…}}');
  const tool = data.tool_name;
  if (typeof tool !== 'string' || !tool) throw new MalformedCall('the input has no "tool_name" string');
  const input = data.tool_input;
  const callCwd = typeof data.cwd === 'string' && data.cwd ? data.cwd : cwd;
  const need = (key: string): string => {
    if (!isObject(input)) throw new MalformedCall(`${tool}: the input has no "tool_input" object`);
    const value = input[key];
    if (typeof value !== 'string') throw new MalformedCall(`${tool}: tool_input.${key} is ${value === undefined ? 'missing' : 'not a string'}`);
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
    if (!file) throw new MalformedCall(`${tool}: tool_input.${key} is empty`);
    return { kind: 'write', tool, path: file, cwd: callCwd };
  }
  return { kind: 'other', tool };
}

/** Codex's shell tool may send argv (`["bash", "-lc", "…"]`): quote it back into one line. */
function argvToShell(argv: unknown[]): string {
  if (!argv.every((a) => typeof a === 'string')) throw new MalformedCall('tool_input.command is an array with a non-string element');
  return (argv as string[]).map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
