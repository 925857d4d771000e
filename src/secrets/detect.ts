/**
 * Secret detection (SPEC §4) and redaction (SPEC §5). Pure and dependency-free: one line in,
 * matches out. Rules with a known prefix live in rules.ts; `password = "…"` assignments in generic.ts.
 */
import { findAssignments } from './generic.js';
import { GENERIC_KEYWORDS, PRIVATE_KEY_END, TOKEN_RULES, type TokenRule } from './rules.js';
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
const KUBERNETES = { rule: 'kubernetes-secret', label: 'Kubernetes Secret data' } as const;

/** Every rule, in priority order (for docs and `spark-guard config`). */
export function secretRules(): { id: string; label: string; provider: string; shape: string }[] {
  return [
    ...TOKEN_RULES.map(({ id, label, provider, shape }) => ({ id, label, provider, shape })),
    { id: KUBERNETES.rule, label: KUBERNETES.label, provider: 'Kubernetes', shape: 'kind: Secret … data: { key: **** }' },
    { id: GENERIC.rule, label: GENERIC.label, provider: 'any', shape: 'password = "****" (any key naming a credential)' },
  ];
}

/**
 * The prefilter: every rule names keywords (lower-case literals); a rule's regex is compiled and run
 * only on a line holding one of them. One pass over the line's characters looks each pair of
 * characters up in a table of the keywords that start with it, so the cost does not grow with the
 * number of rules (a 200-literal regex alternation costs ten times more per line).
 */
const GENERIC_INDEX = TOKEN_RULES.length;
/** Slot of (first char code × 128 + second char code) in PAIR_WORDS, plus one (0: no keyword starts so). */
const PAIR_SLOT = new Uint16Array(128 * 128);
const PAIR_WORDS: { word: string; rules: number[] }[][] = [];
/** One-character keywords (`|`): slot of the char code in CHAR_RULES, plus one. */
const CHAR_SLOT = new Uint16Array(128);
const CHAR_RULES: number[][] = [];
const lowerCode = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);

/** Does `word` (lower-case) occur in `line` at `at`, ignoring ASCII case? */
function wordAt(line: string, at: number, word: string): boolean {
  if (at + word.length > line.length) return false;
  for (let j = 2; j < word.length; j++) if (lowerCode(line.charCodeAt(at + j)) !== word.charCodeAt(j)) return false;
  return true;
}

/** hinted[rule] === round: the rule was hinted in this round (one round per line; no allocation). */
const hinted = new Uint32Array(GENERIC_INDEX + 1);
let round = 0;

/**
 * A three-character filter in front of the pair table: TRIPLE[hash of three lower-cased characters]
 * is 1 when some keyword of three or more characters starts with them (a collision only costs a
 * look). Most positions of an ordinary line fail here, with a few array reads: a regex of 250
 * literals would try its branches at every position, ten times slower.
 */
const TRIPLE = new Uint8Array(1 << 16);
const tripleHash = (a: number, b: number, c: number) => Math.imul(a * 961 + b * 31 + c, 2654435761) >>> 16;
/** Pairs that are whole keywords (`sk`): they need no third character. */
const SHORT = new Uint8Array(128 * 128);

// The tables, in one pass over the rules' keywords. Indexed loops, no iterators: this runs on every
// commit, in V8's interpreter, where each step of a for-of allocates (a young-generation GC costs 3–4 ms).
for (let rule = 0; rule <= GENERIC_INDEX; rule++) {
  const keywords = rule < GENERIC_INDEX ? TOKEN_RULES[rule]!.keywords : GENERIC_KEYWORDS;
  for (let k = 0; k < keywords.length; k++) addKeyword(keywords[k]!, rule);
}

function addKeyword(word: string, rule: number): void {
  const a = word.charCodeAt(0);
  if (word.length === 1) {
    if (CHAR_SLOT[a] === 0) CHAR_SLOT[a] = CHAR_RULES.push([]);
    CHAR_RULES[CHAR_SLOT[a]! - 1]!.push(rule);
    return;
  }
  const b = word.charCodeAt(1);
  if (word.length === 2) SHORT[a * 128 + b] = 1;
  else TRIPLE[tripleHash(a, b, word.charCodeAt(2))] = 1;
  const pair = a * 128 + b;
  if (PAIR_SLOT[pair] === 0) PAIR_SLOT[pair] = PAIR_WORDS.push([]);
  const words = PAIR_WORDS[PAIR_SLOT[pair]! - 1]!;
  for (let w = 0; w < words.length; w++) {
    if (words[w]!.word === word) {
      words[w]!.rules.push(rule);
      return;
    }
  }
  words.push({ word, rules: [rule] });
}

/**
 * One pass over the line: where a keyword may start, the pair table says which ones do. With `mark`,
 * marks their rules with a new round and says whether any was found; without, stops at the first.
 */
