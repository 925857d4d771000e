/** argv → command. The only place that turns errors into exit codes. Commands load on demand. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { SparkGuardError, InterruptedError, EXIT } from '../errors.js';
import { messages } from '../messages.js';
import { isDebug } from '../debug.js';
import { packageVersion } from '../paths.js';

export const HELP = `spark-guard — guardrails on every git commit

Usage: spark-guard <command> [options]

Commands:
  install [--dry-run] [--no-save] [--chain | --replace]
                                    wire the hooks (husky), prepare script and a starter config;
                                    --chain / --replace: keep or stop the hooks that run today
  install --agent claude|codex      add the guard hook to .claude/settings.json / .codex/hooks.json
  uninstall [--dry-run] [--no-save] remove exactly what install added (--agent <name>: that hook)
  run <hook> [args]                 what the hooks call: pre-commit | commit-msg | post-commit
  check [--staged | --base <ref> | --range <a>..<b>] [--only a,b] [--skip a,b] [--json] [--fix]
                                    run the gates on demand or in CI; never writes unless
                                    --fix lets lint-staged fix and re-stage files
  review [--staged | --base <ref>] [--json]
                                    the Spark review alone
  report [rev] [--html] [--open]    print a commit's readiness report; --html writes it as one
                                    page next to last-report.md (the last run's without rev)
  config [--json] [--file <path>]   the resolved config and where each value came from,
                                    or which config applies to a file (monorepos)
  doctor                            hooks wired? config valid? review key present?
  guard [--command <cmd>]           check an agent's tool call (PreToolUse JSON on stdin) or a command
  init [--dry-run] [--refresh] [--ci github]
                                    write AGENTS.md, PLAN.md, PROGRESS.md, VERIFY.md (missing ones only)
  verify [--staged] [--json]        run VERIFY.md's commands (work tree, or the staged snapshot)
  docs [--all] [--json] [--suggest] Markdown drift: broken links, paths, anchors, scripts

Options:
  -h, --help       show this help
  -v, --version    print the version

Environment:
  SPARK_GUARD=0            every hook becomes a no-op (one line says so)
  SPARK_GUARD_SKIP=a,b     skip the named gates, with a warning the report records
  SPARK_GUARD_CONFIG=path  use this config file instead of discovery
  NO_COLOR                 no colour
  DEBUG=spark-guard        debug output and stack traces

Exit codes: 0 pass · 1 blocked by a gate · 2 usage, config or environment error · 130 interrupted
`;

type Values = Record<string, string | boolean | undefined>;
type Runner = (values: Values, positionals: string[], signal: AbortSignal) => Promise<number>;

interface Command {
  options: ParseArgsConfig['options'];
  run: Runner;
}

const noSave = { 'dry-run': { type: 'boolean' }, 'no-save': { type: 'boolean' }, agent: { type: 'string' } } as const;
const env = process.env;

const COMMANDS: Record<string, Command> = {
  install: {
    options: { ...noSave, chain: { type: 'boolean' }, replace: { type: 'boolean' } },
    run: async (v) => {
      if (v.agent !== undefined) {
        return (await import('../install/agent.js')).installAgent({ cwd: process.cwd(), agent: v.agent as string, dryRun: !!v['dry-run'], out: say });
      }
      if (v.chain && v.replace) throw new SparkGuardError('usage', messages.usage('install: --chain and --replace exclude each other'));
      const existing = v.chain ? 'chain' : v.replace ? 'replace' : undefined;
      return (await import('./commands/install.js')).install({ cwd: process.cwd(), dryRun: !!v['dry-run'], save: !v['no-save'], out: say, existing });
    },
  },
  uninstall: {
    options: noSave,
    run: async (v) =>
      v.agent !== undefined
        ? (await import('../install/agent.js')).uninstallAgent({ cwd: process.cwd(), agent: v.agent as string, dryRun: !!v['dry-run'], out: say })
        : (await import('./commands/uninstall.js')).uninstall({ cwd: process.cwd(), dryRun: !!v['dry-run'], save: !v['no-save'], out: say }),
  },
  run: {
    options: {},
    run: async (_v, p, signal) => (await import('./commands/run.js')).runHook({ hook: p[0], args: p.slice(1), env, signal }),
  },
  check: {
    options: {
      staged: { type: 'boolean' },
      base: { type: 'string' },
      range: { type: 'string' },
      only: { type: 'string' },
      skip: { type: 'string' },
      json: { type: 'boolean' },
      fix: { type: 'boolean' },
    },
    run: async (v, _p, signal) =>
      (await import('./commands/check.js')).check({
        staged: !!v.staged,
        base: v.base as string | undefined,
        range: v.range as string | undefined,
        only: v.only as string | undefined,
        skip: v.skip as string | undefined,
        json: !!v.json,
        fix: !!v.fix,
        env,
        signal,
      }),
  },
  review: {
    options: { staged: { type: 'boolean' }, base: { type: 'string' }, json: { type: 'boolean' } },
    run: async (v, _p, signal) =>
      (await import('./commands/check.js')).check({ staged: !!v.staged, base: v.base as string | undefined, only: 'review', json: !!v.json, command: 'review', env, signal }),
  },
  report: {
    options: { html: { type: 'boolean' }, open: { type: 'boolean' } },
    run: async (v, p) => (await import('./commands/report.js')).showReport(p[0], { html: !!v.html, open: !!v.open }),
  },
  config: {
    options: { json: { type: 'boolean' }, file: { type: 'string' } },
    run: async (v) => (await import('./commands/config.js')).showConfig({ json: !!v.json, env, file: v.file as string | undefined }),
  },
  doctor: { options: {}, run: async () => (await import('./commands/doctor.js')).doctor({ env }) },
  init: {
    options: { 'dry-run': { type: 'boolean' }, refresh: { type: 'boolean' }, ci: { type: 'string' } },
    run: async (v) => (await import('./commands/init.js')).init({ dryRun: !!v['dry-run'], refresh: !!v.refresh, ci: v.ci as string | undefined, env, out: say }),
  },
  verify: {
    options: { staged: { type: 'boolean' }, json: { type: 'boolean' } },
    run: async (v, _p, signal) => (await import('./commands/verify.js')).verify({ staged: !!v.staged, json: !!v.json, env, signal }),
  },
  docs: {
    options: { all: { type: 'boolean' }, json: { type: 'boolean' }, suggest: { type: 'boolean' } },
    run: async (v, _p, signal) => (await import('./commands/docs.js')).docs({ all: !!v.all, json: !!v.json, suggest: !!v.suggest, env, signal }),
  },
  /** Internal, not in --help: what the lint gate starts for an inline config with task functions (src/lint/child.ts). */
  'lint-staged-inline': { options: {}, run: async (_v, _p, signal) => (await import('../lint/child.js')).runInlineLintStaged(env, signal) },
  guard: { options: {}, run: async (_v, p) => (await import('./commands/guard.js')).guard({ args: p, env }) },
};

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}


