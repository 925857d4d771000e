/**
 * A corpus written for spark-guard's secrets gate: for every rule a credential generated at run
 * time in the provider's documented format (prefix, length, alphabet, checksum), placed in every file
 * shape users commit (Makefile `::=`, PHP `.=`, an env file inside a JSON string, an XML value on its
 * own line, shell, YAML, TOML, INI, .properties, Go, Python, Ruby, HCL, Dockerfile, Kotlin, Java, C#…),
 * and per rule a near miss that must pass. Shared by the unit tests and the end-to-end commit.
 */
import { ALNUM, B32, B64, B64URL, DIGITS, HEX, UPPER, b64url, fakes } from './credentials.js';

const LOWNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const UPNUM = `${UPPER}0123456789`;
const BECH32 = 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** CRC32 (IEEE), for the GitHub and npm checksums. */
function crc32(text: string): number {
  let c = 0xffffffff;
  for (let i = 0; i < text.length; i++) {
    c ^= text.charCodeAt(i);
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}
/** 30 random base62 characters and their CRC32 in 6 base62 characters (GitHub's and npm's format). */
export function withChecksum(random: string): string {
  let n = crc32(random);
  let sum = '';
  for (let i = 0; i < 6; i++, n = Math.floor(n / 62)) sum = BASE62[n % 62] + sum;
  return random + sum;
}

export interface Sample {
  rule: string;
  /** The text placed in a file. */
  value: string;
  /** What the rule reports, when not the whole value (a URL's password). */
  found?: string;
  /** A key that names the provider (`TWITTER_API_KEY`), for rules that need one; shapes re-case it. */
  key?: string;
  /** The key as written in every shape (it names a fixed variable: `BUNDLE_GEMS__CONTRIBSYS__COM`). */
  fixedKey?: boolean;
}

/** One generated credential per rule (a few rules have two shapes). */
export function ruleSamples(seed: number): Sample[] {
  const f = fakes(seed);
  const uuid = () => [8, 4, 4, 4, 12].map((n) => f(n, HEX)).join('-');
  const t = (rule: string, value: string): Sample => ({ rule, value });
  const k = (rule: string, key: string, value: string): Sample => ({ rule, key, value });
  const jwt = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: f(8), iat: 1718000000 })}.${f(43, B64URL)}`;
  return [
    t('aws-access-key', 'AKIA' + f(16, B32)),
    { rule: 'aws-secret-key', key: 'AWS_SECRET_ACCESS_KEY', value: f(40, B64), fixedKey: true },
    t('aws-bedrock-key', 'ABSK' + f(120, B64)),
    t('github-token', 'gh' + 'p_' + withChecksum(f(30))),
    t('github-token', 'github_' + 'pat_' + f(22) + '_' + f(59)),
    t('gitlab-token', 'gl' + 'pat-' + f(20, ALNUM + '_-')),
    t('gitlab-token', 'gl' + 'dt-' + f(20)),
    t('gitlab-runner-registration', 'GR13' + '48941' + f(20)),
    { rule: 'gitlab-session', value: '_gitlab_' + 'session=' + f(32, LOWNUM), found: '' },
    t('anthropic-key', 'sk-' + 'ant-api03-' + f(93, B64URL) + 'AA'),
    t('openrouter-key', 'sk-' + 'or-v1-' + f(64, HEX)),
    t('openai-key', 'sk-' + 'proj-' + f(74, B64URL) + 'T3Blbk' + 'FJ' + f(74, B64URL)),
    t('cerebras-key', 'c' + 'sk-' + f(48, LOWNUM)),
    t('groq-key', 'gs' + 'k_' + f(52)),
    t('xai-key', 'xa' + 'i-' + f(80)),
    t('huggingface-token', 'h' + 'f_' + f(34, UPPER + UPPER.toLowerCase())),
    t('replicate-token', 'r' + '8_' + f(37)),
    t('together-key', 'tgp' + '_v1_' + f(43, B64URL)),
    t('fireworks-key', 'f' + 'w_' + f(24)),
    t('perplexity-key', 'pp' + 'lx-' + f(48)),
    k('mistral-key', 'MISTRAL_API_KEY', f(32)),
    k('cohere-key', 'COHERE_API_KEY', f(40)),
    k('together-legacy-key', 'TOGETHER_API_KEY', f(64, HEX)),
    k('privateai-token', 'PRIVATE_AI_KEY', f(32, LOWNUM)),
    t('slack-token', 'xo' + 'xb-' + f(12, DIGITS) + '-' + f(13, DIGITS) + '-' + f(24)),
    t('slack-webhook', 'https://hooks.slack.com/services/' + 'T' + f(8, B32) + '/B' + f(10, B32) + '/' + f(24)),
    t('teams-webhook', `https://acme.webhook.office.com/webhookb2/${uuid()}@${uuid()}/IncomingWebhook/${f(32, HEX)}/${uuid()}`),
    t('stripe-key', 'sk' + '_live_' + f(24)),
    t('google-api-key', 'AI' + 'za' + f(35, B64URL)),
    t('jwt', jwt),
    t('jwt-base64', Buffer.from(jwt).toString('base64')),
    t('npm-token', 'np' + 'm_' + withChecksum(f(30))),
    t('pypi-token', 'pypi-' + 'AgEIcHlwaS5vcmc' + f(70, B64URL)),
    t('rubygems-token', 'rubygems' + '_' + f(48, HEX)),
    t('clojars-token', 'CLOJARS' + '_' + f(60, LOWNUM)),
    t('shopify-token', 'shp' + 'at_' + f(32, HEX)),
    t('sentry-token', 'sntry' + 'u_' + f(64, HEX)),
    k('sentry-access-token', 'SENTRY_AUTH_TOKEN', f(64, HEX)),
    t('planetscale-token', 'pscale' + '_tkn_' + f(43)),
    t('digitalocean-token', 'do' + 'p_v1_' + f(64, HEX)),
    t('doppler-token', 'dp.' + 'pt.' + f(43, LOWNUM)),
    t('linear-key', 'lin' + '_api_' + f(40, LOWNUM)),
    k('linear-client-secret', 'LINEAR_CLIENT_SECRET', f(32, HEX)),
    t('notion-token', 'nt' + 'n_' + f(11, DIGITS) + f(35)),
    t('age-secret-key', 'AGE-SECRET' + '-KEY-1' + f(58, BECH32)),
    t('1password-secret-key', 'A' + '3-' + [6, 11, 5, 5, 5].map((n) => f(n, UPNUM)).join('-')),
    t('1password-service-token', 'op' + 's_eyJ' + f(260, B64)),
    t('alibaba-access-key', 'LT' + 'AI' + f(20, LOWNUM)),
    k('alibaba-secret-key', 'ALIBABA_SECRET_KEY', f(30, LOWNUM)),
    t('adobe-client-secret', 'p8' + 'e-' + f(32, LOWNUM)),
    k('adobe-client-id', 'ADOBE_CLIENT_ID', f(32, HEX)),
    t('facebook-page-token', 'EA' + 'AM' + f(120)),
    t('facebook-app-token', f(15, DIGITS) + '|' + f(30)),
    k('facebook-secret', 'FACEBOOK_APP_SECRET', f(32, HEX)),
    k('twitter-key', 'TWITTER_API_KEY', f(25, LOWNUM)),
    t('twitter-bearer-token', 'A'.repeat(22) + f(90)),
    t('cloudflare-origin-ca-key', 'v1' + '.0-' + f(24, HEX) + '-' + f(146, HEX)),
    k('cloudflare-key', 'CLOUDFLARE_API_TOKEN', f(40, LOWNUM + '_-')),
    k('messagebird-key', 'MESSAGEBIRD_API_KEY', f(25, LOWNUM)),
    t('jfrog-token', 'AK' + 'Cp' + f(69)),
    k('jfrog-key', 'ARTIFACTORY_API_KEY', f(73, LOWNUM)),
    k('asana-secret', 'ASANA_CLIENT_SECRET', f(32, LOWNUM)),
    k('snyk-token', 'SNYK_TOKEN', uuid()),
    t('sonar-token', 'sq' + 'u_' + f(40, HEX)),
    k('sonar-legacy-token', 'SONAR_TOKEN', f(40, LOWNUM)),
    t('sourcegraph-token', 'sg' + 'p_' + f(16, HEX) + '_' + f(40, HEX)),
    k('sourcegraph-legacy-token', 'SOURCEGRAPH_TOKEN', f(40, HEX)),
    t('databricks-token', 'da' + 'pi' + f(32, HEX)),
    t('dynatrace-token', 'dt0' + 'c01.' + f(24, UPNUM) + '.' + f(64, UPNUM)),
    t('easypost-key', 'EZ' + 'AK' + f(54, LOWNUM)),
    t('duffel-token', 'duffel' + '_live_' + f(43)),
    t('frameio-token', 'fio' + '-u-' + f(64)),
    t('flutterwave-key', 'FLWSECK' + '_TEST-' + f(32, 'abcdefgh0123456789') + '-X'),
    t('flyio-token', 'fm' + '2_' + f(120, B64)),
    t('grafana-token', 'gl' + 'sa_' + f(32) + '_' + f(8, HEX)),
    t('harness-key', 'pa' + 't.' + f(22) + '.' + f(24) + '.' + f(20)),
    t('hashicorp-tf-token', f(14, LOWNUM) + '.atlas' + 'v1.' + f(64)),
    t('vault-token', 'hv' + 's.' + f(100)),
    k('vault-legacy-token', 'VAULT_TOKEN', 's.' + f(24)),
    t('heroku-key', 'HR' + 'KU-AA' + f(58)),
    k('heroku-legacy-key', 'HEROKU_API_KEY', uuid()),
    k('hubspot-key', 'HUBSPOT_API_KEY', uuid()),
    t('infracost-token', 'ic' + 'o-' + f(32)),
    t('intra42-secret', 's-s4' + 't2ud-' + f(64, HEX)),
    t('maxmind-key', f(6) + '_' + f(29) + '_m' + 'mk'),
    t('new-relic-key', 'NR' + 'AK-' + f(27, UPNUM)),
    k('new-relic-legacy-key', 'NEW_RELIC_USER_API_ID', f(64, LOWNUM)),
    t('octopus-deploy-key', 'AP' + 'I-' + f(26, UPNUM)),
    t('openshift-token', 'sha256' + '~' + f(43, B64URL)),
    t('postman-key', 'PM' + 'AK-' + f(24, HEX) + '-' + f(34, HEX)),
    t('prefect-token', 'pn' + 'u_' + f(36)),
    t('pulumi-token', 'pu' + 'l-' + f(40, HEX)),
    t('readme-key', 'rd' + 'me_' + f(70, LOWNUM)),
    t('scalingo-token', 'tk-' + 'us-' + f(48)),
    t('sendgrid-key', 'S' + 'G.' + f(22, B64URL) + '.' + f(43, B64URL)),
    t('sendinblue-key', 'xkey' + 'sib-' + f(64, HEX) + '-' + f(16, LOWNUM)),
    t('settlemint-token', 'sm' + '_pat_' + f(16)),
    t('shippo-token', 'shippo' + '_live_' + f(40, HEX)),
    t('square-token', 'sq0' + 'atp-' + f(22, B64URL)),
    t('twilio-key', 'S' + 'K' + f(32, HEX)),
    t('azure-ad-client-secret', f(3) + '8' + 'Q~' + f(34)),
    t('authress-key', 'sc' + '_' + f(10, LOWNUM) + '.' + f(5, LOWNUM) + '.acc' + '_' + f(20, LOWNUM) + '.' + f(60)),
    t('clickhouse-secret', '4b' + '1d' + f(38)),
    k('mailgun-key', 'MAILGUN_API_KEY', 'ke' + 'y-' + f(32, HEX)),
    k('mailgun-signing-key', 'MAILGUN_SIGNING_KEY', [32, 8, 8].map((n) => f(n, 'abcdefgh0123456789')).join('-')),
    k('mailchimp-key', 'MAILCHIMP_API_KEY', f(32, HEX) + '-us20'),
    k('mapbox-token', 'MAPBOX_TOKEN', 'p' + 'k.' + f(60, LOWNUM) + '.' + f(22, LOWNUM)),
    k('telegram-bot-token', 'TELEGRAM_BOT_TOKEN', f(10, DIGITS) + ':A' + f(34, ALNUM + '_-')),
    k('typeform-token', 'TYPEFORM_TOKEN', 'tf' + 'p_' + f(59)),
    k('beamer-token', 'BEAMER_API_KEY', 'b_' + f(44)),
    k('gocardless-token', 'GOCARDLESS_ACCESS_TOKEN', 'live_' + f(40)),
    k('lob-key', 'LOB_API_KEY', 'live_' + f(35, HEX)),
    k('okta-token', 'OKTA_API_TOKEN', '00' + f(40)),
    k('plaid-token', 'PLAID_SECRET', f(30, LOWNUM)),
    k('sumologic-token', 'SUMO_ACCESS_KEY', f(64, LOWNUM)),
    k('kucoin-key', 'KUCOIN_SECRET', uuid()),
    k('bitbucket-secret', 'BITBUCKET_CLIENT_SECRET', f(64)),
    k('discord-token', 'DISCORD_BOT_TOKEN', f(64, HEX)),
    k('looker-secret', 'LOOKER_CLIENT_SECRET', f(24, LOWNUM)),
    k('linkedin-secret', 'LINKEDIN_CLIENT_SECRET', f(16, LOWNUM)),
    k('plain-provider-key', 'DATADOG_API_KEY', f(40, LOWNUM)),
    k('plain-provider-key', 'ZENDESK_API_TOKEN', f(40)),
    t('airtable-pat', 'pa' + 't' + f(14) + '.' + f(64, HEX)),
    t('yandex-token', 'AQ' + 'VN' + f(36)),
    t('defined-networking-token', 'dn' + 'key-' + f(26, LOWNUM) + '-' + f(52, LOWNUM)),
    { rule: 'sidekiq-secret', key: 'BUNDLE_GEMS__CONTRIBSYS__COM', value: f(8, HEX) + ':' + f(8, HEX), fixedKey: true },
    { rule: 'url-credentials', value: `postgres://app:${f(20)}@db.internal:5432/app`, found: '' },
  ].map((s): Sample => (s.found === '' ? { ...s, found: foundPart(s) } : s));
}

