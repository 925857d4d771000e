import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findSecrets, maskSecrets, mayContainSecret, redactSecrets, secretRules } from '../../../src/secrets/detect.js';

import { B32, B64, B64URL, DIGITS, HEX, b64url, fakeKeys, fakes, pem } from '../../helpers/credentials.js';

const fake = fakes(20240611);
const key = fakeKeys(20240611);
const keyBody = Array.from({ length: 6 }, () => fake(64, B64));

type Case = [name: string, line: string, rule: string, value: string];
const positives: Case[] = [
  ['password in a database URL', `DATABASE_URL=postgres://app:${key.generic}@db.internal/app`, 'url-credentials', key.generic],
  ['AWS id in code', `const id = "${key.awsId}";`, 'aws-access-key', key.awsId],
  ['AWS id in .env', `AWS_ACCESS_KEY_ID=${key.awsId}`, 'aws-access-key', key.awsId],
  ['AWS session id in ini', `aws_access_key_id = ${key.awsSession}`, 'aws-access-key', key.awsSession],
  ['AWS id in JSON', `{"AccessKeyId": "${key.awsSession}", "Expiration": "2025-01-01"}`, 'aws-access-key', key.awsSession],
  ['AWS secret in ini', `aws_secret_access_key = ${key.awsSecret}`, 'aws-secret-key', key.awsSecret],
  ['AWS secret in .env', `AWS_SECRET_ACCESS_KEY="${key.awsSecret}"`, 'aws-secret-key', key.awsSecret],
  ['AWS secret in JSON', `  "SecretAccessKey": "${key.awsSecret}",`, 'aws-secret-key', key.awsSecret],
  ['AWS secret in YAML', `aws_secret_key: '${key.awsSecret}'`, 'aws-secret-key', key.awsSecret],
  ['GitHub PAT in YAML', `  token: ${key.ghp}`, 'github-token', key.ghp],
  ['GitHub token in a URL', `git clone https://${key.ghs}@github.com/o/r.git`, 'github-token', key.ghs],
  ['fine-grained PAT', `const pat = '${key.ghPat}';`, 'github-token', key.ghPat],
  ['OpenAI legacy key', `OPENAI_API_KEY=${key.openaiLegacy}`, 'openai-key', key.openaiLegacy],
  ['OpenAI project key', `client = OpenAI(api_key="${key.openaiProj}")`, 'openai-key', key.openaiProj],
  ['OpenAI service key', `const k = \`${key.openaiSvc}\`;`, 'openai-key', key.openaiSvc],
  ['Anthropic key', `ANTHROPIC_API_KEY=${key.anthropic}`, 'anthropic-key', key.anthropic],
  ['Cerebras key', `export CEREBRAS_API_KEY=${key.cerebras}`, 'cerebras-key', key.cerebras],
  ['Slack bot token', `SLACK_BOT_TOKEN=${key.slackBot}`, 'slack-token', key.slackBot],
  ['Slack user token', `slack: { token: "${key.slackUser}" }`, 'slack-token', key.slackUser],
  ['Slack webhook', `url = "${key.webhook}"`, 'slack-webhook', key.webhook],
  ['Slack webhook in Markdown', `Post to <${key.webhook}>.`, 'slack-webhook', key.webhook],
  ['Stripe live key (Ruby)', `Stripe::api_key = '${key.stripeLive}'`, 'stripe-key', key.stripeLive],
  ['Stripe restricted key', `STRIPE_KEY=${key.stripeRestricted}`, 'stripe-key', key.stripeRestricted],
  ['Stripe test key', `stripe.api_key = "${key.stripeTest}"`, 'stripe-key', key.stripeTest],
  ['Google API key (Firebase)', `  apiKey: "${key.google}",`, 'google-api-key', key.google],
  ['Google API key in a URL', `fetch("https://maps.googleapis.com/api?key=${key.google}&q=1")`, 'google-api-key', key.google],
  ['JWT in a header', `curl -H "Authorization: Bearer ${key.jwt}" https://api`, 'jwt', key.jwt],
  ['JWT in code', `const session = '${key.jwt}';`, 'jwt', key.jwt],
  ['RSA key line', pem('RSA '), 'private-key', pem('RSA ')],
  ['EC key in a diff-less YAML block', `    ${pem('EC ')}`, 'private-key', pem('EC ')],
  ['OpenSSH key, CRLF', `${pem('OPENSSH ')}\r`, 'private-key', pem('OPENSSH ')],
  ['PKCS#8 key in a Python string', `KEY = """${pem('')}`, 'private-key', pem('')],
  ['encrypted key', pem('ENCRYPTED '), 'private-key', pem('ENCRYPTED ')],
  ['DSA key', pem('DSA '), 'private-key', pem('DSA ')],
  ['PGP key block', `${pem('PGP ')}`.replace('KEY-----', 'KEY BLOCK-----'), 'private-key', pem('PGP ').replace('KEY-----', 'KEY BLOCK-----')],
  ['first of concatenated key lines', `  "${pem('RSA ')}\\n" +`, 'private-key', `${pem('RSA ')}\\n" +`],
  ['whole key in one JSON line', `  "private_key": "${pem('')}\\n${keyBody.join('\\n')}\\n${pem('', 'END')}\\n",`, 'private-key', `${pem('')}\\n${keyBody.join('\\n')}\\n${pem('', 'END')}`],
  ['Python password', `password = "${key.generic}"`, 'generic-assignment', key.generic],
  ['test-looking but real password', `password = "${'hunter2'.repeat(2)}"`, 'generic-assignment', 'hunter2'.repeat(2)],
  ['JS const', `const dbPassword = '${key.generic2}';`, 'generic-assignment', key.generic2],
  ['Go :=', `\tpassword := "${key.generic}"`, 'generic-assignment', key.generic],
  ['PHP =>', `  'password' => '${key.generic2}',`, 'generic-assignment', key.generic2],
  ['JSON client_secret', `  "client_secret": "${key.generic}",`, 'generic-assignment', key.generic],
  ['YAML unquoted', `  api_key: ${key.generic2}`, 'generic-assignment', key.generic2],
  ['YAML quoted', `  password: "${key.generic2}"`, 'generic-assignment', key.generic2],
  ['YAML list item', `- secret: ${key.generic}`, 'generic-assignment', key.generic],
  ['.env', `DB_PASSWORD=${key.generic2}`, 'generic-assignment', key.generic2],
  ['.env with export and comment', `export API_TOKEN=${key.generic} # prod`, 'generic-assignment', key.generic],
  ['.properties', `spring.datasource.password=${key.generic2}`, 'generic-assignment', key.generic2],
  ['Rails secret_key_base', `SECRET_KEY_BASE=${key.hex}`, 'generic-assignment', key.hex],
  ['UUID as a token', `auth_token = "${key.uuid}"`, 'generic-assignment', key.uuid],
  ['keyword argument', `db.connect(host="db", password="${key.generic2}")`, 'generic-assignment', key.generic2],
  ['Authorization header value', `headers = {"Authorization": "Bearer ${key.generic}"}`, 'generic-assignment', key.generic],
  ['Python annotated', `password: str = "${key.generic}"`, 'generic-assignment', key.generic],
  ['Kotlin typed', `private val apiKey: String = "${key.generic2}"`, 'generic-assignment', key.generic2],
  ['Go var with type', `var clientSecret string = "${key.generic}"`, 'generic-assignment', key.generic],
  ['indexed assignment', `ENV['SESSION_SECRET'] = '${key.generic}'`, 'generic-assignment', key.generic],
  ['PHP define()', `define('DB_PASSWORD', '${key.generic2}');`, 'generic-assignment', key.generic2],
  ['setenv-style call', `os.environ.setdefault("SECRET_KEY", "${key.generic}")`, 'generic-assignment', key.generic],
  ['C #define', `#define API_KEY "${key.generic2}"`, 'generic-assignment', key.generic2],
  ['Rust &str', `const API_KEY: &str = "${key.generic}";`, 'generic-assignment', key.generic],
  ['CLI flag', `mysql --password=${key.generic2} -h db`, 'generic-assignment', key.generic2],
  ['CLI flag, quoted', `tool login --token "${key.generic}"`, 'generic-assignment', key.generic],
  ['curl Authorization header', `curl -H "Authorization: Bearer ${key.generic2}" https://api`, 'generic-assignment', key.generic2],
  ['.http file header', `Authorization: Basic ${key.generic}`, 'generic-assignment', key.generic],
  ['docker-compose list env', `      - POSTGRES_PASSWORD=${key.generic2}`, 'generic-assignment', key.generic2],
  ['Dockerfile ENV', `ENV DB_PASSWORD=${key.generic}`, 'generic-assignment', key.generic],
  ['quoted KEY=value item', `  "API_TOKEN=${key.generic2}",`, 'generic-assignment', key.generic2],
  ['random letters only', `token = "${key.letters}"`, 'generic-assignment', key.letters],
];

