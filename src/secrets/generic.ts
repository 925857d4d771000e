/**
 * Generic credential assignments — `password = "…"`, `api_key: …`, `DB_PASSWORD=…`,
 * `define('DB_PASSWORD', '…')`, `--token=…`, `Authorization: Bearer …` — in code, YAML, JSON, .env,
 * .properties, Dockerfiles and shell. Only the value is reported, and only when it looks real.
 */
import { isAuthorizationKey, isCredentialKey, isPasswordKey } from './keys.js';
import { GENERIC_HINT } from './rules.js';
import { isPassphrase, isPropertyPath, looksLikeName, looksReal } from './values.js';

export interface ValueRange {
  start: number;
  end: number;
  /** The value was a string literal (more characters are allowed in it than in a bare value). */
  quoted?: boolean;
}

/** Where a credential-ish key may be: the scan starts at these words, not at every identifier. */
const KEYWORD = new RegExp(GENERIC_HINT, 'gi');

/**
 * After the key: a closing quote or bracket (`"key"`, `ENV['KEY']`), an assignment operator (`=`,
 * `:`, `:=`, `=>`; not `==`, `!=`, `::`) — after a type only `=` or `:=` (`password: str = `, Go's
 * `password string = `, Rust's `API_KEY: &str = `) — an optional string prefix (`r`, `b`, `f`, `@`),
 * then the opening quote.
 */