function scanKeywords(line: string, mark: boolean): boolean {
  let any = false;
  const n = line.length;
  let a = n > 0 ? lowerCode(line.charCodeAt(0)) : 0;
  let b = n > 1 ? lowerCode(line.charCodeAt(1)) : 0;
  // The pair table first: most positions start no keyword and cost two array reads. Calls are
  // inlined by hand: a commit's few hundred lines run in V8's interpreter, where each one counts.
  for (let i = 0; i < n; i++) {
    let c = i + 2 < n ? line.charCodeAt(i + 2) : 0; // 0 starts no keyword
    if (c >= 65 && c <= 90) c += 32;
    if (a < 128) {
      const single = CHAR_SLOT[a]!;
      if (single !== 0) {
        if (!mark) return true;
        if (!any) any = nextRound();
        for (const r of CHAR_RULES[single - 1]!) hinted[r] = round;
      }
      const pair = a * 128 + b;
      const slot = b !== 0 && b < 128 ? PAIR_SLOT[pair]! : 0;
      if (slot !== 0 && (SHORT[pair] === 1 || (c < 128 && TRIPLE[Math.imul(a * 961 + b * 31 + c, 2654435761) >>> 16] === 1))) {
        const words = PAIR_WORDS[slot - 1]!;
        for (let w = 0; w < words.length; w++) {
          const { word, rules } = words[w]!;
          if (!wordAt(line, i, word)) continue;
          if (!mark) return true;
          if (!any) any = nextRound();
          for (let k = 0; k < rules.length; k++) hinted[rules[k]!] = round;
        }
      }
    }
    a = b;
    b = c;
  }
  return any;
}

function nextRound(): true {
  if (round === 0xffffffff) {
    hinted.fill(0);
    round = 0;
  }
  round++;
  return true;
}

/** Cheap pre-check: false means findSecrets(line) would certainly return []. */
export function mayContainSecret(line: string): boolean {
  return scanKeywords(line, false);
}

const compiled = new Map<TokenRule, RegExp>();
function patternOf(rule: TokenRule): RegExp {
  let re = compiled.get(rule);
  if (!re) compiled.set(rule, (re = new RegExp(rule.source, rule.flags ?? 'g')));
  return re;
}

/** All credential-shaped values in one line of text (no newline). Placeholders are not matches. */
export function findSecrets(line: string): SecretMatch[] {
  if (!scanKeywords(line, true)) return [];
  const now = round;
  const found: SecretMatch[] = [];
  for (let i = 0; i < GENERIC_INDEX; i++) if (hinted[i] === now) matchRule(TOKEN_RULES[i]!, line, found);
  if (hinted[GENERIC_INDEX] === now) for (const { start, end } of findAssignments(line)) found.push({ ...GENERIC, start, end });
  return found.length > 1 ? withoutOverlaps(found) : found;
}

/** `<apiToken>` alone on its line: an XML element whose value stands on the next line. */
const OPEN_TAG = /^[ \t]*<([A-Za-z_][\w.:-]*)(?:[ \t][^<>]*)?>[ \t]*\r?$/;
const BARE_LINE = /^[ \t]*([^\s<>]+)[ \t]*\r?$/;

/**
 * Matches in `line` given the line before it (when the two are adjacent): an XML element's value on
 * its own line is judged as `tag: value`.
 */
export function findSecretsAfter(previous: string | undefined, line: string): SecretMatch[] {
  const found = findSecrets(line);
  if (previous === undefined || found.length > 0 || !previous.includes('<')) return found;
  const tag = OPEN_TAG.exec(previous)?.[1];
  const value = tag ? BARE_LINE.exec(line)?.[1] : undefined;
  if (!tag || !value) return found;
  const at = line.indexOf(value);
  const shift = at - (tag.length + 2);
  return findSecrets(`${tag}: ${value}`)
    .filter((m) => m.start >= tag.length + 2)
    .map((m) => ({ ...m, start: m.start + shift, end: m.end + shift }));
}

/** One of a file's added lines: its text and line number. */
export interface NumberedLine {
  text: string;
  line: number;
}

/**
 * Secrets in a file's added lines, judged with their neighbours: an XML value below its tag, a
 * private-key marker whose block (when the block is all there) holds no key material, a Firebase web
 * config's `apiKey` (published by design: Firebase says so; it is not a secret). One pass.
 */