describe('findSecrets: every rule', () => {
  it.each(positives)('%s', (_name, line, rule, value) => {
    const start = line.indexOf(value);
    expect(start).toBeGreaterThanOrEqual(0);
    const label = secretRules().find((r) => r.id === rule)?.label;
    expect(findSecrets(line)).toEqual([{ rule, label, start, end: start + value.length }]);
    expect(mayContainSecret(line)).toBe(true);
  });

  it('each case names a rule that exists (rules.test.ts covers every rule)', () => {
    const ids = new Set(secretRules().map((r) => r.id));
    expect(positives.map((c) => c[2]).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('finds several secrets on one line, in order, without overlaps', () => {
    const line = `AWS_ACCESS_KEY_ID=${key.awsId} password="${key.generic}" token="${key.ghp}"`;
    expect(findSecrets(line).map((m) => [m.rule, line.slice(m.start, m.end)])).toEqual([
      ['aws-access-key', key.awsId],
      ['generic-assignment', key.generic],
      ['github-token', key.ghp],
    ]);
  });

  it('reports a known token in a generic assignment once, under its own rule', () => {
    expect(findSecrets(`api_key = "${key.stripeLive}"`).map((m) => m.rule)).toEqual(['stripe-key']);
    expect(findSecrets(`token: "${key.jwt}"`).map((m) => m.rule)).toEqual(['jwt']);
  });
});

describe('findSecrets: recall on random keys of every shape', () => {
  const f = fakes(7);
  const shapes: [rule: string, make: () => [before: string, value: string, after: string]][] = [
    ['aws-access-key', () => ['id: ', 'AKIA' + f(16, B32), '']],
    ['aws-secret-key', () => ['aws_secret_access_key=', f(40, B64), '']],
    ['github-token', () => ['"', 'gh' + 'o_' + f(36), '"']],
    ['github-token', () => ['"', 'github_' + 'pat_' + f(22) + '_' + f(59), '"']],
    ['openai-key', () => ['key=', 'sk-' + 'proj-' + f(120, B64URL), '']],
    ['anthropic-key', () => ['key=', 'sk-' + 'ant-api03-' + f(93, B64URL), '']],
    ['cerebras-key', () => ['key=', 'c' + 'sk-' + f(48, HEX + 'ghijklmnopqrstuvwxyz'), '']],
    ['slack-token', () => ['(', 'xo' + 'xb-' + f(12, DIGITS) + '-' + f(13, DIGITS) + '-' + f(24), ')']],
    ['slack-webhook', () => ['<', 'https://hooks.slack.com/services/T' + f(10, B32) + '/B' + f(10, B32) + '/' + f(24), '>']],
    ['stripe-key', () => ["'", 'sk_' + 'live_' + f(24), "'"]],
    ['google-api-key', () => ['?key=', 'AI' + 'za' + f(35, B64URL), '&']],
    ['jwt', () => ['Bearer ', `${b64url({ alg: 'RS256', kid: f(8) })}.${b64url({ sub: f(12) })}.${f(86, B64URL)}`, '']],
    ['generic-assignment', () => ['password = "', f(24, B64), '"']],
    ['generic-assignment', () => ['SECRET_KEY=', f(64, HEX), '']],
    ['generic-assignment', () => ['  api_key: ', f(20), '']],
    ['generic-assignment', () => ['"auth_token": "', [8, 4, 4, 4, 12].map((n) => f(n, HEX)).join('-'), '"']],
  ];
  it.each(shapes)('%s: 200 random keys, all found', (rule, make) => {
    const missed: string[] = [];
    for (let i = 0; i < 200; i++) {
      const [before, value, after] = make();
      const found = findSecrets(before + value + after);
      const hit = found.length === 1 && found[0]!.rule === rule && found[0]!.start === before.length && found[0]!.end === before.length + value.length;
      if (!hit) missed.push(value);
    }
    expect(missed).toEqual([]);
  });
});

const placeholders = [
  'OPENAI_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'api_key = "sk-xxxxxxxxxxxxxxxx"',
  'OPENAI_API_KEY=sk-...',
  'token = "your-token-here"',
  'api_key: <your-api-key>',
  'apiKey: "<your-api-key>"',
  'password = "changeme"',
  'SECRET_KEY=changeme-in-production',
  'password: example',
  'client_secret = "example-client-secret-123"',
  'secret = "dummy-secret-value"',
  'token = "placeholder-token-123"',
  'password = "xxxxxxxxxxxx"',
  'password = "****************"',
  'password: "••••••••"',
  'token: ${{ secrets.GITHUB_TOKEN }}',
  'token = process.env.GITHUB_TOKEN',
  'password = os.environ["DB_PASSWORD"]',
  "password = os.getenv('DB_PASSWORD')",
  'DB_PASSWORD=$DB_PASSWORD',
  'API_KEY=${API_KEY}',
  'API_KEY="${API_KEY:-}"',
  "secret = ENV['APP_SECRET']",
  'password = input()',
  'token = getToken()',
  'const secret = await vault.read("kv/app");',
  'password: string',
  'token?: string;',
  'passwordField = "password"',
  'label = "Enter your password"',
  'secret_key_base = Rails.application.credentials.secret_key_base',
  'function getPassword(): string {',
  'def reset_password_token(user):',
  'password = "password"',
  'password = "Password123!"',
  'DB_PASSWORD: P@ssw0rd',
  'POSTGRES_PASSWORD: postgres',
  'admin_password = "admin12345"',
  'const id = "3fa85f64-5717-4562-b3fc-2c963f66afa6";',
  'commit 9fceb02d0ae598e95dc970b74767f19372d61af8',
  `logo = "data:image/png;base64,${fake(200, B64)}"`,
  '"auth": true,',
  'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE',
  'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  `GITHUB_TOKEN=gh${'p_'}${'x'.repeat(36)}`,
  `GITHUB_TOKEN=gh${'p_'}1234567890abcdefghijklmnopqrstuvwxyz`,
  `SLACK_WEBHOOK=https://hooks.slack.com/services/T00000000/B00000000/${'X'.repeat(24)}`,
  'SLACK_TOKEN=xoxb-your-bot-token-here',
  'Authorization: "Bearer ${token}"',
  'headers["Authorization"] = `Bearer ${token}`',
  'token: "{{ .Values.token }}"',
  'password: "%(password)s"',
  'password = "<password>"',
  "token='abcde12345'",
  '"subject_token": "subject_token_0",',
  "'secret': 'V1SecretProjection',",
  "credentials: 'google_oauth2.Credentials',",
  "STORAGE_V1_CLIENT_KEY = 'storage_v1_client'",
  'self.token = self._impersonated_credentials.token',
  'credentials: :class:`oauth2client.Credentials`',
  'docker login --password-stdin',
  'gh auth login --token=$GITHUB_TOKEN',
  'mysql --password "$DB_PASSWORD"',
  'Authorization: Bearer $TOKEN',
  'Authorization: Bearer <token>',
  '-H "Authorization: Bearer {{token}}"',
  '      - POSTGRES_PASSWORD=${POSTGRES_PASSWORD}',
  'ENV PASSWORD_FILE=/run/secrets/db_password',
  '--sasl-password=projects/12345/secrets/my-sasl-secret/versions/1',
  "  _GCE_VM_AUTH = '&authuser=0'",
  'Clear the auth token fields: `--oidc-service-account-email`,',
  "KEYWORDS = ['TKSmartCardToken', 'TKSmartCardTokenDriver', 'TKTokenKeychainItem']",
  'getattr(settings, "SECRET_KEY", "django-insecure-default-key")',
  'lastSignificantToken = "?InterpolationInTemplate";',
  'Url("http", auth="user%40email.com:password", host="example.com")',
  "seedPhraseSecret: '{__relative_name__}'",
  "ACCESS_KEY = 'AWSAccessKeyId'",
  '$ gcloud pubsub topics update t --topic-encryption-key=projects/PROJECT_ID/locations/global/keyRings/KEYRING/cryptoKeys/KEY',
  `connection_credential='{"username":"u","password":"p"}'`,
];

const nearMisses: [name: string, line: string][] = [
  ['AWS id one short', `"${key.awsId.slice(0, 19)}"`],
  ['AWS id inside a longer word', `X${key.awsId}9`],
  ['lower-case akia', `"${key.awsId.toLowerCase()}"`],
  ['GitHub token one short', `"${key.ghp.slice(0, 39)}"`],
  ['Google key one short', `"${key.google.slice(0, 38)}"`],
  ['publishable Stripe key', `"pk_${'live_'}${fake(24)}"`],
  ['CSS class with sk- prefix', '<div class="sk-folding-cube-animation-delay-2">'],
  ['task id', 'task-1234567890-abcdefghij-2024'],
  ['three eyJ segments that are not a JWT', `"eyJ${fake(20)}.${fake(20)}.${fake(20)}"`],
  ['comparison, not an assignment', `if password == "${key.generic}":`],
  ['inequality', `if (token !== "${key.generic}") {`],
  ['a key name, not a credential', `cache_key = "${key.generic}"`],
  ['pagination cursor', `"NextToken": "${key.generic}"`],
  ['a count', 'max_tokens = 4096'],
  ['a camelCase reference', 'password: userPassword1'],
  ['a property path', 'token: options.auth.token'],
  ['trailing comma: code', 'password: pwd1234567,'],
  ['an i18n key', 'password: "errors.password.tooShort"'],
  ['an error code', 'secret: "auth/invalid-client-secret"'],
  ['a path', 'secret: "/run/secrets/db_password"'],
  ['a URL', 'auth: "https://login.example.org/oauth2/authorize"'],
  ['a version', 'token: "v1.2.3-beta.4"'],
  ['a regex', 'password: "^(?=.*[A-Z])(?=.*\\\\d).{12,}$"'],
  ['a marker in code', `if (pem.startsWith('${pem('RSA ')}')) {`],
  ['a marker in a one-line string', `const HEADER = "${pem('')}\\n";`],
  ['a key with an elided body', `"private_key": "${pem('')}\\n...\\n${pem('', 'END')}\\n"`],
  ['publishable data', `"integrity": "sha512-${fake(86, B64)}=="`],
  ['a git SHA', `"commit": "${fake(40, HEX)}"`],
];

describe('findSecrets: no false positives', () => {
  it.each(placeholders)('placeholder: %s', (line) => {
    expect(findSecrets(line)).toEqual([]);
  });

  it.each(nearMisses)('near miss: %s', (_name, line) => {
    expect(findSecrets(line)).toEqual([]);
  });

  const dir = fileURLToPath(new URL('../../fixtures/secrets/ordinary/', import.meta.url));
  it.each(readdirSync(dir))('ordinary code: %s', (file) => {
    const text = readFileSync(dir + file, 'utf8');
    const hits = text.split('\n').flatMap((line, i) => findSecrets(line).map((m) => `${i + 1}: ${line.slice(m.start, m.end)}`));
    expect(hits).toEqual([]);
    expect(redactSecrets(text)).toBe(text);
  });
});

describe('mayContainSecret', () => {
  it('is false only when findSecrets finds nothing', () => {
    const lines = [...positives.map((c) => c[1]), ...placeholders, ...nearMisses.map((c) => c[1])];
    for (const line of lines) if (!mayContainSecret(line)) expect(findSecrets(line)).toEqual([]);
  });

  it('skips most ordinary lines', () => {
    const ordinary = ['const x = items.map((i) => i.id);', 'return { ok: true };', '    for i in range(10):', 'import os', '}'];
    expect(ordinary.filter(mayContainSecret)).toEqual([]);
  });
});

describe('maskSecrets', () => {
  it.each(positives)('%s: keeps at most 4 characters of the value', (_name, line, _rule, value) => {
    const masked = maskSecrets(line, findSecrets(line));
    const start = line.indexOf(value);
    const shown = Math.min(4, Math.floor(value.length / 4));
    expect(masked).toBe(`${line.slice(0, start)}${value.slice(0, shown)}****${line.slice(start + value.length)}`);
    expect(masked).not.toContain(value.slice(0, 5));
  });

  it('shows the AWS prefix and nothing more', () => {
    expect(maskSecrets(`id=${key.awsId}`, findSecrets(`id=${key.awsId}`))).toBe('id=AKIA****');
  });

  it('masks overlapping and unsorted matches as one', () => {
    const line = `x = ${key.generic}`;
    const matches = [
      { rule: 'b', label: 'b', start: 8, end: line.length },
      { rule: 'a', label: 'a', start: 4, end: 12 },
    ];
    expect(maskSecrets(line, matches)).toBe(`x = ${key.generic.slice(0, 4)}****`);
  });

  it('leaves a line without matches alone', () => {
    expect(maskSecrets('password: string', [])).toBe('password: string');
  });
});

describe('redactSecrets', () => {
  it.each(positives)('%s', (_name, line, _rule, value) => {
    const out = redactSecrets(`context\n${line}\nmore context`);
    expect(out).toContain('[REDACTED]');
    expect(out).not.toContain(value);
    expect(out.split('\n')).toHaveLength(3);
  });

  it('redacts a whole private-key block in a diff, keeping diff markers and indentation', () => {
    const diff = [
      'diff --git a/deploy/values.yaml b/deploy/values.yaml',
      '@@ -1,2 +1,10 @@',
      ' tls:',
      '+  key: |',
      `+    ${pem('RSA ')}`,
      '+    Proc-Type: 4,ENCRYPTED',
      ...keyBody.map((l) => `+    ${l}`),
      `+    ${pem('RSA ', 'END')}`,
      '+  cert: ./cert.pem',
      ` name: ${'app'}`,
    ].join('\n');
    const out = redactSecrets(diff).split('\n');
    expect(out.slice(0, 4)).toEqual(diff.split('\n').slice(0, 4));
    expect(out.slice(4, 13)).toEqual(Array(9).fill('+    [REDACTED]'));
    expect(out.slice(13)).toEqual(['+  cert: ./cert.pem', ' name: app']);
  });

  it('redacts removed and unindented key blocks, with CRLF, and keys without an END line', () => {
    const removed = [`-${pem('OPENSSH ')}\r`, ...keyBody.map((l) => `-${l}\r`), `-${pem('OPENSSH ', 'END')}\r`, ' after\r'].join('\n');
    expect(redactSecrets(removed)).toBe([...Array(8).fill('-[REDACTED]\r'), ' after\r'].join('\n'));
    const truncated = [`+${pem('')}`, `+${keyBody[0]!}`, `+${keyBody[1]!}`, '@@ -9,1 +9,1 @@'].join('\n');
    expect(redactSecrets(truncated)).toBe(['+[REDACTED]', '+[REDACTED]', '+[REDACTED]', '@@ -9,1 +9,1 @@'].join('\n'));
    const prose = [pem('RSA '), 'then paste the rest of the key here', 'and save the file.'].join('\n');
    expect(redactSecrets(prose)).toBe(['[REDACTED]', 'then paste the rest of the key here', 'and save the file.'].join('\n'));
  });

  it('redacts a key built from concatenated string lines', () => {
    const code = [`const key = "${pem('RSA ')}\\n" +`, ...keyBody.map((l) => `  "${l}\\n" +`), `  "${pem('RSA ', 'END')}\\n";`].join('\n');
    const out = redactSecrets(code);
    for (const l of keyBody) expect(out).not.toContain(l);
    expect(out.split('\n').at(-1)).toBe('  [REDACTED]\\n";');
  });

  it('redacts env-style lines behind a diff marker and every secret of a line', () => {
    expect(redactSecrets(`+DB_PASSWORD=${key.generic2}`)).toBe('+DB_PASSWORD=[REDACTED]');
    expect(redactSecrets(`+  api_key: ${key.generic}`)).toBe('+  api_key: [REDACTED]');
    expect(redactSecrets(`-x = ["${key.ghp}", "${key.google}"]`)).toBe('-x = ["[REDACTED]", "[REDACTED]"]');
  });

  it('keeps placeholders and ordinary text as they are', () => {
    const text = placeholders.map((l) => `+${l}`).join('\n');
    expect(redactSecrets(text)).toBe(text);
  });
});

describe('performance', () => {
  const dir = fileURLToPath(new URL('../../fixtures/secrets/ordinary/', import.meta.url));
  const corpus = readdirSync(dir).flatMap((f) => readFileSync(dir + f, 'utf8').split('\n'));

  it('scans 100,000 ordinary lines quickly', () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => corpus[i % corpus.length]!);
    const t0 = performance.now();
    let found = 0;
    for (const line of lines) if (mayContainSecret(line)) found += findSecrets(line).length;
    const ms = performance.now() - t0;
    console.log(`findSecrets: 100,000 lines in ${ms.toFixed(0)} ms`);
    expect(found).toBe(0);
    expect(ms).toBeLessThan(5000);
  });

  it('redacts 5 MB of diff quickly', () => {
    const chunk = [...corpus, `+password = "${key.generic}"`, `+${pem('RSA ')}`, ...keyBody.map((l) => `+${l}`), `+${pem('RSA ', 'END')}`].join('\n');
    const text = chunk.repeat(Math.ceil(5_000_000 / chunk.length));
    const t0 = performance.now();
    const out = redactSecrets(text);
    const ms = performance.now() - t0;
    console.log(`redactSecrets: ${(text.length / 1e6).toFixed(1)} MB in ${ms.toFixed(0)} ms`);
    expect(out).not.toContain(key.generic);
    expect(out).not.toContain(keyBody[0]);
    expect(ms).toBeLessThan(10_000);
  });
});