const QUOTED_AFTER_KEY =
  /["'`]?\]?[ \t]*(?:(?::[ \t]*&?(?:'static[ \t]+)?[A-Za-z_][\w.[\]]*\??|[ \t]+[A-Za-z_][\w.[\]]*)[ \t]*(?::=|=(?![=~>]))|:{1,3}=|\?=|\.=|\+=|\|\|=|=>|=(?![=~>])|:(?![:=]))[ \t]*(?:[rbufRBUF]{1,2}|@)?(["'`])/y;
/** `"API_TOKEN=…\nDEBUG=1"`: an env file inside a string (JSON, YAML), the value ending at `\n` or the quote. */
const ENV_IN_STRING = /=(?=[^\s"'`\\])/y;
/** `("DB_PASSWORD", "…")`: a call's quoted key, a comma, a quoted value (PHP `define`, `setenv`, `headers.set`). */
const PAIR_AFTER_KEY = /[ \t]*,[ \t]*(["'`])/y;
/** `#define API_KEY "…"` */
const DEFINE_AFTER_KEY = /[ \t]+(["'])/y;
/** `--password=…`, `--token …` */
const FLAG_AFTER_KEY = /(?:=|[ \t]+)(?=[^\s-])/y;
/** `curl -H "X-Api-Key: …"`, `--header 'Token: …'`: a header whose name names a credential. */
const HEADER_FLAG = /(?:^|\s)(?:-H|--header)[ \t]+["']$/;
const HEADER_AFTER_KEY = /:[ \t]*/y;
/** `Authorization: Bearer …` unquoted (HTTP files, curl `-H "…"`). */
const SCHEME_AFTER_KEY = /["']?[ \t]*[:=][ \t]*(?:Bearer|Basic|Token)[ \t]+/iy;

/** `KEY=value` (.env, shell, Dockerfile, .properties) or `key: value` (YAML), the value ending the line. */
const UNQUOTED_ENV =
  /^([ \t]*(?:-[ \t]+)?(?:(?:export|ENV|ARG|set|readonly|declare(?:[ \t]+-\w+)?)[ \t]+)?["']?)([A-Za-z_][\w.-]*)[ \t]*(?::{1,3}=|\?=|\+=|=)[ \t]*([^\s'"`]+)(?:["'],?)?[ \t]*(?:[ \t]#.*)?\r?$/;
const UNQUOTED_YAML = /^([ \t]*(?:-[ \t]+)?["']?)([\w.-]+)["']?[ \t]*:[ \t]+([^\s'"`&*!|>%@:][^\s'"`]*)[ \t]*(?:[ \t]#.*)?\r?$/;

/** Values of credential assignments on this line, with their ranges. */
export function findAssignments(line: string): ValueRange[] {
  const found = keyedValues(line);
  const unquoted = unquotedValue(line);
  if (unquoted && !found.some((r) => r.start < unquoted.end && unquoted.start < r.end)) found.push(unquoted);
  return found;
}

function keyedValues(line: string): ValueRange[] {
  const found: ValueRange[] = [];
  let done = 0; // everything before this index is handled
  KEYWORD.lastIndex = 0;
  for (let m = KEYWORD.exec(line); m; m = KEYWORD.exec(line)) {
    let end = m.index + m[0].length;
    while (end < line.length && isKeyChar(line.charCodeAt(end))) end++;
    KEYWORD.lastIndex = end;
    let start = m.index;
    while (start > done && isKeyChar(line.charCodeAt(start - 1))) start--;
    const range = valueAfterKey(line, start, end);
    if (!range) continue;
    done = range.end;
    KEYWORD.lastIndex = Math.max(end, range.end);
    if (judgeValue(line.slice(start, end), line.slice(range.start, range.end), range.quoted === true)) found.push(range);
  }
  return found;
}

/** The value assigned to the key at [start, end), in any of the forms above, or null. */
function valueAfterKey(line: string, start: number, end: number): ValueRange | null {
  const range = valueForm(line, start, end);
  return range !== undefined && isCredentialKey(line.slice(start, end)) ? range : null;
}

/** The value after the key, whatever the key; undefined when no assignment form follows. */
function valueForm(line: string, start: number, end: number): ValueRange | null | undefined {
  const quoted = sticky(QUOTED_AFTER_KEY, line, end);
  if (quoted) return quotedValue(line, end + quoted[0].length, quoted[1]!);
  const quote = line[start - 1];
  const call = quote !== undefined && line[end] === quote && /["'`]/.test(quote) && /\([ \t]*$/.test(line.slice(0, start - 1));
  const pair = call ? sticky(PAIR_AFTER_KEY, line, end + 1) : null;
  if (pair) return quotedValue(line, end + 1 + pair[0].length, pair[1]!);
  const define = line.includes('#') && /^\s*#\s*define\s/.test(line) ? sticky(DEFINE_AFTER_KEY, line, end) : null;
  if (define) return quotedValue(line, end + define[0].length, define[1]!);
  const xml = line[start - 1] === '<' && line[end] === '>' ? xmlValue(line, end + 1) : undefined;
  if (xml !== undefined) return xml;
  const header = HEADER_FLAG.test(line.slice(Math.max(0, start - 16), start)) ? sticky(HEADER_AFTER_KEY, line, end) : null;
  if (header) return headerValue(line, end + header[0].length);
  const inString = /["'`]/.test(line[start - 1] ?? '') || line.startsWith('\\n', start - 2);
  const env = inString ? sticky(ENV_IN_STRING, line, end) : null;
  if (env) return envValue(line, end + 1);
  const flag = line.startsWith('--', start) ? sticky(FLAG_AFTER_KEY, line, end) : null;
  if (flag) return bareOrQuoted(line, end + flag[0].length);
  const scheme = sticky(SCHEME_AFTER_KEY, line, end);
  return scheme && isAuthorizationKey(line.slice(start, end)) ? bareValue(line, end + scheme[0].length) : undefined;
}

function sticky(re: RegExp, line: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(line);
}

/** `[A-Za-z0-9_$.-]` */
function isKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c === 46 || c === 45;
}

/** The string opened by `quote` just before `open`; an `Authorization` value skips its `Bearer ` scheme. */
function quotedValue(line: string, open: number, quote: string): ValueRange | null {
  let close = open;
  while (close < line.length && line[close] !== quote) close += line[close] === '\\' ? 2 : 1;
  if (close >= line.length) return null;
  const scheme = /^(?:Bearer|Basic|Token|Bot)[ \t]+/i.exec(line.slice(open, close));
  return { start: open + (scheme?.[0].length ?? 0), end: close, quoted: true };
}

function bareOrQuoted(line: string, at: number): ValueRange | null {
  const ch = line[at] ?? '';
  return /["']/.test(ch) ? quotedValue(line, at + 1, ch) : bareValue(line, at);
}

/** An unquoted value up to whitespace, a quote or `,;)`; a name or property path is code, not a value. */
function bareValue(line: string, start: number): ValueRange | null {
  let end = start;
  while (end < line.length && !/[\s'"`,;)]/.test(line[end]!)) end++;
  const value = line.slice(start, end);
  return end > start && !isPropertyPath(value) && !looksLikeName(value) ? { start, end } : null;
}

/** `<password>value</password>`: the element's text, when the element closes on the line. */
function xmlValue(line: string, start: number): ValueRange | null | undefined {
  const close = line.indexOf('</', start);
  if (close < 0) return undefined;
  const text = line.slice(start, close);
  return text !== '' && !/[<>\s]/.test(text) ? { start, end: close, quoted: true } : null;
}

/** A header's value up to the closing quote; a scheme word before it (`Bearer`, `Api-Token`) is skipped. */
function headerValue(line: string, start: number): ValueRange | null {
  const close = /["']/.exec(line.slice(start));
  const text = close ? line.slice(start, start + close.index) : line.slice(start);
  const m = /^(?:[A-Za-z][\w-]*[ \t]+)?(\S+)[ \t]*$/.exec(text);
  if (!m) return null;
  const at = start + text.lastIndexOf(m[1]!);
  return { start: at, end: at + m[1]!.length, quoted: true };
}

/** The value of `KEY=value` inside a string, up to `\n`, `\` or a quote. */
function envValue(line: string, start: number): ValueRange | null {
  let end = start;
  while (end < line.length && !/[\s"'`\\]/.test(line[end]!)) end++;
  const value = line.slice(start, end);
  return end > start && !isPropertyPath(value) && !looksLikeName(value) ? { start, end } : null;
}

/**
 * A value worth blocking for this key: a password may be short (8) or a passphrase of words; a
 * token, key or secret is at least 10 characters.
 */
function judgeValue(key: string, value: string, quoted: boolean): boolean {
  const password = isPasswordKey(key);
  if (password && isPassphrase(value)) return true;
  return (password || value.length >= 10) && looksReal(value, quoted);
}

function unquotedValue(line: string): ValueRange | null {
  const m = (line.includes('=') ? UNQUOTED_ENV.exec(line) : null) ?? (line.includes(':') ? UNQUOTED_YAML.exec(line) : null);
  if (!m) return null;
  const [, lead = '', key = '', value = ''] = m;
  if (!isCredentialKey(key) || /[,;]$/.test(value) || !judgeValue(key, value, false)) return null;
  // An env-style key (`DB_PASSWORD`) may hold any value but a constant's name; elsewhere a name
  // (`userPassword1`, `db_pass2`) is code. A property path (`self._token`) is code everywhere.
  const code = /^[A-Z0-9_]+$/.test(key) ? /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value) : looksLikeName(value);
  if (code || isPropertyPath(value)) return null;
  const start = line.indexOf(value, lead.length + key.length);
  return { start, end: start + value.length };
}
