/** Does a key — variable, property, env name, flag — name a credential? (`DB_PASSWORD` yes, `passwordField` no.) */

/** Last words of a key that name a credential (`DB_PASSWORD`, `clientSecret`, `apiToken`). */
const KEY_WORDS = new Set(['password', 'passwd', 'pwd', 'pass', 'passphrase', 'secret', 'token', 'auth', 'authorization', 'credential', 'credentials', 'creds']);
/** Joined lower-case names (`dbpassword`, `apikey`). */
const KEY_SUFFIXES = ['password', 'passwd', 'passphrase', 'secret', 'token', 'apikey', 'accesskey', 'secretkey', 'privatekey', 'credentials'];
/** `<qualifier>_key` names a credential; a bare `key` does not. */
const KEY_QUALIFIERS = new Set(['api', 'access', 'secret', 'private', 'encryption', 'signing', 'master', 'auth', 'client', 'app', 'session']);
/** `<word>_token` that is a cursor, a count or a lexer token, not a credential (`next_token`, `max_tokens`). */
const NOT_SECRET_TOKENS = new Set([
  'next', 'page', 'continuation', 'pagination', 'cursor', 'csrf', 'xsrf', 'cancellation', 'sync', 'max', 'min', 'num',
  'input', 'output', 'prompt', 'completion', 'total', 'end', 'start', 'eof', 'lexer', 'parser', 'type', 'significant',
  'authenticity',
]);
/** Words that say the name holds no secret (`publicToken`, `exampleKey`, `nonMatchingToken`, `fakePassword`). */
const NOT_SECRET_WORDS = new Set(['public', 'pub', 'publishable', 'example', 'sample', 'dummy', 'fake', 'mock', 'placeholder', 'unused', 'non', 'invalid', 'bogus']);
/**
 * Words after the credential word that only say which one (`password2`, `dbPasswordProd`,
 * `client_secret_v2`, `API_TOKEN_OLD`): the key still names a credential.
 */
const QUALIFIER_TAIL =
  /^(?:\d+|v\d+|prod|production|dev|development|staging|stage|stg|test|testing|qa|uat|local|old|new|backup|bak|primary|secondary|main|alt|current|curr|prev|previous|next|value|val|str|string|raw|b64|base64|hex|enc|encoded|plain|plaintext|text|env|default|live|sandbox|admin|root|master|global|internal|external)$/;

const cache = new Map<string, boolean>();

/** Does this key name a credential? Judged on its last words; cached, as keys repeat. */
export function isCredentialKey(key: string): boolean {
  let yes = cache.get(key);
  if (yes === undefined) {
    if (cache.size > 5000) cache.clear();
    yes = judgeKey(key);
    cache.set(key, yes);
  }
  return yes;
}

const JOINED_TAIL = /(?:prod|production|dev|staging|test|old|new|backup|live|\d+)$/;

/** Does the key say it holds no secret (`publicToken`, `exampleKey`, `nonMatchingToken`)? */
export function saysNotSecret(key: string): boolean {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .some((w) => NOT_SECRET_WORDS.has(w));
}

function judgeKey(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1 $2')
    .replace(/([a-zA-Z]{3})(\d)/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (words.some((w) => NOT_SECRET_WORDS.has(w))) return false;
  while (words.length > 1 && QUALIFIER_TAIL.test(words.at(-1)!) && words.length > 1) {
    const tail = words.pop()!;
    // `token_next` is a pagination cursor; `next_token` is handled below.
    if (tail === 'next' && words.at(-1) === 'token') return false;
  }
  const last = words.at(-1) ?? '';
  const previous = words.at(-2) ?? '';
  if (last === 'token' && NOT_SECRET_TOKENS.has(previous)) return false;
  // `dbpasswordprod`: a joined name ending in a qualifier
  const joined = last.replace(JOINED_TAIL, '');
  if (KEY_WORDS.has(last) || KEY_SUFFIXES.some((s) => last.endsWith(s) || (joined !== last && joined.endsWith(s)))) return true;
  if (last === 'key') return KEY_QUALIFIERS.has(previous);
  return last === 'base' && previous === 'key' && words.at(-3) === 'secret';
}

/** Keys that hold a password (which may be short, or words: `correct-horse-battery-staple`). */
export function isPasswordKey(key: string): boolean {
  return /(?:pass(?:word|wd|phrase)?|pwd)(?:[^a-z]|[A-Z0-9_-].*)?$/i.test(key) && !/(?:token|secret|key)[^a-z]*$/i.test(key) && isCredentialKey(key);
}

/** Keys whose value is an HTTP credential with a scheme (`Authorization: Bearer …`). */
export function isAuthorizationKey(key: string): boolean {
  return /authorization$/i.test(key);
}
