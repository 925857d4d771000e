/**
 * The banned rules, judged at both moments: an agent's command line before it runs
 * (`judgeCommand`), and a commit's added lines (`judgeLines`). A rule with a `command` judges what
 * a parsed command executes; a rule with only a `pattern` is a regex over text, as it always was.
 */
import type { BannedRule } from '../config/types.js';
import { globMatcher } from '../diff/stats.js';
import type { Executed } from '../shell/commands.js';
import { type CompiledRule, compileRules as compile, type Hit, judgeExecuted, mayMatch, type Walk } from './compile.js';
import { matchCommand } from './match.js';

export { type CompiledRule, type Hit, judgeCommand, judgeExecuted, mayBreak, mayMatch, normalised, type Walk } from './compile.js';

/** The rules whose scope includes `scope` (`files` narrows only the diff). */
export function compileRules(rules: Record<string, BannedRule>, scope: 'diff' | 'commands'): CompiledRule[] {
  return compile(rules, scope, globMatcher);
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
