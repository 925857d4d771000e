/**
 * The banned rules compiled, and an agent's command judged against them, without the shell parser
 * or globs: dist/guard.cjs holds this module and loads the parser (dist/shell/commands.cjs) only
 * for a command that `mayBreak` says could break a rule. src/rules/judge.ts re-exports it.
 */
import type { BannedRule, CommandMatch } from '../config/types.js';
import { messages } from '../messages.js';
import type { Executed, Walked } from '../shell/commands.js';
import { matchCommand } from './match.js';

/** The shell parser (src/shell/commands.ts's walk), passed in: the commit path loads it only when a line needs it. */
export type Walk = (line: string) => Walked;

/** Whether a rule applies to a file of the diff. */
export type FileMatcher = (path: string) => boolean;

export interface CompiledRule {
  id: string;
  /** The text form: compiled on first use (V8 compiles a regex on its first test, ~1–2 ms each). */
  regex: () => RegExp | null;
  /** Whether the rule has a text form at all (without building its regex: `new RegExp` parses the pattern). */
  hasPattern: boolean;
  command: readonly CommandMatch[] | null;
  /** Words the pattern cannot match without (null: test every line). */
  keywords: readonly string[] | null;
  /** Whether the rule applies to a file of the diff (its `files` globs). */
  files: FileMatcher | null;
  message: string;
}

export interface Hit {
  rule: string;
  message: string;
  /** The offending part: the command as written, or the line. */
  part: string;
}

/**
 * The rules whose scope includes `scope`. `files` narrows only the diff: `globs` makes its matcher
 * (called on first use), so the commands scope needs no glob library.
 */
export function compileRules(rules: Record<string, BannedRule>, scope: 'diff' | 'commands', globs?: (globs: readonly string[]) => FileMatcher): CompiledRule[] {
  return Object.entries(rules)
    .filter(([, r]) => (r.scope ?? 'both') === 'both' || r.scope === scope)
    .map(([id, r]) => {
      let regex: RegExp | null | undefined;
      let files: FileMatcher | undefined;
      return {
        id,
        regex: () => (regex === undefined ? (regex = r.pattern ? new RegExp(r.pattern) : null) : regex),
        hasPattern: Boolean(r.pattern),
        command: r.command?.length ? r.command : null,
        keywords: r.keywords?.length ? r.keywords : null,
        files: scope === 'diff' && r.files?.length && globs ? (path) => (files ??= globs(r.files!))(path) : null,
        message: r.message ?? messages.bannedDefaultMessage(id),
      };
    });
}

/** Skip lines without a keyword: most commits then compile no regex at all. */
export function mayMatch(rule: Pick<CompiledRule, 'keywords'>, text: string): boolean {
  return rule.keywords === null || rule.keywords.some((k) => text.includes(k));
}

/** A command as a regex rule sees it: its program and words, normalised (`sudo /bin/rm -r x` → `rm -r x`). */
export function normalised(c: Executed): string {
  return [c.program, ...c.args].join(' ');
}

/** Each executed command against the rules; each rule is reported once, with its first offending command. */
export function judgeExecuted(commands: readonly Executed[], rules: readonly CompiledRule[]): Hit[] {
  const hits: Hit[] = [];
  for (const rule of rules) {
    for (const c of commands) {
      const hit = rule.command ? rule.command.some((m) => matchCommand(m, c)) : (rule.regex()?.test(normalised(c)) ?? false);
      if (hit) {
        hits.push({ rule: rule.id, message: rule.message, part: c.text.trim() });
        break;
      }
    }
  }
  return hits;
}

/** An agent's command line against the rules of scope `commands` or `both`. */
export function judgeCommand(line: string, rules: readonly CompiledRule[], walk: Walk): Hit[] {
  return mayBreak(line, rules) ? judgeExecuted(walk(line).commands, rules) : [];
}

/**
 * Whether `judgeExecuted(walk(line).commands, rules)` could find anything: false only when it
 * provably cannot, so the guard answers most commands without loading the parser. Sound because,
 * in a line without `$`, `\`, a backtick or `{` (no expansion, escape, substitution or brace that
 * could build a word out of parts that are not side by side), every word walk() reports — a
 * program after its wrappers and folder, an argument, a word of `bash -c '…'`, `eval`, a here-doc
 * or `env -S` — is a piece of the line once its quote characters are removed (`'pu'"sh"` → push).
 * A structured matcher needs its program, each of its `args` and one of `fedBy` among those words
 * (compared without quote characters too); a rule with only a pattern (any regex) always needs the parser.
 */
export function mayBreak(line: string, rules: readonly CompiledRule[]): boolean {
  if (/[$\\`{]/.test(line)) return true;
  const unquoted = (s: string) => s.replace(/["']/g, '');
  const text = unquoted(line);
  const has = (word: string) => text.includes(unquoted(word));
  const program = (name: string) => has(name.endsWith('*') ? name.slice(0, -1) : name);
  return rules.some(
    (rule) =>
      !rule.command ||
      rule.command.some((m) => m.program.some(program) && (m.args ?? []).every((want) => (Array.isArray(want) ? want : [want]).some(has)) && (!m.fedBy || m.fedBy.some(program))),
  );
}
