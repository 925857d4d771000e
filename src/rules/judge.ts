/**
 * The banned rules, judged at both moments: an agent's command line before it runs
 * (`judgeCommand`), and a commit's added lines (`judgeLines`). A rule with a `command` judges what
 * a parsed command executes; a rule with only a `pattern` is a regex over text, as it always was.
 */
import type { BannedRule, CommandMatch } from '../config/types.js';
import { globMatcher, type Matcher } from '../diff/stats.js';
import { messages } from '../messages.js';
import type { Executed, Walked } from '../shell/commands.js';

/** The shell parser (src/shell/commands.ts's walk), passed in: the commit path loads it only when a line needs it. */
export type Walk = (line: string) => Walked;
import { matchCommand } from './match.js';

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
  files: Matcher | null;
  message: string;
}

export interface Hit {
  rule: string;
  message: string;
  /** The offending part: the command as written, or the line. */
  part: string;
}

/** The rules whose scope includes `scope` (`files` narrows only the diff). */
export function compileRules(rules: Record<string, BannedRule>, scope: 'diff' | 'commands'): CompiledRule[] {
  return Object.entries(rules)
    .filter(([, r]) => (r.scope ?? 'both') === 'both' || r.scope === scope)
    .map(([id, r]) => {
      let regex: RegExp | null | undefined;
      return {
        id,
        regex: () => (regex === undefined ? (regex = r.pattern ? new RegExp(r.pattern) : null) : regex),
        hasPattern: Boolean(r.pattern),
        command: r.command?.length ? r.command : null,
        keywords: r.keywords?.length ? r.keywords : null,
        files: scope === 'diff' && r.files?.length ? lazyMatcher(r.files) : null,
        message: r.message ?? messages.bannedDefaultMessage(id),
      };
    });
}