export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v') {
    say(packageVersion());
    return EXIT.ok;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP);
    return name ? EXIT.ok : EXIT.error;
  }
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => controller.abort(new InterruptedError(signal));
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, onSignal);
  try {
    const command = COMMANDS[name];
    if (!command) throw new SparkGuardError('usage', messages.usage(messages.unknownCommand(name)));
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(HELP);
      return EXIT.ok;
    }
    const { values, positionals } = parseCommandArgs(name, rest, command);
    const code = await command.run(values, positionals, controller.signal);
    if (controller.signal.aborted) throw controller.signal.reason;
    return code;
  } catch (error) {
    return reportError(controller.signal.aborted ? controller.signal.reason : error);
  } finally {
    for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.off(s, onSignal);
  }
}

function parseCommandArgs(name: string, args: string[], command: Command) {
  // A hook's arguments are git's, passed through as they are (and node:util's parser costs ~1 ms).
  if (name === 'run' || name === 'guard') return { values: {}, positionals: args };
  try {
    return parseArgs({ args, options: command.options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new SparkGuardError('usage', messages.usage(`${name}: ${(error as Error).message}`));
  }
}

function reportError(error: unknown): number {
  if (isDebug() && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  if (error instanceof InterruptedError) {
    process.stderr.write(`spark-guard: ${messages.interrupted(error.signal)}\n`);
    return EXIT.interrupted;
  }
  if (error instanceof SparkGuardError) {
    const hint = error.details.hint ? `\n${error.details.hint}` : '';
    process.stderr.write(`spark-guard: ${error.message}${hint}\n`);
    return EXIT.error;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`spark-guard: ${messages.internalError(message)}\n`);
  return EXIT.error;
}
