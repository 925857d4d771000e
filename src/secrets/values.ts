/** Pure heuristics on a candidate value: placeholder or real-looking? Shared by every rule. */

/** Words that mark a value as documentation, not a credential (case-insensitive substrings). */
const PLACEHOLDER_WORDS = ['example', 'placeholder', 'dummy', 'changeme', 'change_me', 'change-me', 'redacted', 'yourkey', 'yourtoken', 'insert', 'replace', 'sample', 'notreal', 'not_real', 'not-real'];

/** Shorter words, only trusted in generic assignments (in a long random token they occur by chance). */
const GENERIC_PLACEHOLDER_WORDS = ['your', 'fake', 'mock', 'todo', 'fixme', 'lorem', '-here', '_here'];

/**
 * Runs of one character (`xxxxxx`, `000000`), counting runs (`123456`, `abcdef`, `987654`), masks
 * (`****`, `...`, `•••`) or obvious placeholder words. Real random tokens have none of these.
 */
export function isPlaceholder(value: string): boolean {
  const lower = value.toLowerCase();
  if (/\*{3}|\.{3}|\u2022|\u2026|(?:^|[^a-z])your[-_]/i.test(value)) return true;
  if (PLACEHOLDER_WORDS.some((w) => lower.includes(w))) return true;
  return hasRun(value) || lowVariety(value);
}