function lazyMatcher(globs: readonly string[]): Matcher {
  let matcher: Matcher | undefined;
  return (file) => (matcher ??= globMatcher(globs))(file);
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
function judgeExecuted(commands: readonly Executed[], rules: readonly CompiledRule[]): Hit[] {
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
  return judgeExecuted(walk(line).commands, rules);
}

export interface LineHit extends Hit {
  /** Index into the lines given. */
  index: number;
}

/** How an added line of a file is judged: as shell (the command it holds) or as text. */
export type LineKind = { shell: string } | 'text';

/** Files whose every line is shell. */
const SHELL_FILE = /(?:\.(?:sh|bash|zsh|ksh|bats)$|(?:^|\/)\.(?:husky|githooks)\/(?!_\/)[^/]+$)/;
const MAKEFILE = /(?:^|\/)(?:GNUmakefile|[Mm]akefile|[^/]+\.mk)$/;
const DOCKERFILE = /(?:^|\/)(?:(?:Dockerfile|Containerfile)(?:\.[^/]*)?|[^/]+\.[Dd]ockerfile)$/;
const YAML = /\.ya?ml$/;
const PACKAGE_JSON = /(?:^|\/)package\.json$/;

/** Whether judging a file's added lines may need the shell parser (a shell-like file, or a structured rule without a pattern). */
export function needsParser(path: string, rules: readonly CompiledRule[]): boolean {
  const applying = rules.filter((r) => r.command && (!r.files || r.files(path)));
  if (applying.length === 0) return false;
  return applying.some((r) => !r.hasPattern) || [SHELL_FILE, MAKEFILE, DOCKERFILE, YAML, PACKAGE_JSON].some((re) => re.test(path));
}

/** Which of a file's added lines hold a command, and the command. */
export function lineKind(path: string, text: string): LineKind {
  if (SHELL_FILE.test(path)) return /^\s*#/.test(text) ? 'text' : { shell: text };
  if (MAKEFILE.test(path)) {
    const m = /^\t+[@+-]*(.*)$/.exec(text);
    return m ? { shell: m[1]! } : 'text';
  }
  if (DOCKERFILE.test(path)) {
    const m = /^\s*RUN\s+(?:--\w+=\S+\s+)*(?!\[)(.*)$/i.exec(text);
    return m ? { shell: m[1]! } : 'text';
  }
  if (YAML.test(path)) {
    const m = /^\s*(?:-\s+)?run:\s*(.*)$/.exec(text);
    if (!m || /^[|>]/.test(m[1]!)) return 'text';
    return { shell: unquoteYaml(m[1]!) };
  }
  if (PACKAGE_JSON.test(path)) {
    const m = /^\s*"[^"]+"\s*:\s*("(?:[^"\\]|\\.)*")\s*,?\s*$/.exec(text);
    if (!m) return 'text';
    try {
      return { shell: JSON.parse(m[1]!) as string };
    } catch {
      return 'text';
    }
  }
  return 'text';
}

function unquoteYaml(value: string): string {
  const v = value.trim();
  if (v.startsWith("'") && v.endsWith("'") && v.length > 1) return v.slice(1, -1).replace(/''/g, "'");
  if (v.startsWith('"') && v.endsWith('"') && v.length > 1) {
    try {
      return JSON.parse(v) as string;
    } catch {
      return v.slice(1, -1);
    }
  }
  return v.replace(/\s+#.*$/, '');
}

/**
 * A file's added lines against the rules of scope `diff` or `both` that apply to the file. In a
 * shell file, a run of consecutive added lines is parsed as one script (here-docs, continued lines);
 * in other shell-like files, each line's command is. Lines that do not parse, and every line of
 * other files, are judged as text: a rule's pattern, or a structured rule over the line's words.
 */
export function judgeLines(path: string, lines: readonly { text: string; line: number }[], rules: readonly CompiledRule[], walk: Walk): LineHit[] {
  const applying = rules.filter((r) => !r.files || r.files(path));
  if (applying.length === 0) return [];
  const hits: LineHit[] = [];
  const structured = applying.filter((r) => r.command);
  const textOnly = applying.filter((r) => !r.command);
  // Regex rules: every line as text, as always.
  for (const [index, { text }] of lines.entries()) {
    for (const rule of textOnly) if (mayMatch(rule, text) && rule.regex()!.test(text)) hits.push({ rule: rule.id, message: rule.message, part: text, index });
  }
  if (structured.length === 0) return hits;
  const asText: number[] = [];
  if (SHELL_FILE.test(path)) {
    for (const block of runs(lines)) {
      const source = block.map((i) => lines[i]!.text).join('\n');
      const walked = walk(source);
      if (walked.errors > 0) {
        asText.push(...block);
        continue;
      }
      const starts = lineStarts(source);
      for (const rule of structured) {
        for (const c of walked.commands) {
          if (!rule.command!.some((m) => matchCommand(m, c))) continue;
          const index = block[lineAt(starts, c.at)]!;
          if (/^\s*#/.test(lines[index]!.text)) continue;
          hits.push({ rule: rule.id, message: rule.message, part: lines[index]!.text, index });
        }
      }
      // Comment lines are text: a commented-out command is one keystroke from running.
      for (const i of block) if (/^\s*#/.test(lines[i]!.text)) asText.push(i);
    }
  } else {
    for (const [index, { text }] of lines.entries()) {
      const kind = lineKind(path, text);
      if (kind === 'text') {
        asText.push(index);
        continue;
      }
      const walked = walk(kind.shell);
      if (walked.errors > 0) {
        asText.push(index);
        continue;
      }
      for (const h of judgeExecuted(walked.commands, structured)) hits.push({ ...h, part: text, index });
    }
  }
  for (const index of asText) {
    const text = lines[index]!.text;
    for (const rule of structured) {
      if (!mayMatch(rule, text)) continue;
      const regex = rule.regex();
      const hit = regex ? regex.test(text) : textCommands(text, walk).some((c) => rule.command!.some((m) => matchCommand(m, c)));
      if (hit) hits.push({ rule: rule.id, message: rule.message, part: text, index });
    }
  }
  return dedupe(hits);
}

/** A structured rule without a pattern, over prose or code: the line and each quoted string in it, as shell. */
function textCommands(text: string, walk: Walk): Executed[] {
  const sources = [text.replace(/^\s*(?:#+|\/\/+|--|;+|\*)\s?/, ''), ...[...text.matchAll(/'([^']*)'|"((?:[^"\\]|\\.)*)"|`([^`]*)`/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '')];
  return sources.flatMap((s) => walk(s).commands);
}

function dedupe(hits: LineHit[]): LineHit[] {
  const seen = new Set<string>();
  return hits
    .filter((h) => {
      const key = `${h.index}\0${h.rule}`;
      return seen.has(key) ? false : (seen.add(key), true);
    })
    .sort((a, b) => a.index - b.index);
}

/** Runs of consecutive line numbers, as indexes. */
function runs(lines: readonly { line: number }[]): number[][] {
  const out: number[][] = [];
  for (const [i, l] of lines.entries()) {
    const last = out[out.length - 1];
    if (last && lines[last[last.length - 1]!]!.line === l.line - 1) last.push(i);
    else out.push([i]);
  }
  return out;
}

function lineStarts(source: string): number[] {
  const starts = [0];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineAt(starts: readonly number[], pos: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
