/**
 * Credential shapes with a recognisable prefix (SPEC §4). Each pattern matches exactly the secret
 * value (boundaries are look-arounds), so a match's index and length are the value's [start, end).
 */
import { saysNotSecret } from './keys.js';
import { charClasses, entropy, isPlaceholder } from './values.js';

export interface TokenRule {
  id: string;
  /** Who issues the credential (README table). */
  provider: string;
  /** What is found, in a finding's message: 'GitLab token'. */
  label: string;
  /**
   * Lower-case literals; the rule's regex is compiled and run only on a line that holds one of them
   * (the prefilter: one scan of the lower-cased line finds them all).
   */
  keywords: readonly string[];
  /** Regex source; the whole match is the value. Compiled on first use with `flags` (default 'g'). */
  source: string;
  flags?: string;
  /** A masked example of the shape, for the README table: `glpat-****` (20+ chars). */
  shape: string;
  /** Extra check on the matched value (after the placeholder check, unless `placeholders` is false). */
  accept?: (value: string, line: string, end: number) => boolean;
  /** Run the shared placeholder check on the value (default true). */
  placeholders?: boolean;
}

const START = '(?<![A-Za-z0-9_.-])';
const END = '(?![A-Za-z0-9_-])';
/** The value ends the token: space, a quote, `;,)]}<\|&`, the line's end (a `\n` escape counts as space). */
const VALUE_END = '(?=[\\s"\'`;,)\\]}<\\\\|&]|$)';

/** A token recognised by its own shape, wherever it stands. */
const bare = (body: string) => `${START}(?:${body})${END}`;

/**
 * A value recognised only next to a key that names the provider (`TWITTER_TOKEN = …`,
 * `twitterApiKey: "…"`, `<twitterToken>…`, `("TWITTER_TOKEN", "…")`, `X_TOKEN=…\n` inside a string):
 * the key holds a keyword, then an assignment operator of any language (`=`, `:`, `:=`, `::=`, `:::=`,
 * `?=`, `.=`, `+=`, `||=`, `=>`, `,`, `>`), maybe a type (`string`, `: String`), maybe a quote.
 */
