/**
 * Every rule, table-driven: a credential generated in the provider's format is found in every file
 * shape, at its exact place and under its own rule; near misses pass; output is masked; redaction
 * removes it. The generic rule's key names, shapes and passphrases, and the false alarms of issue 16.
 */
import { describe, expect, it } from 'vitest';
import { findSecrets, findSecretsInLines, maskSecrets, redactSecrets, secretRules } from '../../../src/secrets/detect.js';
import { checksumHolds } from '../../../src/secrets/rules.js';
import { ALNUM, B64, fakes, pem } from '../../helpers/credentials.js';
import { camel, KEEPS_KEY, keyOf, nearMisses, ruleSamples, SHAPES, withChecksum } from '../../helpers/secret-corpus.js';

const samples = ruleSamples(20261206);
const numbered = (lines: string[]) => lines.map((text, i) => ({ text, line: i + 1 }));

/** The matches on the last line that holds `value` (a shape's value line). */
function findIn(lines: string[], value: string) {
  let at = lines.length - 1;
  while (at > 0 && !lines[at]!.includes(value)) at--;
  return { line: lines[at]!, found: findSecretsInLines(numbered(lines))[at]! };
}

describe('every rule: a generated credential in every file shape', () => {
  const cases = samples.flatMap((s) =>
    SHAPES.filter((shape) => !s.fixedKey || KEEPS_KEY.has(shape.name)).map((shape) => [s.rule, shape.name, s, shape] as const),
  );
  it.each(cases)('%s in %s', (rule, _name, s, shape) => {
    const lines = shape.lines(keyOf(s), s.value);
    const { line, found } = findIn(lines, s.value);
    const want = s.found ?? s.value;
    const start = line.indexOf(want);
    expect(found.map((m) => [m.rule, line.slice(m.start, m.end)])).toContainEqual([rule, want]);
    expect(found.find((m) => m.rule === rule)).toMatchObject({ start, end: start + want.length });
  });

  it('covers every rule id', () => {
    const tested = new Set([...samples.map((s) => s.rule), 'private-key', 'curl-user', 'kubernetes-secret', 'generic-assignment']);
    expect(secretRules().map((r) => r.id).filter((id) => !tested.has(id))).toEqual([]);
  });

  it('a token rule finds its token bare, with nothing around it but prose', () => {
    const missed = samples
      .filter((s) => !s.key && !s.found && s.rule !== 'google-api-key')
      .filter((s) => !findSecrets(`see ${s.value} for access`).some((m) => m.rule === s.rule));
    expect(missed.map((s) => s.rule)).toEqual([]);
  });
});

describe('every rule: near misses pass', () => {
  it.each(nearMisses(samples))('%s: %s', (_rule, line) => {
    expect(findSecrets(line)).toEqual([]);
  });

  it('a provider keyword inside another word names nothing (sumOfExposures, rookTable, SetSysctl)', () => {
    const f = fakes(3);
    for (const line of [`sumOfExposures = ${f(64, 'abcdef0123456789')};`, `rookTable = "00${f(40)}"`, `SetSysctl = "${f(24, 'abcdefghijklmnopqrstuvwxyz0123456789')}"`, `ReactNativeCameraKit: ${f(40, 'abcdef0123456789')}`]) {
      expect(findSecrets(line), line).toEqual([]);
    }
  });
});

describe('checksums', () => {
  const f = fakes(11);
  it('GitHub and npm tokens carry a CRC32 of their random part', () => {
    for (let i = 0; i < 50; i++) expect(checksumHolds(withChecksum(f(30)))).toBe(true);
    const good = withChecksum(f(30));
    const bad = good.slice(0, 35) + (good[35] === 'a' ? 'b' : 'a');
    expect(checksumHolds(bad)).toBe(false);
  });

  it('a token whose checksum holds is found even when it looks like words; a look-alike is not', () => {
    const wordy = 'thisisjustlowercaselettersforthe'.slice(0, 30);
    expect(findSecrets(`t = "${'gh' + 'p_'}${withChecksum(wordy)}"`).map((m) => m.rule)).toEqual(['github-token']);
    expect(findSecrets(`t = "${'gh' + 'p_'}${wordy}abcdef"`)).toEqual([]);
  });
});

describe('the generic rule', () => {
  const f = fakes(5);
  const value = f(24, ALNUM);
  const keys = ['password2', 'dbPasswordProd', 'client_secret_v2', 'API_TOKEN_OLD', 'SMTP_PASSWORD_STAGING', 'creds'];
  const cases = keys.flatMap((key) => SHAPES.map((shape) => [key, shape.name, shape] as const));
  it.each(cases)('key %s in %s', (key, _name, shape) => {
    const lines = shape.lines(key.toUpperCase() === key ? key : key, value);
    const { line, found } = findIn(lines, value);
    expect(found.map((m) => line.slice(m.start, m.end))).toEqual([value]);
  });

  it.each(['correct-horse-battery-staple-9', 'purple monkey dishwasher lamp', 'Tangerine-Orbit-Velvet-Canyon'])('a passphrase of words: %s', (phrase) => {
    expect(findSecrets(`password = "${phrase}"`).map((m) => m.rule)).toEqual(['generic-assignment']);
    expect(findSecrets(`DB_PASSPHRASE: "${phrase}"`).map((m) => m.rule)).toEqual(['generic-assignment']);
  });

  it.each([
    'password = "the-password-goes-here"',
    'token = "correct-horse-battery-staple"',
    'password = "admin-password-test-secret"',
    'password = "change-me-in-production-now"',
  ])('words that are no passphrase, or not under a password key: %s', (line) => {
    expect(findSecrets(line)).toEqual([]);
  });

  it('curl -H with a credential header and -u user:password, on the curl line or a continuation line', () => {
    const key = f(32, 'abcdef0123456789');
    const pass = f(16);
    for (const [line, want] of [
      [`curl -H "X-Api-Key: ${key}" https://api`, key],
      [`  --header 'Authorization: Api-Token ${key}' \\`, key],
      [`  -H "Token: ${key}"`, key],
      [`curl -u deploy:${pass} https://ci`, `deploy:${pass}`],
      [`  --user "deploy:${pass}" \\`, `deploy:${pass}`],
    ] as const) {
      const found = findSecrets(line);
      expect(found.map((m) => line.slice(m.start, m.end)), line).toEqual([want]);
    }
    for (const line of ['curl -u <user:password> https://x', 'curl --user neo4j:[PASSWORD] http://db', 'curl -u "$USER:$PASS" https://x', 'git push -u origin main', '-H "Content-Type: application/json"']) {
      expect(findSecrets(line), line).toEqual([]);
    }
  });
});

