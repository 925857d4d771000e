/**
 * Structured banned rules: what a parsed command must be to break a rule (see CommandMatch in
 * config/types.ts). One definition serves the agent's commands (`spark-guard guard`) and the added
 * lines of shell-like files in a commit.
 */
import type { CommandMatch } from '../config/types.js';
import type { Executed } from '../shell/commands.js';
import { SUBSTITUTED, UNKNOWN } from '../shell/markers.js';
import { CLASSES, type Operand } from './classes.js';

/** Global options of a program that come before its subcommand, and which of them take a value. */
const GLOBALS: Record<string, string[]> = {
  git: ['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--config-env', '--super-prefix', '--exec-path', '--list-cmds', '--attr-source'],
  docker: ['-H', '--host', '-c', '--context', '--config', '-l', '--log-level'],
};

export interface ParsedArgs {
  /** The subcommand words matched by `args`. */
  flags: Set<string>;
  /** Long flags as written (for abbreviations), without `=value`. */
  longs: string[];
  operands: Operand[];
}

/** Splits a command's words (after its subcommand) into flags and operands. */
export function parseArgs(args: readonly string[], shapes: readonly string[], values: readonly string[] = []): ParsedArgs {
  const flags = new Set<string>();
  const longs: string[] = [];
  const operands: ParsedArgs['operands'] = [];
  let onlyOperands = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const shape = shapes[i] ?? a;
    if (onlyOperands || !a.startsWith('-') || a === '-' || shape.startsWith(UNKNOWN) || shape.startsWith(SUBSTITUTED)) {
      operands.push({ value: a, shape });
      continue;
    }
    if (a === '--') {
      flags.add('--'); // what follows are operands (paths, for git checkout)
      onlyOperands = true;
      continue;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(0, eq) : a;
      longs.push(name);
      if (eq < 0 && values.includes(name)) i++;
      continue;
    }
    for (let k = 1; k < a.length; k++) {
      const flag = `-${a[k]}`;
      flags.add(flag);
      if (values.includes(flag)) {
        if (k === a.length - 1) i++;
        break;
      }
    }
  }
  return { flags, longs, operands };
}

/** A long flag as written matches `--name` when it is `--name` or an abbreviation of at least two letters. */
function hasFlag(parsed: ParsedArgs, flag: string): boolean {
  if (!flag.startsWith('--') || flag === '--') return parsed.flags.has(flag);
  return parsed.longs.some((l) => l === flag || (l.length >= 4 && flag.startsWith(l) && !flag.startsWith(`${l}-`) ));
}

const regexCache = new Map<string, RegExp>();
function operandMatches(spec: string, operand: Operand): boolean {
  if (spec.startsWith('@')) return CLASSES[spec.slice(1)]?.(operand) ?? false;
  let re = regexCache.get(spec);
  if (!re) regexCache.set(spec, (re = new RegExp(spec)));
  return re.test(operand.value);
}


function programMatches(names: readonly string[], program: string): boolean {
  return names.some((n) => (n.endsWith('*') ? program.startsWith(n.slice(0, -1)) : n === program));
}

/** Whether one executed command breaks one matcher. */
export function matchCommand(m: CommandMatch, c: Executed): boolean {
  if (!programMatches(m.program, c.program)) return false;
  let i = 0;
  const globals = GLOBALS[c.program];
  if (globals) {
    while (i < c.args.length && c.args[i]!.startsWith('-')) {
      const a = c.args[i]!;
      i += globals.includes(a) ? 2 : 1;
      if (a === '--') break;
    }
  }
  for (const want of m.args ?? []) {
    const word = c.args[i];
    if (word === undefined || !(Array.isArray(want) ? want : [want]).includes(word)) return false;
    i++;
  }
  const parsed = parseArgs(c.args.slice(i), c.shapes.slice(i), m.values);
  if (m.all && !m.all.every((group) => group.some((f) => hasFlag(parsed, f)))) return false;
  if (m.any && !m.any.some((f) => hasFlag(parsed, f))) return false;
  if (m.none?.some((f) => hasFlag(parsed, f))) return false;
  if (m.operands !== undefined && parsed.operands.length < m.operands) return false;
  if (m.operand && !parsed.operands.some((o) => m.operand!.some((spec) => operandMatches(spec, o)))) return false;
  if (m.fedBy && !c.feeders.some((f) => programMatches(m.fedBy!, f.program))) return false;
  return true;
}

/** One sentence per matcher, for `spark-guard config`. */
export function describeMatch(m: CommandMatch): string {
  const parts = [[m.program.join(' | '), ...(m.args ?? []).map((a) => (Array.isArray(a) ? `(${a.join(' | ')})` : a))].join(' ')];
  if (m.all) parts.push(`with ${m.all.map((g) => g.join(' or ')).join(' and ')}`);
  if (m.any) parts.push(`with any of ${m.any.join(' ')}`);
  if (m.none) parts.push(`without ${m.none.join(' ')}`);
  if (m.operands) parts.push(`with at least ${m.operands} operand${m.operands > 1 ? 's' : ''}`);
  if (m.operand) parts.push(`on ${m.operand.map((o) => (o.startsWith('@') ? o.slice(1) : `/${o}/`)).join(' or ')}`);
  if (m.fedBy) parts.push(`fed by ${m.fedBy.join(' | ')}`);
  return parts.join(' ');
}