export function findSecretsInLines(lines: readonly NumberedLine[]): SecretMatch[][] {
  const firebase = lines.some((l) => l.text.includes('firebaseapp.com') || l.text.includes('authDomain'));
  const kubernetes = lines.some((l) => l.text.includes('ind:') && KIND_SECRET.test(l.text)) ? kubernetesSecrets(lines) : undefined;
  return lines.map((l, i) => {
    const data = kubernetes?.get(i);
    if (data) return [data];
    const previous = i > 0 && lines[i - 1]!.line === l.line - 1 ? lines[i - 1]!.text : undefined;
    let found = previous === undefined ? findSecrets(l.text) : findSecretsAfter(previous, l.text);
    if (found.length === 0) return found;
    if (firebase) found = found.filter((m) => m.rule !== 'google-api-key' || !/apiKey["']?\s*[:=]/.test(l.text));
    return found.filter((m) => m.rule !== 'private-key' || !isEmptyKeyBlock(lines, i));
  });
}

const KIND_SECRET = /^[ \t]*kind:[ \t]*["']?secret["']?[ \t]*\r?$/i;
const DATA_BLOCK = /^([ \t]*)(data|stringData):[ \t]*\r?$/;
const DATA_ENTRY = /^([ \t]*)["']?[\w.-]+["']?:[ \t]*(?:([|>][-+]?)|["']?([^\s"'#]+)["']?)?[ \t]*\r?$/;

/** The data of each YAML document (`---` apart) that says `kind: Secret`. */
function kubernetesSecrets(lines: readonly NumberedLine[]): Map<number, SecretMatch> {
  const found = new Map<number, SecretMatch>();
  let from = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i < lines.length && !/^---[ \t]*\r?$/.test(lines[i]!.text)) continue;
    const doc = lines.slice(from, i);
    if (doc.some((l) => KIND_SECRET.test(l.text))) for (const [at, m] of kubernetesData(doc)) found.set(from + at, m);
    from = i + 1;
  }
  return found;
}

/**
 * A Kubernetes Secret's values: every entry under `data:` (base64) or `stringData:` (plain), inline
 * or as a block scalar (`key: |` then indented lines), in a file whose added lines say `kind: Secret`.
 */
function kubernetesData(lines: readonly NumberedLine[]): Map<number, SecretMatch> {
  const found = new Map<number, SecretMatch>();
  const add = (i: number, value: string, plain: boolean) => {
    const text = lines[i]!.text;
    if (value.length < (plain ? 8 : 12) || /^[$%{<]|\$\{|\{\{/.test(value) || (plain ? isPlaceholder(value) : !/^[A-Za-z0-9+/=_-]+$/.test(value))) return;
    const start = text.indexOf(value);
    found.set(i, { ...KUBERNETES, start, end: start + value.length });
  };
  let block: { indent: number; plain: boolean } | undefined;
  let scalar: number | undefined; // indent of the entry whose block scalar is being read
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.text;
    if (i > 0 && lines[i - 1]!.line !== lines[i]!.line - 1) block = scalar = undefined;
    const indent = /^[ \t]*/.exec(text)![0].length;
    if (/^[ \t]*(?:#.*)?\r?$/.test(text)) continue;
    if (block && indent > block.indent) {
      if (scalar !== undefined && indent > scalar) {
        add(i, text.trim(), block.plain);
        continue;
      }
      scalar = undefined;
      const entry = DATA_ENTRY.exec(text);
      if (entry?.[2]) scalar = indent;
      else if (entry?.[3]) add(i, entry[3], block.plain);
      continue;
    }
    const start = DATA_BLOCK.exec(text);
    block = start ? { indent: start[1]!.length, plain: start[2] === 'stringData' } : undefined;
    scalar = undefined;
  }
  return found;
}

/** The block after a lone BEGIN marker ends, within the added lines, before any key material. */
function isEmptyKeyBlock(lines: readonly NumberedLine[], at: number): boolean {
  let body = 0;
  for (let i = at + 1; i < lines.length && lines[i]!.line === lines[i - 1]!.line + 1; i++) {
    const text = lines[i]!.text.trim();
    if (PRIVATE_KEY_END.test(text)) return body < 40;
    if (/^[A-Za-z-]+: /.test(text)) continue;
    if (!/^[A-Za-z0-9+/=]*$/.test(text)) return body < 40;
    body += text.length;
  }
  return false;
}

function matchRule(rule: TokenRule, line: string, out: SecretMatch[]): void {
  for (const m of line.matchAll(patternOf(rule))) {
    const value = m[0];
    const end = m.index + value.length;
    if (rule.placeholders !== false && isPlaceholder(value)) continue;
    if (rule.accept && !rule.accept(value, line, end)) continue;
    out.push({ rule: rule.id, label: rule.label, start: m.index, end });
  }
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
    const matches = diffLineSecrets(lines[i - 1], line);
    if (matches.length === 0) continue;
    lines[i] = replaceRanges(line, matches, () => REDACTED);
    inKey = matches.some((m) => m.rule === 'private-key' && !PRIVATE_KEY_END.test(line.slice(m.start, m.end)));
  }
  return lines.join('\n');
}

/** Matches in a line that may start with a diff marker (`+`, `-`, space): checked with and without it. */
function diffLineSecrets(previous: string | undefined, line: string): SecretMatch[] {
  if (!mayContainSecret(line) && !(previous?.includes('<') && OPEN_TAG.test(previous.slice(1)))) return [];
  const found = findSecretsAfter(previous, line);
  const marker = line[0];
  if (marker !== '+' && marker !== '-' && marker !== ' ') return found;
  const before = previous !== undefined && previous[0] === marker ? previous.slice(1) : undefined;
  const shifted = findSecretsAfter(before, line.slice(1)).map((m) => ({ ...m, start: m.start + 1, end: m.end + 1 }));
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
