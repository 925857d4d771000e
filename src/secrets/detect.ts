/**
 * Secret detection (SPEC §4) and redaction (SPEC §5). Pure and dependency-free: one line in,
 * matches out. Rules with a known prefix live in rules.ts; `password = "…"` assignments in generic.ts.
 */
import { findAssignments } from './generic.js';
import { GENERIC_HINT, PRIVATE_KEY_END, TOKEN_RULES, type TokenRule } from './rules.js';
import { isPlaceholder } from './values.js';

export interface SecretMatch {
  /** Rule id, e.g. 'private-key', 'aws-access-key', 'github-token', 'generic-assignment'. */
  rule: string;
  /** Human label, e.g. 'AWS access key id'. */
  label: string;
  /** [start, end) of the secret value within the line (not the whole `password = "..."`). */
  start: number;
  end: number;
}

const GENERIC = { rule: 'generic-assignment', label: 'hard-coded credential' } as const;

/** Every rule id and label, in priority order (for docs and `spark-guard config`). */
export const SECRET_RULES: readonly { id: string; label: string }[] = [
  ...TOKEN_RULES.map(({ id, label }) => ({ id, label })),
  { id: GENERIC.rule, label: GENERIC.label },
];

/** One scan finds which token rules can apply: group i + 1 is TOKEN_RULES[i]'s hint. */
const HINTS = new RegExp(TOKEN_RULES.map((r) => `(${r.hint})`).join('|'), 'gi');
const PREFILTER = new RegExp(`${HINTS.source}|${GENERIC_HINT}`, 'i');

/** Cheap pre-check: false means findSecrets(line) would certainly return []. */
export function mayContainSecret(line: string): boolean {
  return PREFILTER.test(line);
}

/** The token rules whose hint occurs in the line. */
function hintedRules(line: string): TokenRule[] {
  const rules: TokenRule[] = [];
  HINTS.lastIndex = 0;
  for (let m = HINTS.exec(line); m; m = HINTS.exec(line)) {
    const i = m.findIndex((group, g) => g > 0 && group !== undefined);
    const rule = TOKEN_RULES[i - 1];
    if (rule && !rules.includes(rule)) rules.push(rule);
    HINTS.lastIndex = m.index + 1; // hints may overlap
  }
  return rules;
}

/** All credential-shaped values in one line of text (no newline). Placeholders are not matches. */
export function findSecrets(line: string): SecretMatch[] {
  if (!mayContainSecret(line)) return [];
  const found: SecretMatch[] = [];
  const hinted = hintedRules(line);
  for (const rule of TOKEN_RULES) if (hinted.includes(rule)) found.push(...matchRule(rule, line));
  for (const { start, end } of findAssignments(line)) found.push({ ...GENERIC, start, end });
  return withoutOverlaps(found);
}

function matchRule(rule: TokenRule, line: string): SecretMatch[] {
  const out: SecretMatch[] = [];
  for (const m of line.matchAll(rule.pattern)) {
    const value = m[0];
    const end = m.index + value.length;
    if (rule.placeholders !== false && isPlaceholder(value)) continue;
    if (rule.accept && !rule.accept(value, line, end)) continue;
    out.push({ rule: rule.id, label: rule.label, start: m.index, end });
  }
  return out;
}

/** Earlier (more specific) matches win; the result is sorted by position. */
function withoutOverlaps(matches: SecretMatch[]): SecretMatch[] {
  const kept: SecretMatch[] = [];
  for (const m of matches) {
    if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** The line with each match's value masked: at most its first 4 characters, then `****`. */
export function maskSecrets(line: string, matches: readonly SecretMatch[]): string {
  return replaceRanges(line, matches, (value) => `${value.slice(0, visiblePrefix(value))}****`);
}

/** 4 characters of a long value (`AKIA****`), fewer of a short one: never more than a quarter. */
function visiblePrefix(value: string): number {
  return Math.min(4, Math.floor(value.length / 4));
}

interface Range {
  start: number;
  end: number;
}

/** Replaces the union of `ranges` (overlaps merged) with `replace(value)`. */
function replaceRanges(line: string, ranges: readonly Range[], replace: (value: string) => string): string {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (let i = 0; i < sorted.length; i++) {
    const start = Math.max(at, sorted[i]!.start);
    let end = sorted[i]!.end;
    while (i + 1 < sorted.length && sorted[i + 1]!.start < end) end = Math.max(end, sorted[++i]!.end);
    if (end <= start) continue;
    out += line.slice(at, start) + replace(line.slice(start, end));
    at = end;
  }
  return out + line.slice(at);
}

const REDACTED = '[REDACTED]';

/**
 * Every secret in a multi-line text (a diff, usually) replaced by `[REDACTED]`, for text sent to a
 * model. A private key's block — BEGIN line, body, END line — is redacted line by line, keeping each
 * line's diff marker and indentation so the diff keeps its shape. Placeholders stay.
 */
export function redactSecrets(text: string): string {
  const lines = text.split('\n');
  let inKey = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (inKey) {
      const body = redactKeyLine(line);
      if (body) {
        lines[i] = body.text;
        inKey = !body.closed;
        continue;
      }
      inKey = false;
    }
    if (!mayContainSecret(line)) continue;
    const matches = diffLineSecrets(line);
    if (matches.length === 0) continue;
    lines[i] = replaceRanges(line, matches, () => REDACTED);
    inKey = matches.some((m) => m.rule === 'private-key' && !PRIVATE_KEY_END.test(line.slice(m.start, m.end)));
  }
  return lines.join('\n');
}

/** Matches in a line that may start with a diff marker (`+`, `-`, space): checked with and without it. */
function diffLineSecrets(line: string): SecretMatch[] {
  const found = findSecrets(line);
  const marker = line[0];
  if (marker !== '+' && marker !== '-' && marker !== ' ') return found;
  const shifted = findSecrets(line.slice(1)).map((m) => ({ ...m, start: m.start + 1, end: m.end + 1 }));
  return [...found, ...shifted];
}

/** A line inside a private-key block: base64 body, a `Proc-Type:` style header, a blank, or the END line. */
function redactKeyLine(line: string): { text: string; closed: boolean } | null {
  const prefix = /^[+\- ]?[ \t]*/.exec(line)?.[0] ?? '';
  const rest = line.slice(prefix.length);
  const end = PRIVATE_KEY_END.exec(rest);
  if (end) return { text: prefix + REDACTED + rest.slice(end.index + end[0].length), closed: true };
  // Body text without escapes, quotes and concatenation (`"MIIE…\\n" +`); base64 has no spaces.
  const bare = rest.replace(/\\[rn]/g, '').replace(/^["'`]|["'`]?[ \t]*[,;+)]*\s*$/g, '');
  if (bare === '') return { text: line, closed: false };
  const cr = line.endsWith('\r') ? '\r' : '';
  if (/^[A-Za-z0-9+/=]+$/.test(bare) || /^[A-Za-z-]+: /.test(rest)) return { text: prefix + REDACTED + cr, closed: false };
  return null;
}