function foundPart(s: Sample): string {
  if (s.rule === 'gitlab-session') return s.value.slice(s.value.indexOf('=') + 1);
  return /:\/\/[^:]+:([^@]+)@/.exec(s.value)![1]!;
}

const upperSnake = (key: string) => key === key.toUpperCase();
/** `TWITTER_API_KEY` → `twitterApiKey` (a key in another case stays as it is) */
export const camel = (key: string) => (upperSnake(key) ? key.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()) : key);
/** `TWITTER_API_KEY` → `twitter_api_key` (a key in another case stays as it is) */
const lower = (key: string) => (upperSnake(key) ? key.toLowerCase() : key);
/** `TWITTER_API_KEY` → `twitter.api.key` */
const dotted = (key: string) => (upperSnake(key) ? key.toLowerCase().replace(/_/g, '.') : key);

export interface Shape {
  name: string;
  file: string;
  /** The lines of the file for this key and value; the value stands on the last line holding it. */
  lines: (key: string, value: string) => string[];
}

/** Every file shape the gate must read. `key` is SNAKE_UPPER; each shape writes it its own way. */
export const SHAPES: readonly Shape[] = [
  { name: '.env', file: '.env.production', lines: (k, v) => [`${k}=${v}`] },
  { name: 'shell export', file: 'scripts/deploy.sh', lines: (k, v) => [`export ${k}="${v}"`] },
  { name: 'YAML', file: 'config/app.yaml', lines: (k, v) => ['app:', `  ${lower(k)}: ${v}`] },
  { name: 'YAML quoted', file: 'config/quoted.yml', lines: (k, v) => [`${lower(k)}: '${v}'`] },
  { name: 'TOML', file: 'config/app.toml', lines: (k, v) => ['[service]', `${lower(k)} = "${v}"`] },
  { name: 'INI', file: 'config/app.ini', lines: (k, v) => ['[default]', `${camel(k)} = ${v}`] },
  { name: '.properties', file: 'src/main/resources/application.properties', lines: (k, v) => [`${dotted(k)}=${v}`] },
  { name: 'JSON', file: 'config/app.json', lines: (k, v) => ['{', `  "${lower(k)}": "${v}"`, '}'] },
  { name: 'env file inside a JSON string', file: 'config/settings.json', lines: (k, v) => [`{"config.env": "${k}=${v}\\nDEBUG=false"}`] },
  { name: 'XML element, one line', file: 'config/app.xml', lines: (k, v) => [`  <${camel(k)}>${v}</${camel(k)}>`] },
  { name: 'XML element value on its own line', file: 'config/web.xml', lines: (k, v) => [`<${camel(k)}>`, `    ${v}`, `</${camel(k)}>`] },
  { name: 'Makefile ::=', file: 'Makefile', lines: (k, v) => [`${k} ::= "${v}"`] },
  { name: 'Makefile :::=', file: 'build/rules.mk', lines: (k, v) => [`${k} :::= ${v}`] },
  { name: 'Makefile ?=', file: 'build/defaults.mk', lines: (k, v) => [`${k} ?= "${v}"`] },
  { name: 'Makefile :=', file: 'build/vars.mk', lines: (k, v) => [`${k} := ${v}`] },
  { name: 'PHP .=', file: 'app/config.php', lines: (k, v) => ['<?php', `$${camel(k)} .= "${v}";`] },
  { name: 'PHP array', file: 'app/settings.php', lines: (k, v) => ['return [', `    '${lower(k)}' => '${v}',`, '];'] },
  { name: 'Go :=', file: 'cmd/main.go', lines: (k, v) => ['func main() {', `\t${camel(k)} := "${v}"`, '}'] },
  { name: 'Go var', file: 'internal/config.go', lines: (k, v) => [`var ${camel(k)} string = \`${v}\``] },
  { name: 'Python', file: 'app/settings.py', lines: (k, v) => [`${k} = "${v}"`] },
  { name: 'Ruby =>', file: 'config/initializers/keys.rb', lines: (k, v) => ['KEYS = {', `  :${lower(k)} => "${v}",`, '}'] },
  { name: 'HCL', file: 'infra/main.tf', lines: (k, v) => ['provider "x" {', `  ${lower(k)} = "${v}"`, '}'] },
  { name: 'Dockerfile ENV', file: 'Dockerfile', lines: (k, v) => ['FROM node:20', `ENV ${k}=${v}`] },
  { name: 'Dockerfile ARG', file: 'docker/Dockerfile.build', lines: (k, v) => [`ARG ${k}=${v}`] },
  { name: 'Kotlin', file: 'app/src/Main.kt', lines: (k, v) => [`val ${camel(k)} = "${v}"`] },
  { name: 'Java', file: 'src/App.java', lines: (k, v) => [`    private static final String ${camel(k)} = "${v}";`] },
  { name: 'Java System.setProperty', file: 'src/Boot.java', lines: (k, v) => [`System.setProperty("${k}", "${v}");`] },
  { name: 'C#', file: 'src/Program.cs', lines: (k, v) => [`string ${camel(k)} = "${v}";`] },
  { name: 'TypeScript', file: 'src/config.ts', lines: (k, v) => [`export const ${camel(k)} = '${v}';`] },
  { name: 'logstash', file: 'pipeline/logstash.conf', lines: (k, v) => [`  "${camel(k)}" => "${v}"`] },
];