describe('false alarms of issue 16 pass', () => {
  const f = fakes(9);
  it.each([
    ['a Slack placeholder', 'xo' + 'xe.xoxp-1-RANDOMSTRINGHERE'],
    ['a Slack placeholder in words', 'xo' + 'xe.xoxp-1-SlackAppConfigurationAccessTokenHere'],
    ['a Slack token with a masked secret', `"token": "${'xo' + 'xp-'}${f(12, '0123456789')}-${f(12, '0123456789')}-${f(12, '0123456789')}-####################"`],
    ['a name that says it does not match', `nonMatchingToken := "${f(24)}"`],
    ['a public token', `publicToken = "${f(43)}"`],
    ['an example key', `exampleKey: "${f(32)}"`],
    ['a sample secret', `SAMPLE_SECRET=${f(32)}`],
    ['a Rails authenticity_token input', `<input type="hidden" name="authenticity_token" value="${f(86, ALNUM + '-_')}" autocomplete="off" />`],
    ['a short value under a key name', 'SUMO_ACCESS_KEY: AbCeFG123'],
    ['a bot token of the wrong shape', `telegram_api_token = "${f(17, '0123456789')}:A${f(34)}"`],
    ['a Google key alone on a line of a document', 'AI' + 'za' + f(35)],
  ])('%s', (_name, line) => {
    expect(findSecrets(line)).toEqual([]);
  });

  it("a Firebase web config's apiKey (published by design); the same key elsewhere is flagged", () => {
    const key = 'AI' + 'za' + f(35);
    const config = ['const firebaseConfig = {', `  apiKey: "${key}",`, '  authDomain: "acme-app.firebaseapp.com",', '  projectId: "acme-app",', '};'];
    expect(findSecretsInLines(numbered(config)).flat()).toEqual([]);
    expect(findSecretsInLines(numbered([`GEMINI_API_KEY=${key}`])).flat().map((m) => m.rule)).toEqual(['google-api-key']);
  });

  it('a private-key block whose body is not key material; a real block is flagged', () => {
    const empty = [pem(''), 'anything', pem('', 'END')];
    expect(findSecretsInLines(numbered(empty)).flat()).toEqual([]);
    const real = [pem(''), ...Array.from({ length: 4 }, () => f(64, B64)), pem('', 'END')];
    expect(findSecretsInLines(numbered(real))[0]!.map((m) => m.rule)).toEqual(['private-key']);
  });

  it('a Kubernetes Secret: its data is flagged, in its own document only; a ConfigMap is not', () => {
    const data = Buffer.from(f(24)).toString('base64');
    const secret = ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: db', 'data:', `  password: ${data}`, '  .dockercfg: |', `    ${data}`, '---', 'kind: ConfigMap', 'data:', `  colour: ${data}`];
    const found = findSecretsInLines(numbered(secret));
    expect(found.flatMap((m, i) => m.map((x) => [i + 1, x.rule, secret[i]!.slice(x.start, x.end)]))).toEqual([
      [6, 'kubernetes-secret', data],
      [8, 'kubernetes-secret', data],
    ]);
    expect(findSecretsInLines(numbered(['kind: Secret', 'data:', '  extra: YmFyCg==']))[2]).toEqual([]);
  });
});

describe('masked output and redaction, every rule', () => {
  it.each(samples.map((s) => [s.rule, s] as const))('%s', (_rule, s) => {
    const line = `${s.key ?? 'DEPLOY_TOKEN'}=${s.value}`;
    const found = findSecrets(line);
    const want = s.found ?? s.value;
    expect(found.length).toBeGreaterThan(0);
    const masked = maskSecrets(line, found);
    expect(masked).not.toContain(want.slice(0, 8));
    expect(masked).toContain('****');
    const redacted = redactSecrets(`+${line}`);
    expect(redacted).not.toContain(want);
    expect(redacted).toContain('[REDACTED]');
  });

  it("redacts an XML value below its tag, in a diff", () => {
    const s = samples.find((x) => x.rule === 'twitter-key')!;
    const diff = [`+<${camel(s.key!)}>`, `+    ${s.value}`, `+</${camel(s.key!)}>`].join('\n');
    expect(redactSecrets(diff)).toBe([`+<${camel(s.key!)}>`, '+    [REDACTED]', `+</${camel(s.key!)}>`].join('\n'));
  });
});