/** The stricter test for generic `password = "..."` values: also short words, templates and JSON. */
export function isGenericPlaceholder(value: string): boolean {
  const lower = value.toLowerCase();
  if (GENERIC_PLACEHOLDER_WORDS.some((w) => lower.includes(w))) return true;
  if (/xxx|XXX|^[$%]|\$\{|\$\(|\{\{|#\{|%\(|%[sdv]|^<.*>$|^\{.*\}$/.test(value)) return true;
  return isPlaceholder(value) || isCountingOnly(value);
}

/** Nothing but counting runs of 3 or more (`abcde12345`, `123abc`). */
function isCountingOnly(value: string): boolean {
  let run = 1;
  for (let i = 1; i <= value.length; i++) {
    if (i < value.length && value.charCodeAt(i) - value.charCodeAt(i - 1) === 1) run++;
    else if (run < 3) return false;
    else run = 1;
  }
  return true;
}

/** Six or more identical, ascending or descending characters in a row. */
function hasRun(value: string): boolean {
  let same = 1;
  let up = 1;
  let down = 1;
  for (let i = 1; i < value.length; i++) {
    const d = value.charCodeAt(i) - value.charCodeAt(i - 1);
    same = d === 0 ? same + 1 : 1;
    up = d === 1 && isAlnum(value.charCodeAt(i)) ? up + 1 : 1;
    down = d === -1 && isAlnum(value.charCodeAt(i)) ? down + 1 : 1;
    if (same >= 6 || up >= 6 || down >= 6) return true;
  }
  return false;
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Too few distinct characters for a random string of this length (`abababab…`). */
function lowVariety(value: string): boolean {
  return new Set(value).size < Math.min(8, Math.floor(value.length / 3));
}

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Dictionary words that make up weak, test-style passwords (`P@ssw0rd`, `admin123`, `supersecret`). */
const WEAK_WORDS = new Set(
  ('password passwd pass pw pwd secret secrets token key api admin administrator root test tester testing ' +
    'qwerty letmein welcome changeme default guest user username login postgres mysql mongo redis demo dev ' +
    'local localhost foo bar baz hello world abc xyz my super top very the new old some value temp tmp ' +
    'access auth db app s3cret sekret private mine one').split(' '),
);

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };

/** The value is only dictionary words from WEAK_WORDS plus digits and punctuation. */
export function isWeakWordPassword(value: string): boolean {
  const letters = value.toLowerCase();
  const plain = letters.replace(/[^a-z]/g, '');
  const leet = letters.replace(/[013457@$]/g, (c) => LEET[c] ?? c).replace(/[^a-z]/g, '');
  return (plain !== '' && segments(plain)) || (leet !== '' && segments(leet));
}

/** Can `s` be split into WEAK_WORDS? (Small dynamic programme; `s` is short.) */
function segments(s: string): boolean {
  if (s.length > 64) return false;
  const ok: boolean[] = [true];
  for (let end = 1; end <= s.length; end++) {
    ok[end] = false;
    for (let start = Math.max(0, end - 13); start < end && !ok[end]; start++) {
      ok[end] = ok[start] === true && WEAK_WORDS.has(s.slice(start, end));
    }
  }
  return ok[s.length] === true;
}

/** Counts of character classes present: lower, upper, digit, other. */
export function charClasses(value: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((re) => re.test(value)).length;
}

const PROPERTY_PATH = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+[!?.]?$/;

/** `self._token`, `options.auth.token`: code, unless a part is random (`s.ZC9Ecf4M5g9o34Q6RkzGsj0z`, a Vault token). */
export function isPropertyPath(value: string): boolean {
  return PROPERTY_PATH.test(value) && !value.split('.').some((part) => part.length >= 16 && charClasses(part) >= 3);
}

/**
 * Made of words: camelCase or PascalCase with numbers and at most one acronym, first or last
 * (`userPassword1`, `V1SecretProjection`, `TKTokenDriver`, `Oauth2ClientCredentials`, `userID`),
 * at most two numbers, words of 3.5 letters on average, each with a vowel. Random strings
 * (`MpTkn5Nbm3`, `kaV1VMa9AN`, `fioFax6NzeacYb7Ysw`) rarely are.
 */
export function isCamelName(value: string, minWords: number): boolean {
  const parts = value.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? [];
  if (parts.join('') !== value) return false;
  const words = parts.filter((p) => /[a-z]/.test(p));
  const acronyms = parts.flatMap((p, i) => (/^[A-Z]+$/.test(p) ? [i] : []));
  const acronymOk = acronyms.length === 0 || (acronyms.length === 1 && (acronyms[0] === 0 || acronyms[0] === parts.length - 1));
  const digitGroups = parts.length - words.length - acronyms.length;
  const averageWord = words.join('').length / words.length;
  if (!acronymOk || digitGroups > 2 || words.length < minWords || averageWord < 3.5) return false;
  // After the first part every word is capitalised (`oauth2Client`, not `fsp3aji1yiaa`).
  if (parts.some((p, i) => i > 0 && /^[a-z]/.test(p))) return false;
  return words.every((w) => w.length >= 2 && /[aeiou]/i.test(w));
}

/** Code rather than a value, for unquoted values: a name (`userPassword1`, `Summer`, `db_pass2`). */
export function looksLikeName(value: string): boolean {
  const name = value.replace(/[.!?]$/, '');
  return isCamelName(name, 1) || /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/.test(name);
}

/** Words joined by separators (`auth/wrong-password`, `errors.token.expired`, `?InJSX`, `refresh_token`). */
const WORDS_ONLY = /^[^A-Za-z0-9]?[A-Za-z]+(?:[._\-:/#@+][A-Za-z]+)*[^A-Za-z0-9]?$/;
/** Words and numbers (`storage_v1_client`, `/run/secrets/db`, `projects/123/keyRings/KEYRING/cryptoKeys/KEY`). */
const WORD = '(?:(?:[a-z]+|[A-Z][a-z]*|[A-Z]+)(?:[A-Z][a-z]+)*\\d{0,4}|\\d{1,12})';
const NAME_PATH = new RegExp(`^(?:\\.{0,2}/|~/)?${WORD}(?:[._/:-]${WORD})+$`);

/** Code, regular expressions and templates in a quoted value; a bare value allows none of `()[]{}<>\``. */
const QUOTED_CODE = /\(\?|\\[dwsbDWS]|\[\^|\.[*+]|\{\d+,?\d*\}|\(\)|=>|`/;
const BARE_CODE = /[()[\]{}<>\\`]/;

/** A credential-looking value: long enough, no spaces or code, not a placeholder, some entropy. */
export function looksReal(value: string, quoted = true): boolean {
  if (value.length < 8 || /\s/.test(value) || isGenericPlaceholder(value)) return false;
  if ((quoted ? QUOTED_CODE : BARE_CODE).test(value) || value.includes('://')) return false;
  if (/^(?::|--|[&?][\w.-]+=|v?\d+(?:\.\d+)+)/.test(value) || NAME_PATH.test(value)) return false;
  if (WORDS_ONLY.test(value)) return isRandomLetters(value.replace(/[^A-Za-z]/g, ''));
  if (!/[A-Za-z]/.test(value) || isCamelName(value, 2) || isWeakWordPassword(value)) return false;
  // `user:password` (basic auth, URL user info): judge the password.
  const userPass = /^([^:@]+):([^:@]+)$/.exec(value);
  // `<digits>:<token>` is a bot token (Telegram's shape): its own rule judges it, by its format.
  if (userPass) return !/^\d+$/.test(userPass[1]!) && looksReal(userPass[2]!, quoted);
  return entropy(value) >= 2.5 && charClasses(value) >= 2;
}

/** Letters only: random (`qWmZrTyX`) rather than words (`passwordResetToken`, `TKSmartCardToken`)? */
function isRandomLetters(letters: string): boolean {
  if (letters.length < 8 || isCamelName(letters, 2)) return false;
  const upper = letters.replace(/[^A-Z]/g, '').length / letters.length;
  return upper >= 0.25 && upper <= 0.85 && entropy(letters) >= 2.5;
}

/**
 * A passphrase of words (`correct-horse-battery-staple-9`, `purple monkey dishwasher lamp`): four or
 * more words of three or more letters, a number at most at the end, no placeholder.
 */
export function isPassphrase(value: string): boolean {
  if (!/^[A-Za-z]{3,}(?:[- ][A-Za-z]{3,}){3,}(?:[- ]?\d{1,4})?$/.test(value) || isGenericPlaceholder(value)) return false;
  const words = value.toLowerCase().split(/[- ]|\d+/).filter(Boolean);
  return new Set(words).size === words.length && !words.every((w) => WEAK_WORDS.has(w));
}