/** The key a sample is written under: its provider key, or a neutral credential key for a token. */
export const keyOf = (s: Sample) => s.key ?? 'DEPLOY_TOKEN';
/** Shapes that write the key as given (for samples whose key is a fixed name). */
export const KEEPS_KEY = new Set(['.env', 'shell export', 'env file inside a JSON string', 'Makefile ::=', 'Makefile :::=', 'Makefile ?=', 'Makefile :=', 'Python', 'Dockerfile ENV', 'Dockerfile ARG', 'Java System.setProperty']);

/**
 * Per rule, lines that look like its credential and must pass: the random part replaced by a
 * placeholder, the token inside a longer word, a provider's value under a key that names another
 * thing. Rules whose values are not checked against placeholders (their ids or ids repeat) are
 * covered by the other near misses.
 */
export function nearMisses(samples: readonly Sample[]): [rule: string, line: string][] {
  const out: [string, string][] = [];
  for (const s of samples) {
    if (s.rule === 'url-credentials' || s.rule === 'gitlab-session') continue;
    if (s.key) {
      // the provider's value, under a key that names nothing
      out.push([s.rule, `colour = "${s.value}"`]);
      // a key that says it is no secret
      out.push([s.rule, `${camel(`EXAMPLE_${s.key}`)} = "${s.value}"`]);
    } else {
      // inside a longer word: no boundary before it
      if (!s.value.includes('://')) out.push([s.rule, `id = "Z${s.value}"`]);
      // the random part as a placeholder
      const keep = Math.min(s.value.length - 12, Math.max(2, s.value.search(/[^A-Za-z]/) + 1));
      out.push([s.rule, `value = "${s.value.slice(0, keep)}${'x'.repeat(s.value.length - keep)}"`]);
    }
  }
  return out;
}
