/**
 * Credential shapes with a recognisable prefix (SPEC §4). Each pattern matches exactly the secret
 * value (boundaries are look-arounds), so a match's index and length are the value's [start, end).
 */
import { charClasses, isPlaceholder } from './values.js';

export interface TokenRule {
  id: string;
  label: string;
  /** Regex source (case-insensitive, no capture groups) that must occur in the line before the pattern runs. */
  hint: string;
  /** Global regex; the whole match is the value. */
  pattern: RegExp;
  /** Extra check on the matched value (after the placeholder check, unless `placeholders` is false). */
  accept?: (value: string, line: string, end: number) => boolean;
  /** Run the shared placeholder check on the value (default true). */
  placeholders?: boolean;
}

const START = '(?<![A-Za-z0-9_-])';
const END = '(?![A-Za-z0-9_-])';
const re = (source: string, flags = 'g') => new RegExp(source, flags);

/**
 * Random rather than words: two or more character classes, and not kebab-case words
 * (`sk-fading-circle-2`). No stricter test: 1.5% of random 24-character Stripe keys have no digit.
 */
const looksRandom = (v: string) => charClasses(v) >= 2 && !/^(?:[a-z]+|\d+)(?:[-_](?:[a-z]+|\d+))+$/.test(v);

/** `-----BEGIN … PRIVATE KEY-----`: alone on its line, or followed by an escaped newline and the body. */
const PRIVATE_KEY_MARKER = '-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH|PGP|ENCRYPTED|SSH2 ENCRYPTED) )?PRIVATE KEY(?: BLOCK)?-----';
export const PRIVATE_KEY_END = /-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;

const MARKER = new RegExp(PRIVATE_KEY_MARKER);

function privateKeyAccept(value: string, line: string, end: number): boolean {
  const rest = value.replace(MARKER, '');
  // The marker alone on its line (a PEM file, a YAML block, a multi-line string): the block follows.
  if (rest === '') return /^\s*$/.test(line.slice(end));
  const body = rest.replace(PRIVATE_KEY_END, '').replace(/\\[rn]/g, '').replace(/[\s"'`+]/g, '');
  // `"-----BEGIN … KEY-----\n" +`: the first of concatenated string lines.
  if (body === '') return !PRIVATE_KEY_END.test(rest) && /^(?:\\r)?\\n["'`]?\s*\+?\s*$/.test(rest);
  // One line holding the whole key (`"private_key": "-----BEGIN …\nMIIE…\n-----END …"`).
  return body.length >= 20 && !/\.\.\.|x{8}|example|placeholder/i.test(body);
}

/** A JWT's first segment must decode to a JSON header with `alg` or `typ`. */
function isJwtHeader(value: string): boolean {
  const segment = value.slice(0, value.indexOf('.'));
  try {
    const json = atob(segment.replace(/-/g, '+').replace(/_/g, '/'));
    return json.startsWith('{') && /"(?:alg|typ)"/.test(json);
  } catch {
    return false;
  }
}

export const TOKEN_RULES: readonly TokenRule[] = [
  {
    // postgres://app:S3cr3t@db/app, https://user:token@host — the password part only.
    id: 'url-credentials',
    label: 'password in a URL',
    hint: '://[^/\\s:@]+:',
    pattern: re(`(?<=[a-z][a-z0-9+.-]*://[^/\\s:@'"\`]+:)[^@\\s/'"\`]{6,}(?=@)`, 'gi'),
    accept: (value) => !/^[$%{<]|^(?:pass(?:word)?|secret|changeme|x+|\*+)$/i.test(value) && charClasses(value) >= 2,
  },
  {
    id: 'private-key',
    label: 'private key',
    hint: 'private key',
    pattern: re(`${PRIVATE_KEY_MARKER}(?:(?=\\\\r|\\\\n).*?(?:${PRIVATE_KEY_END.source}|$))?`),
    accept: privateKeyAccept,
    placeholders: false,
  },
  {
    id: 'aws-access-key',
    label: 'AWS access key id',
    hint: 'a(?:kia|sia|bia|cca)',
    pattern: re('(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])'),
    accept: (v) => !v.endsWith('EXAMPLE'),
  },
  {
    id: 'aws-secret-key',
    label: 'AWS secret access key',
    hint: 'secret_?(?:access|key)',
    pattern: re(
      '(?<=(?:aws_?secret_?(?:access_?)?key|secret_?access_?key)["\']?\\s*(?::=|=>|=|:)\\s*["\']?)[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])',
      'gi',
    ),
    accept: (v) => charClasses(v) >= 2,
  },
  {
    id: 'github-token',
    label: 'GitHub token',
    hint: 'gh[pousr]_|github_pat_',
    pattern: re(`${START}(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{60,251})${END}`),
    accept: (v) => looksRandom(v.slice(4)),
  },
  {
    id: 'anthropic-key',
    label: 'Anthropic API key',
    hint: 'sk-ant-',
    pattern: re(`${START}sk-ant-(?:api|admin|oat|ort)\\d\\d-[A-Za-z0-9_-]{32,250}${END}`),
    accept: (v) => looksRandom(v.slice(13)),
  },
  {
    id: 'openai-key',
    label: 'OpenAI API key',
    hint: 'sk-',
    pattern: re(`${START}sk-(?!ant-)[A-Za-z0-9_-]{20,250}${END}`),
    accept: (v) => {
      const body = v.replace(/^sk-(?:(?:proj|svcacct|admin|None)-)?/, '');
      return body.length >= 20 && looksRandom(body);
    },
  },
  {
    id: 'cerebras-key',
    label: 'Cerebras API key',
    hint: 'csk-',
    pattern: re(`${START}csk-[A-Za-z0-9]{32,250}${END}`),
    accept: (v) => looksRandom(v.slice(4)),
  },
  {
    id: 'slack-token',
    label: 'Slack token',
    hint: 'xox',
    pattern: re(`(?<![A-Za-z0-9_.-])xox(?:e\\.xox[bp]|[abeposr])-\\d+-[A-Za-z0-9-]{10,250}${END}`),
    accept: (v) => looksRandom(v.slice(5)) && !isPlaceholder(v.slice(v.lastIndexOf('-') + 1)),
    placeholders: false, // the numeric ids may count (`…456789…`); the secret part may not
  },
  {
    id: 'slack-webhook',
    label: 'Slack webhook URL',
    hint: 'hooks\\.slack\\.com',
    pattern: re('(?:https?://)?hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9]+/[A-Za-z0-9]+/[A-Za-z0-9]{16,}(?![A-Za-z0-9])'),
    accept: (v) => !isPlaceholder(v.slice(v.lastIndexOf('/') + 1)),
    placeholders: false,
  },
  {
    id: 'stripe-key',
    label: 'Stripe secret key',
    hint: '_(?:live|test)_',
    pattern: re(`${START}[sr]k_(?:live|test)_[A-Za-z0-9]{20,250}${END}`),
    accept: (v) => looksRandom(v.slice(8)),
  },
  {
    id: 'google-api-key',
    label: 'Google API key',
    hint: 'aiza',
    pattern: re(`${START}AIza[A-Za-z0-9_-]{35}${END}`),
    accept: (v) => looksRandom(v.slice(4)),
  },
  {
    id: 'jwt',
    label: 'JSON web token',
    hint: 'eyj',
    pattern: re(`${START}eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{16,}${END}`),
    accept: isJwtHeader,
    placeholders: false,
  },
];

/** Where a generic `key = "value"` may be: credential words in a key (see generic.ts). */
export const GENERIC_HINT = 'pass|pwd|secret|token|auth|credential|key';