function keyed(keywords: readonly string[], value: string): string {
  const kw = keywords.map((k) => k.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('|');
  const type = '(?:[ \\t]*:[ \\t]*[A-Za-z][\\w.<>?]*|[ \\t]+[A-Za-z][\\w.<>?]*)?';
  const op = '(?:=>|:{1,3}=|\\?=|\\.=|\\+=|\\|\\|=|=|:|,|>)';
  return `(?<=(?:${kw})[\\w.-]{0,40}["'\\]]?${type}[ \\t]*${op}[ \\t]*(?:[rbfu@]|new [\\w.]+\\()?["'\`]?[ \\t]*)(?:${value})${VALUE_END}`;
}

/**
 * Built on the first checksum, not at start-up: its 2,048-step loop is hot enough for V8 to
 * optimise it, ~13 ms of compiler work on every commit that checks no token at all.
 */
let crcTable: Uint32Array | undefined;
function makeCrcTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}
function crc32(text: string): number {
  const table = (crcTable ??= makeCrcTable());
  let c = 0xffffffff;
  for (let i = 0; i < text.length; i++) c = table[(c ^ text.charCodeAt(i)) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/**
 * GitHub's and npm's tokens end in 6 base62 characters: the CRC32 of the 30 random characters before
 * them. A token whose checksum holds is real whatever it looks like; one whose checksum fails must at
 * least look random (a generator's or a test's look-alike).
 */
export function checksumHolds(body: string): boolean {
  if (body.length !== 36) return false;
  let n = crc32(body.slice(0, 30));
  let sum = '';
  for (let i = 0; i < 6; i++, n = Math.floor(n / 62)) sum = BASE62[n % 62] + sum;
  return sum === body.slice(30);
}

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

/** Random rather than words; a valid checksum (GitHub, npm) settles it either way. */
const randomOrChecksum = (prefix: number) => (v: string) => checksumHolds(v.slice(prefix)) || (looksRandom(v.slice(prefix)) && !isPlaceholder(v));

/** A base64-encoded JWT (`ZXlK…`, `eyJ` in base64): it must decode to a JWT with a JSON header. */
function isBase64Jwt(value: string): boolean {
  try {
    const text = atob(value.replace(/=+$/, '').slice(0, value.length - (value.length % 4)));
    const jwt = /^eyJ[\w-]{8,}\.eyJ[\w-]{8,}\./.exec(text)?.[0];
    return jwt !== undefined && atob(jwt.slice(0, jwt.indexOf('.')).replace(/-/g, '+').replace(/_/g, '/')).startsWith('{"');
  } catch {
    return false;
  }
}

/** `curl -u user:password`: the password part must look real (not `$PASS`, not `-`, not a word). */
function curlUserAccept(value: string): boolean {
  if (/[<>[\]{}]/.test(value)) return false; // `<user:password>`, `[PASSWORD]`: documentation
  const colon = value.indexOf(':');
  // `-u sk_live_…:`: the key is the user name, the password empty.
  const password = colon === value.length - 1 ? value.slice(0, colon) : value.slice(colon + 1).replace(/^["']/, '');
  return password.length >= 6 && !/^[$%{<]/.test(password) && charClasses(password) >= 2 && !isPlaceholder(password);
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** Rule-table shorthands: a token known by its prefix, and a value known by the key that names it. */
type Extra = Pick<TokenRule, 'accept' | 'placeholders' | 'flags'>;
/**
 * A rule made by `token` (known by its shape) or `named` (a value next to a key naming its provider).
 * Its regex source is built when first read (the regex is compiled only for a line holding one of its
 * keywords), and its instances share one shape: building ~200 sources and object literals at
 * start-up cost a few milliseconds and ~100 KB of allocations on every commit.
 */
class ShapeRule implements TokenRule {
  flags?: string;
  accept?: (value: string, line: string, end: number) => boolean;
  placeholders?: boolean;
  constructor(
    readonly id: string,
    readonly provider: string,
    readonly label: string,
    readonly keywords: readonly string[],
    private readonly body: string,
    readonly shape: string,
    private readonly byKey: boolean,
    extra: Extra,
  ) {
    this.flags = extra.flags ?? (byKey ? 'gi' : undefined);
    this.placeholders = extra.placeholders;
    const accept = extra.accept;
    this.accept = byKey ? (v, line, end) => keyNamesProvider(line, end - v.length, keywords) && (accept === undefined || accept(v, line, end)) : accept;
  }
  get source(): string {
    return this.byKey ? keyed(this.keywords, this.body) : bare(this.body);
  }
}
function token(id: string, provider: string, label: string, keywords: string[], body: string, shape: string, extra: Extra = {}): TokenRule {
  return new ShapeRule(id, provider, label, keywords, body, shape, false, extra);
}
function named(id: string, provider: string, label: string, keywords: string[], value: string, shape: string, extra: Extra = {}): TokenRule {
  return new ShapeRule(id, provider, label, keywords, value, shape, true, extra);
}

/** What may follow a provider's name inside one word of a key (`discordtoken`, `slackapikey`). */
const JOINED_SUFFIX = /^(?:api|access|auth|client|app|private|secret|token|key|pass|pw|pat|id|user|bot|hook|webhook|cloud|org|service|account|sdk|license)/;

/**
 * The key before the value names the provider in whole words: `TWITTER_TOKEN`, `twitterApiKey`,
 * `MessageBirdKey`, `discordtoken` — not `sumOfExposures` (sumo), `rookTable` (okta), `SetSysctl` (etsy).
 */
function keyNamesProvider(line: string, valueStart: number, keywords: readonly string[]): boolean {
  const before = line.slice(Math.max(0, valueStart - 120), valueStart);
  const lower = before.toLowerCase();
  for (const k of keywords) {
    for (let i = lower.lastIndexOf(k); i >= 0; i = i > 0 ? lower.lastIndexOf(k, i - 1) : -1) {
      const prev = before[i - 1] ?? '';
      const first = before[i]!;
      const startsWord = !/[A-Za-z]/.test(prev) || (/[a-z0-9]/.test(prev) && /[A-Z]/.test(first)) || (/[A-Z]/.test(prev) && /[A-Z]/.test(first) && /[a-z]/.test(before[i + 1] ?? ''));
      if (!startsWord) continue;
      const next = before[i + k.length] ?? '';
      const last = before[i + k.length - 1]!;
      const endsWord = !/[A-Za-z]/.test(next) || (/[a-z]/.test(last) && /[A-Z]/.test(next)) || (/[A-Z]/.test(last) && /[A-Z]/.test(next) && !/[a-z]/.test(before[i + k.length + 1] ?? ''));
      if (!endsWord && !JOINED_SUFFIX.test(lower.slice(i + k.length))) continue;
      // the whole key: `exampleTwitterKey`, `publicMapboxToken` say they hold no secret
      const key = /[\w.-]*$/.exec(before.slice(0, i))![0] + /^[\w.-]*/.exec(before.slice(i))![0];
      return !saysNotSecret(key);
    }
  }
  return false;
}

/**
 * Every rule, most specific first (an earlier match hides a later one at the same place). Formats are
 * the providers' documented ones: prefix, length, alphabet; checksums where they exist.
 */
export const TOKEN_RULES: readonly TokenRule[] = [
  {
    // postgres://app:S3cr3t@db/app, https://user:token@host — the password part only.
    id: 'url-credentials',
    provider: 'any',
    label: 'password in a URL',
    keywords: ['://'],
    source: `(?<=[a-z][a-z0-9+.-]*://[^/\\s:@'"\`]+:)[^@\\s/'"\`]{6,}(?=@)`,
    flags: 'gi',
    shape: 'postgres://user:****@host',
    accept: (value) => !/^[$%{<]|^(?:pass(?:word)?|secret|changeme|x+|\*+)$/i.test(value) && charClasses(value) >= 2,
  },
  {
    id: 'private-key',
    provider: 'any',
    label: 'private key',
    keywords: ['private key'],
    source: `${PRIVATE_KEY_MARKER}(?:(?=\\\\r|\\\\n).*?(?:${PRIVATE_KEY_END.source}|$))?`,
    shape: '-----BEGIN RSA PRIVATE KEY----- ****',
    accept: privateKeyAccept,
    placeholders: false,
  },
  token('aws-access-key', 'AWS', 'AWS access key id', ['akia', 'asia', 'abia', 'acca', 'a3t'], '(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}', 'AKIA**** (20)', {
    accept: (v) => !v.endsWith('EXAMPLE'),
  }),
  {
    id: 'aws-secret-key',
    provider: 'AWS',
    label: 'AWS secret access key',
    keywords: ['secret_access', 'secretaccess', 'secret_key', 'secretkey', 'secret-access', 'secret-key'],
    source: '(?<=(?:aws_?secret_?(?:access_?)?key|secret_?access_?key)["\']?\\s*(?:=>|:{1,3}=|\\?=|\\.=|=|:|,)\\s*["\']?)[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])',
    flags: 'gi',
    shape: 'aws_secret_access_key = **** (40)',
    accept: (v, line, end) => charClasses(v) >= 2 && !saysNotSecret(/[\w.-]*[^\w.-]*$/.exec(line.slice(0, end - v.length))![0]),
  },
  token('aws-bedrock-key', 'AWS', 'Amazon Bedrock API key', ['absk', 'bedrock-api-key-'], 'ABSK[A-Za-z0-9+/]{109,269}={0,2}|bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/=%-]{20,}', 'ABSK**** (113+) · bedrock-api-key-****'),
  token('github-token', 'GitHub', 'GitHub token', ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'], 'gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{60,251}', 'ghp_**** (36, CRC32) · github_pat_****', {
    accept: (v) => (v.startsWith('github_pat_') ? looksRandom(v.slice(11)) && !isPlaceholder(v) : randomOrChecksum(4)(v)),
    placeholders: false,
  }),
  token('gitlab-token', 'GitLab', 'GitLab token', ['glpat-', 'gloas-', 'gldt-', 'glrt-', 'glcbt-', 'glptt-', 'glft-', 'glimt-', 'glagent-', 'glsoat-', 'glffct-'], '(?:glpat|gloas|gldt|glrtr?|glcbt|glptt|glft|glimt|glagent|glsoat|glffct)-[\\w-]{20,300}(?:\\.[0-9a-z]{9})?', 'glpat-**** (20+)'),
  token('gitlab-runner-registration', 'GitLab', 'GitLab runner registration token', ['gr1348941'], 'GR1348941[\\w-]{20}', 'GR1348941**** (20)', { accept: (v) => !isPlaceholder(v.slice(9)) && new Set(v.slice(9)).size >= 8 }),
  token('gitlab-session', 'GitLab', 'GitLab session cookie', ['_gitlab_session='], '(?<=_gitlab_session=)[0-9a-z]{32}', '_gitlab_session=**** (32)'),
  token('anthropic-key', 'Anthropic', 'Anthropic API key', ['sk-ant-'], 'sk-ant-(?:api|admin|oat|ort)\\d\\d-[A-Za-z0-9_-]{32,250}', 'sk-ant-api03-**** (95)', { accept: (v) => looksRandom(v.slice(13)) }),
  token('openrouter-key', 'OpenRouter', 'OpenRouter API key', ['sk-or-'], 'sk-or-v1-[a-f0-9]{64}', 'sk-or-v1-**** (64 hex)'),
  token('openai-key', 'OpenAI', 'OpenAI API key', ['sk-'], 'sk-(?!ant-|or-)[A-Za-z0-9_-]{20,250}', 'sk-proj-**** · sk-****T3BlbkFJ****', {
    accept: (v) => {
      const body = v.replace(/^sk-(?:(?:proj|svcacct|admin|None)-)?/, '');
      return body.length >= 20 && looksRandom(body);
    },
  }),
  token('cerebras-key', 'Cerebras', 'Cerebras API key', ['csk-'], 'csk-[A-Za-z0-9]{32,250}', 'csk-**** (48)', { accept: (v) => looksRandom(v.slice(4)) }),
  token('groq-key', 'Groq', 'Groq API key', ['gsk_'], 'gsk_[A-Za-z0-9]{48,64}', 'gsk_**** (52)'),
  token('xai-key', 'xAI', 'xAI API key', ['xai-'], 'xai-[A-Za-z0-9]{70,90}', 'xai-**** (80)', { accept: (v) => looksRandom(v.slice(4)) }),
  token('huggingface-token', 'Hugging Face', 'Hugging Face token', ['hf_', 'api_org_'], '(?:hf_|api_org_)[A-Za-z]{34}', 'hf_**** (34 letters)', { accept: (v) => charClasses(v.slice(v.indexOf('_') + 1)) >= 2 && !isPlaceholder(v) }),
  token('replicate-token', 'Replicate', 'Replicate API token', ['r8_'], 'r8_[A-Za-z0-9]{37}', 'r8_**** (37)'),
  token('together-key', 'Together AI', 'Together AI API key', ['tgp_v1_'], 'tgp_v1_[A-Za-z0-9_-]{40,50}', 'tgp_v1_**** (43)'),
  token('fireworks-key', 'Fireworks AI', 'Fireworks AI API key', ['fw_'], 'fw_[A-Za-z0-9]{24,48}', 'fw_**** (24)', { accept: (v) => looksRandom(v.slice(3)) && charClasses(v.slice(3)) >= 3 }),
  token('perplexity-key', 'Perplexity', 'Perplexity API key', ['pplx-'], 'pplx-[A-Za-z0-9]{48}', 'pplx-**** (48)'),
  named('mistral-key', 'Mistral', 'Mistral API key', ['mistral'], '[A-Za-z0-9]{32}', 'MISTRAL_API_KEY=**** (32)', { accept: (v) => charClasses(v) >= 3 }),
  named('cohere-key', 'Cohere', 'Cohere API key', ['cohere', 'co_api_key'], '[A-Za-z0-9]{40}', 'COHERE_API_KEY=**** (40)', { accept: (v) => charClasses(v) >= 2 }),
  named('together-legacy-key', 'Together AI', 'Together AI API key', ['together'], '[a-f0-9]{64}', 'TOGETHER_API_KEY=**** (64 hex)'),
  named('privateai-token', 'Private AI', 'Private AI API token', ['private_ai', 'private-ai', 'private.ai', 'privateai'], '[a-z0-9]{32}', 'PRIVATE_AI_KEY=**** (32)'),
  {
    id: 'slack-token',
    provider: 'Slack',
    label: 'Slack token',
    keywords: ['xox', 'xapp-'],
    source: `(?<![A-Za-z0-9_.-])(?:xox(?:e\\.xox[bp]|[abeposr])-\\d+-[A-Za-z0-9-]{10,250}|xox[pe](?:-[0-9]{10,13}){3}-[a-zA-Z0-9-]{28,34}|xoxe-\\d-[A-Z0-9]{146}|xapp-\\d-[A-Z0-9]+-\\d+-[a-z0-9]+)(?![A-Za-z0-9_#*-])`,
    flags: 'gi',
    shape: 'xoxb-****-****-**** · xapp-1-****',
    accept: (v) => looksRandom(v.slice(5)) && !isPlaceholder(v.slice(v.lastIndexOf('-') + 1)) && !/here$|^xox.-?\d*-?[a-z]+$/i.test(v),
    placeholders: false, // the numeric ids may count (`…456789…`); the secret part may not
  },
  {
    id: 'slack-webhook',
    provider: 'Slack',
    label: 'Slack webhook URL',
    keywords: ['hooks.slack.com'],
    source: '(?:https?://)?hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,}(?![A-Za-z0-9])',
    shape: 'https://hooks.slack.com/services/T****/B****/****',
    accept: (v) => !isPlaceholder(v.slice(v.lastIndexOf('/') + 1)) && looksRandom(v.slice(v.indexOf('/', v.indexOf('slack.com/') + 10) + 1)),
    placeholders: false,
  },
  token('teams-webhook', 'Microsoft', 'Microsoft Teams webhook URL', ['webhook.office.com'], 'https://[a-z0-9]+\\.webhook\\.office\\.com/webhookb2/[a-z0-9-]{36}@[a-z0-9-]{36}/IncomingWebhook/[a-z0-9]{32}/[a-z0-9-]{36}', 'https://x.webhook.office.com/webhookb2/****', { flags: 'gi' }),
  token('stripe-key', 'Stripe', 'Stripe secret key', ['sk_live_', 'sk_test_', 'sk_prod_', 'rk_live_', 'rk_test_', 'rk_prod_'], '[sr]k_(?:live|test|prod)_[A-Za-z0-9]{10,250}', 'sk_live_**** (24+)', { accept: (v) => looksRandom(v.slice(8)) }),
  token('google-api-key', 'Google', 'Google API key (Cloud, Gemini, Maps)', ['aiza'], 'AIza[A-Za-z0-9_-]{35}', 'AIza**** (39)', {
    // Google publishes these keys by design in web and mobile apps (Firebase, Maps): one alone on a
    // line of a document is most often such a published key; one that code or config uses is flagged.
    accept: (v, line) => looksRandom(v.slice(4)) && line.trim() !== v,
  }),
  {
    id: 'jwt',
    provider: 'any',
    label: 'JSON web token',
    keywords: ['eyj'],
    source: bare('eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{16,}'),
    shape: 'eyJ****.****.****',
    accept: isJwtHeader,
    placeholders: false,
  },
  token('jwt-base64', 'any', 'base64-encoded JSON web token', ['zxlk'], 'ZXlK[A-Za-z0-9+/]{60,}={0,2}', 'ZXlK**** (base64 of eyJ…)', { accept: isBase64Jwt, placeholders: false }),
  token('npm-token', 'npm', 'npm access token', ['npm_'], 'npm_[A-Za-z0-9]{36}', 'npm_**** (36, CRC32)', { accept: randomOrChecksum(4), placeholders: false }),
  token('pypi-token', 'PyPI', 'PyPI upload token', ['pypi-ageichlwas5vcmc'], 'pypi-AgEIcHlwaS5vcmc[\\w-]{50,1000}', 'pypi-AgEIcHlwaS5vcmc****'),
  token('rubygems-token', 'RubyGems', 'RubyGems API key', ['rubygems_'], 'rubygems_[a-f0-9]{48}', 'rubygems_**** (48 hex)'),
  token('clojars-token', 'Clojars', 'Clojars deploy token', ['clojars_'], 'CLOJARS_[a-z0-9]{60}', 'CLOJARS_**** (60)', { flags: 'gi' }),
  token('shopify-token', 'Shopify', 'Shopify access token or shared secret', ['shpat_', 'shpca_', 'shppa_', 'shpss_'], 'shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}', 'shpat_**** (32 hex)'),
  token('sentry-token', 'Sentry', 'Sentry auth token', ['sntrys_', 'sntryu_'], 'sntrys_eyJ[A-Za-z0-9+/]{60,400}={0,2}_[A-Za-z0-9+/]{43}|sntryu_[a-f0-9]{64}', 'sntrys_eyJ**** · sntryu_**** (64 hex)'),
  named('sentry-access-token', 'Sentry', 'Sentry access token', ['sentry'], '[a-f0-9]{64}', 'SENTRY_TOKEN=**** (64 hex)'),
  token('planetscale-token', 'PlanetScale', 'PlanetScale password or token', ['pscale_'], 'pscale_(?:pw|tkn|oauth)_[\\w=.-]{32,64}', 'pscale_tkn_**** (32+)'),
  token('digitalocean-token', 'DigitalOcean', 'DigitalOcean token', ['doo_v1_', 'dop_v1_', 'dor_v1_'], 'do[opr]_v1_[a-f0-9]{64}', 'dop_v1_**** (64 hex)'),
  token('doppler-token', 'Doppler', 'Doppler token', ['dp.pt.', 'dp.st.', 'dp.ct.', 'dp.sa.', 'dp.scim.', 'dp.audit.'], 'dp\\.(?:pt|st|ct|sa|scim|audit)\\.[a-z0-9]{40,44}', 'dp.pt.**** (43)', { flags: 'gi' }),
  token('linear-key', 'Linear', 'Linear API key', ['lin_api_'], 'lin_api_[a-z0-9]{40}', 'lin_api_**** (40)', { flags: 'gi' }),
  named('linear-client-secret', 'Linear', 'Linear client secret', ['linear'], '[a-f0-9]{32}', 'LINEAR_SECRET=**** (32 hex)'),
  token('notion-token', 'Notion', 'Notion integration token', ['ntn_', 'notion'], 'ntn_[0-9]{11}[A-Za-z0-9]{35}|(?<=notion[\\w.-]{0,40}["\']?\\s*[:=]\\s*["\']?)secret_[A-Za-z0-9]{43}', 'ntn_**** (46)', { flags: 'gi' }),
  token('age-secret-key', 'age', 'age secret key', ['age-secret-key-1'], 'AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}', 'AGE-SECRET-KEY-1**** (58)', { placeholders: false }),
  token('1password-secret-key', '1Password', '1Password secret key', ['a3-'], 'A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}', 'A3-****-****-****-****-****'),
  token('1password-service-token', '1Password', '1Password service account token', ['ops_eyj'], 'ops_eyJ[A-Za-z0-9+/]{250,}={0,3}', 'ops_eyJ**** (250+)'),
  token('alibaba-access-key', 'Alibaba Cloud', 'Alibaba Cloud AccessKey id', ['ltai'], 'LTAI[a-z0-9]{20}', 'LTAI**** (24)', { flags: 'gi' }),
  named('alibaba-secret-key', 'Alibaba Cloud', 'Alibaba Cloud AccessKey secret', ['alibaba', 'aliyun'], '[a-z0-9]{30}', 'ALIBABA_SECRET=**** (30)'),
  token('adobe-client-secret', 'Adobe', 'Adobe client secret', ['p8e-'], 'p8e-[a-z0-9]{32}', 'p8e-**** (32)', { flags: 'gi' }),
  named('adobe-client-id', 'Adobe', 'Adobe client id', ['adobe'], '[a-f0-9]{32}', 'ADOBE_CLIENT_ID=**** (32 hex)'),
  token('facebook-page-token', 'Meta', 'Facebook access token', ['eaam', 'eaac'], 'EAA[MC][A-Za-z0-9]{100,}', 'EAAM**** (100+)', { accept: (v) => charClasses(v) >= 3 }),
  token('facebook-app-token', 'Meta', 'Facebook app access token', ['|', '%7c'], '(?<![\\w])\\d{15,16}(?:\\||%7C)[0-9a-z_-]{27,40}', 'app id|**** (27+)', { flags: 'gi', accept: (v) => /[a-z]/i.test(v.slice(v.search(/\||%7C/i) + 1)) && charClasses(v.slice(v.search(/\||%7C/i) + 1)) >= 2 }),
  named('facebook-secret', 'Meta', 'Facebook app secret', ['facebook'], '[a-f0-9]{32}', 'FACEBOOK_SECRET=**** (32 hex)'),
  named('twitter-key', 'Twitter/X', 'Twitter/X API key or secret', ['twitter'], '[a-z0-9]{25}|[a-z0-9]{45}|[a-z0-9]{50}|[0-9]{15,25}-[a-z0-9]{20,40}', 'TWITTER_API_KEY=**** (25/50)'),
  token('twitter-bearer-token', 'Twitter/X', 'Twitter/X bearer token', ['aaaaaaaaaaaaaaaaaaaaaa'], 'A{22}[A-Za-z0-9%]{80,100}', 'AAAA…A**** (102+)', { placeholders: false, accept: (v) => looksRandom(v.slice(22)) && !isPlaceholder(v.slice(22)) }),
  token('cloudflare-origin-ca-key', 'Cloudflare', 'Cloudflare Origin CA key', ['v1.0-'], 'v1\\.0-[a-f0-9]{24}-[a-f0-9]{146}', 'v1.0-****-**** (146 hex)'),
  named('cloudflare-key', 'Cloudflare', 'Cloudflare API key or token', ['cloudflare'], '[a-z0-9_-]{40}|[a-f0-9]{37}', 'CLOUDFLARE_API_TOKEN=**** (40)'),
  named('messagebird-key', 'MessageBird', 'MessageBird API key or client id', ['messagebird', 'message-bird', 'message_bird'], `[a-z0-9]{25}|${UUID}`, 'MESSAGEBIRD_KEY=**** (25)', { placeholders: false }),
  token('jfrog-token', 'JFrog', 'JFrog Artifactory API key or reference token', ['akcp', 'cmvmd'], 'AKCp[A-Za-z0-9]{69}|cmVmd[A-Za-z0-9]{59}', 'AKCp**** (73) · cmVmd**** (64)'),
  named('jfrog-key', 'JFrog', 'JFrog API key or identity token', ['jfrog', 'artifactory', 'bintray', 'xray'], '[a-z0-9]{73}|[a-z0-9]{64}', 'JFROG_TOKEN=**** (64/73)'),
  named('asana-secret', 'Asana', 'Asana client id or secret', ['asana'], '[0-9]{16}|[a-z0-9]{32}', 'ASANA_SECRET=**** (32)', { placeholders: false }),
  named('snyk-token', 'Snyk', 'Snyk API token', ['snyk'], UUID, 'SNYK_TOKEN=**** (uuid)', { placeholders: false }),
  token('sonar-token', 'SonarQube', 'SonarQube token', ['squ_', 'sqp_', 'sqa_'], 'sq[upa]_[a-f0-9]{40}', 'squ_**** (40 hex)'),
  named('sonar-legacy-token', 'SonarQube', 'SonarQube token', ['sonar'], '[a-z0-9=_-]{40}', 'SONAR_TOKEN=**** (40)', { placeholders: false, accept: (v) => charClasses(v) >= 2 }),
  token('sourcegraph-token', 'Sourcegraph', 'Sourcegraph access token', ['sgp_'], 'sgp_(?:[a-fA-F0-9]{16}|local)_[a-fA-F0-9]{40}|sgp_[a-fA-F0-9]{40}', 'sgp_**** (40 hex)'),
  named('sourcegraph-legacy-token', 'Sourcegraph', 'Sourcegraph access token', ['sourcegraph'], '[a-f0-9]{40}', 'SRC_ACCESS_TOKEN=**** (40 hex)'),
  token('databricks-token', 'Databricks', 'Databricks token', ['dapi'], 'dapi[a-f0-9]{32}(?:-\\d)?', 'dapi**** (32 hex)'),
  token('dynatrace-token', 'Dynatrace', 'Dynatrace token', ['dt0c01.'], 'dt0c01\\.[a-z0-9]{24}\\.[a-z0-9]{64}', 'dt0c01.****.****', { flags: 'gi' }),
  token('easypost-key', 'EasyPost', 'EasyPost API key', ['ezak', 'eztk'], 'EZ[AT]K[a-z0-9]{54}', 'EZAK**** (54)', { flags: 'gi' }),
  token('duffel-token', 'Duffel', 'Duffel API token', ['duffel_'], 'duffel_(?:test|live)_[a-z0-9_=-]{43}', 'duffel_live_**** (43)', { flags: 'gi' }),
  token('frameio-token', 'Frame.io', 'Frame.io API token', ['fio-u-'], 'fio-u-[a-z0-9_=-]{64}', 'fio-u-**** (64)', { flags: 'gi' }),
  token('flutterwave-key', 'Flutterwave', 'Flutterwave key', ['flwpubk_test-', 'flwseck_test-', 'flwpubk-', 'flwseck-'], 'FLW(?:PUBK|SECK)(?:_TEST)?-[a-h0-9]{32}-X|FLWSECK(?:_TEST)?-?[a-h0-9]{12}', 'FLWSECK_TEST-****-X', { flags: 'gi' }),
  token('flyio-token', 'Fly.io', 'Fly.io access token', ['fo1_', 'fm1a_', 'fm1r_', 'fm2_'], 'fo1_[\\w-]{43}|fm1[ar]_[A-Za-z0-9+/]{100,}={0,3}|fm2_[A-Za-z0-9+/]{100,}={0,3}', 'fm2_**** (100+)'),
  token('grafana-token', 'Grafana', 'Grafana API key or token', ['eyjrijoi', 'glc_', 'glsa_'], 'eyJrIjoi[A-Za-z0-9]{70,400}={0,3}|glc_[A-Za-z0-9+/]{32,400}={0,3}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}', 'glsa_****_**** · glc_****'),
  token('harness-key', 'Harness', 'Harness API key', ['pat.', 'sat.'], '(?:pat|sat)\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{20}', 'pat.****.****.****'),
  token('hashicorp-tf-token', 'HashiCorp', 'Terraform Cloud API token', ['.atlasv1.'], '[a-z0-9]{14}\\.atlasv1\\.[a-z0-9_=-]{60,70}', '****.atlasv1.****', { flags: 'gi' }),
  token('vault-token', 'HashiCorp', 'Vault token', ['hvs.', 'hvb.', 'vault'], 'hvs\\.[\\w-]{90,120}|hvb\\.[\\w-]{138,300}', 'hvs.**** (90+)'),
  named('vault-legacy-token', 'HashiCorp', 'Vault service token', ['vault'], 's\\.[a-z0-9]{24}', 'VAULT_TOKEN=s.**** (24)', { accept: (v) => charClasses(v.slice(2)) >= 3 }),
  token('heroku-key', 'Heroku', 'Heroku API key', ['hrku-'], 'HRKU-AA[0-9a-zA-Z_-]{58}', 'HRKU-AA**** (58)'),
  named('heroku-legacy-key', 'Heroku', 'Heroku API key', ['heroku'], UUID, 'HEROKU_API_KEY=**** (uuid)'),
  named('hubspot-key', 'HubSpot', 'HubSpot API key', ['hubspot'], UUID, 'HUBSPOT_API_KEY=**** (uuid)'),
  token('infracost-token', 'Infracost', 'Infracost API token', ['ico-'], 'ico-[A-Za-z0-9]{32}', 'ico-**** (32)'),
  token('intra42-secret', '42', '42 Intra client secret', ['s-s4t2'], 's-s4t2(?:ud|af)-[a-f0-9]{64}', 's-s4t2ud-**** (64 hex)'),
  token('maxmind-key', 'MaxMind', 'MaxMind license key', ['_mmk'], '[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk', '****_****_mmk'),
  token('new-relic-key', 'New Relic', 'New Relic key', ['nrak-', 'nrjs-', 'nrii-'], 'NRAK-[a-z0-9]{27}|NRJS-[a-f0-9]{19}|NRII-[a-z0-9-]{32}', 'NRAK-**** (27)', { flags: 'gi' }),
  named('new-relic-legacy-key', 'New Relic', 'New Relic user API id', ['new-relic', 'newrelic', 'new_relic', 'new.relic'], '[a-z0-9]{64}', 'NEW_RELIC_API_ID=**** (64)'),
  token('octopus-deploy-key', 'Octopus Deploy', 'Octopus Deploy API key', ['api-'], 'API-[A-Z0-9]{26}', 'API-**** (26)', { accept: (v) => /\d/.test(v.slice(4)) && /[A-Z]/.test(v.slice(4)) }),
  token('openshift-token', 'OpenShift', 'OpenShift user token', ['sha256~'], 'sha256~[\\w-]{43}', 'sha256~**** (43)'),
  token('postman-key', 'Postman', 'Postman API key', ['pmak-'], 'PMAK-[a-f0-9]{24}-[a-f0-9]{34}', 'PMAK-****-****', { flags: 'gi' }),
  token('prefect-token', 'Prefect', 'Prefect API key', ['pnu_'], 'pnu_[A-Za-z0-9]{36}', 'pnu_**** (36)'),
  token('pulumi-token', 'Pulumi', 'Pulumi access token', ['pul-'], 'pul-[a-f0-9]{40}', 'pul-**** (40 hex)'),
  token('readme-key', 'ReadMe', 'ReadMe API key', ['rdme_'], 'rdme_[a-z0-9]{70}', 'rdme_**** (70)'),
  token('scalingo-token', 'Scalingo', 'Scalingo API token', ['tk-us-'], 'tk-us-[\\w-]{48}', 'tk-us-**** (48)'),
  token('sendgrid-key', 'SendGrid', 'SendGrid API key', ['sg.'], 'SG\\.[A-Za-z0-9_-]{20,24}\\.[A-Za-z0-9_-]{39,50}|SG\\.[a-z0-9=_.-]{66}', 'SG.****.****', { flags: 'gi', accept: (v) => v.startsWith('SG.') || v.startsWith('sg.') }),
  token('sendinblue-key', 'Brevo (Sendinblue)', 'Brevo API key', ['xkeysib-'], 'xkeysib-[a-f0-9]{64}-[a-z0-9]{16}', 'xkeysib-****-**** (16)', { flags: 'gi' }),
  token('settlemint-token', 'SettleMint', 'SettleMint access token', ['sm_pat_', 'sm_aat_', 'sm_sat_'], 'sm_[pas]at_[a-zA-Z0-9]{16}', 'sm_pat_**** (16)'),
  token('shippo-token', 'Shippo', 'Shippo API token', ['shippo_'], 'shippo_(?:live|test)_[a-fA-F0-9]{40}', 'shippo_live_**** (40 hex)'),
  token('square-token', 'Square', 'Square access token', ['eaaa', 'sq0atp-', 'sq0csp-'], 'EAAA[\\w-]{22,60}|sq0(?:atp|csp)-[\\w-]{22,60}', 'EAAA**** · sq0atp-****', { accept: (v) => looksRandom(v.slice(4)) }),
  token('twilio-key', 'Twilio', 'Twilio API key', ['sk'], 'SK[0-9a-fA-F]{32}', 'SK**** (32 hex)', { accept: (v) => /\d/.test(v) && /[a-f]/i.test(v.slice(2)) }),
  {
    id: 'azure-ad-client-secret',
    provider: 'Microsoft',
    label: 'Azure AD client secret',
    keywords: ['q~'],
    source: '(?<![A-Za-z0-9_~.,-])[a-zA-Z0-9_~.]{3}\\dQ~[a-zA-Z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])',
    shape: '***8Q~**** (34)',
  },
  token('authress-key', 'Authress', 'Authress service client key', ['.acc_', '.acc-'], '(?:sc|ext|scauth|authress)_[a-z0-9]{5,30}\\.[a-z0-9]{4,6}\\.acc[_-][a-z0-9-]{10,32}\\.[a-z0-9+/_=-]{30,120}', 'sc_****.****.acc_****.****', { flags: 'gi' }),
  token('clickhouse-secret', 'ClickHouse', 'ClickHouse Cloud API secret', ['4b1d'], '4b1d[A-Za-z0-9]{38}', '4b1d**** (42)', { accept: (v) => charClasses(v) >= 3 }),
  named('mailgun-key', 'Mailgun', 'Mailgun API or public key', ['mailgun'], '(?:pub)?key-[a-f0-9]{32}', 'MAILGUN_API_KEY=key-**** (32 hex)'),
  named('mailgun-signing-key', 'Mailgun', 'Mailgun webhook signing key', ['mailgun'], '[a-h0-9]{32}-[a-h0-9]{8}-[a-h0-9]{8}', 'MAILGUN_SIGNING_KEY=****-****-****'),
  named('mailchimp-key', 'Mailchimp', 'Mailchimp API key', ['mailchimp'], '[a-f0-9]{32}-us\\d{1,2}', 'MAILCHIMP_KEY=****-us20'),
  named('mapbox-token', 'Mapbox', 'Mapbox token', ['mapbox'], 'pk\\.[a-z0-9]{60}\\.[a-z0-9]{22}', 'pk.****.****'),
  named('telegram-bot-token', 'Telegram', 'Telegram bot token', ['telegram', 'tgram'], '[0-9]{5,16}:A[a-z0-9_-]{34}', 'TELEGRAM_BOT_TOKEN=1234:A**** (34)'),
  named('typeform-token', 'Typeform', 'Typeform API token', ['typeform'], 'tfp_[a-z0-9_.=-]{59}', 'tfp_**** (59)'),
  named('beamer-token', 'Beamer', 'Beamer API key', ['beamer'], 'b_[a-z0-9=_-]{44}', 'b_**** (44)'),
  named('gocardless-token', 'GoCardless', 'GoCardless access token', ['gocardless'], '(?:live|sandbox)_[a-z0-9_=-]{40}', 'live_**** (40)'),
  named('lob-key', 'Lob', 'Lob API key', ['lob'], '(?:live|test)_(?:pub_)?[a-f0-9]{31,35}', 'test_**** (35 hex)'),
  named('okta-token', 'Okta', 'Okta API token', ['okta'], '00[\\w=-]{40}', 'OKTA_TOKEN=00**** (40)'),
  named('plaid-token', 'Plaid', 'Plaid secret or access token', ['plaid'], `access-(?:sandbox|development|production)-${UUID}|[a-z0-9]{30}|[a-z0-9]{24}`, 'PLAID_SECRET=**** (30)'),
  named('sumologic-token', 'Sumo Logic', 'Sumo Logic access id or key', ['sumo', 'sumologic'], 'su[A-Za-z0-9]{12}|[a-z0-9]{64}', 'SUMO_ACCESS_KEY=**** (64)', { accept: (v) => charClasses(v) >= 2 }),
  named('kucoin-key', 'KuCoin', 'KuCoin API key or secret', ['kucoin'], `[a-f0-9]{24}|${UUID}`, 'KUCOIN_SECRET=**** (uuid)'),
  named('bitbucket-secret', 'Bitbucket', 'Bitbucket client id or secret', ['bitbucket'], '[a-z0-9]{32}|[a-z0-9=_-]{64}', 'BITBUCKET_SECRET=**** (32/64)'),
  named('discord-token', 'Discord', 'Discord token, client id or secret', ['discord'], '[a-f0-9]{64}|[0-9]{18}|[a-z0-9=_-]{32}', 'DISCORD_TOKEN=**** (64 hex)', { placeholders: false, accept: (v) => !/^(?:[a-z]+|(.)\1+)$/i.test(v) }),
  named('looker-secret', 'Looker', 'Looker client id or secret', ['looker'], '[a-z0-9]{24}|[a-z0-9]{20}', 'LOOKER_SECRET=**** (24)'),
  named('linkedin-secret', 'LinkedIn', 'LinkedIn client id or secret', ['linkedin', 'linked-in', 'linked_in'], '[a-z0-9]{16}|[a-z0-9]{14}', 'LINKEDIN_SECRET=**** (16)'),
  named('plain-provider-key', 'Adafruit, Airtable, Algolia, Atlassian (Jira, Confluence), Bittrex, Cisco Meraki, Codecov, Coinbase, Confluent, Contentful, Datadog, Drone CI, Dropbox, Etsy, Fastly, Finicity, Finnhub, Flickr, FreshBooks, Gitter, Intercom, Kraken, LaunchDarkly, Mattermost, Netlify, New York Times, RapidAPI, Sendbird, Squarespace, Travis CI, Twitch, Yandex, Zendesk, Harness, Defined Networking, Zapier, CircleCI, Buildkite', 'API key or token next to a key naming the provider', [
    'adafruit', 'airtable', 'algolia', 'atlassian', 'confluence', 'jira', 'bittrex', 'meraki', 'codecov', 'coinbase', 'confluent',
    'contentful', 'datadog', 'droneci', 'dropbox', 'etsy', 'fastly', 'finicity', 'finnhub', 'flickr', 'freshbooks', 'gitter',
    'intercom', 'kraken', 'launchdarkly', 'mattermost', 'netlify', 'nytimes', 'new-york-times', 'newyorktimes', 'rapidapi',
    'sendbird', 'squarespace', 'travis', 'twitch', 'yandex', 'zendesk', 'harness', 'dnkey', 'zapier', 'circleci', 'buildkite',
  ], '[a-z0-9_=+/-]{14,100}', 'DATADOG_API_KEY=**** (14+)', { accept: (v) => /\d/.test(v) && /[a-z]/i.test(v) && !/^[a-z]+(?:[_-][a-z0-9]+)+$/i.test(v) && entropy(v) >= 3 }),
  token('airtable-pat', 'Airtable', 'Airtable personal access token', ['pat'], 'pat[A-Za-z0-9]{14}\\.[a-f0-9]{64}', 'pat****.**** (64 hex)'),
  token('yandex-token', 'Yandex', 'Yandex Cloud key or token', ['aqvn', 't1.', 'yandex'], 'AQVN[A-Za-z0-9_-]{35,38}|t1\\.[A-Z0-9a-z_-]+={0,2}\\.[A-Z0-9a-z_-]{86}={0,2}|(?<=yandex[\\w.-]{0,40}["\']?\\s*[:=]{1,3}\\s*["\']?)YC[A-Za-z0-9_-]{38}', 'AQVN**** (35+)'),
  token('defined-networking-token', 'Defined Networking', 'Defined Networking API token', ['dnkey-'], 'dnkey-[a-z0-9=_-]{26}-[a-z0-9=_-]{52}', 'dnkey-****-****', { flags: 'gi' }),
  token('sidekiq-secret', 'Sidekiq', 'Sidekiq Enterprise/Pro credentials', ['contribsys'], '(?<=(?:BUNDLE_ENTERPRISE__CONTRIBSYS__COM|BUNDLE_GEMS__CONTRIBSYS__COM)[\\w.-]{0,20}["\']?[ \\t]*(?:=>|:{1,3}=|\\?=|\\.=|=|:|,|>)[ \\t]*["\']?)[a-f0-9]{8}:[a-f0-9]{8}|(?<=https?://)[a-f0-9]{8}:[a-f0-9]{8}(?=@(?:gems|enterprise)\\.contribsys\\.com)', 'BUNDLE_GEMS__CONTRIBSYS__COM=****:****', { flags: 'gi' }),
  {
    // curl -u user:password, curl --user "user:password", wget --user …, -u apikey: (a key as user name)
    id: 'curl-user',
    provider: 'any',
    label: 'password in a -u/--user argument',
    keywords: ['-u', '--user'],
    source: `(?<=(?:^|\\s)(?:-u|--user)(?:[ \\t]+|=)?["']?)[^\\s"':$]*:["']?[^\\s"']*`,
    shape: 'curl -u user:****',
    accept: curlUserAccept,
    placeholders: false,
  },
];

/** Where a generic `key = "value"` may be: credential words in a key (see generic.ts). */
export const GENERIC_KEYWORDS: readonly string[] = ['pass', 'pwd', 'secret', 'token', 'auth', 'credential', 'creds', 'key'];
export const GENERIC_HINT = GENERIC_KEYWORDS.join('|');
