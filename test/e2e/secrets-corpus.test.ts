/**
 * The secrets corpus of test/helpers/secret-corpus.ts through the packed package and real hooks:
 * every rule's generated credential, each in a file shape (rotating through all of them), is found
 * at its file:line by `check` and blocks a real `git commit`; no output shows it; with the gate
 * skipped, no request to the model holds it. Near misses and the false alarms of issue 16 pass.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { installedRepo, type InstalledRepo } from '../helpers/installed.js';
import { READY, startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.js';
import { B64, fakes, pem } from '../helpers/credentials.js';
import { KEEPS_KEY, keyOf, nearMisses, ruleSamples, SHAPES } from '../helpers/secret-corpus.js';

const repos: InstalledRepo[] = [];
const servers: FakeOpenAI[] = [];
afterAll(() => {
  while (repos.length) repos.pop()!.remove();
  while (servers.length) servers.pop()!.stop();
});

/** Each sample in the next shape that can hold it; the expected `file:line`s and the secret values. */
function corpus() {
  const samples = ruleSamples(424242);
  const files: Record<string, string[]> = {};
  const expected = new Set<string>();
  const secrets: string[] = [];
  samples.forEach((s, i) => {
    let shape = SHAPES[i % SHAPES.length]!;
    for (let j = 1; s.fixedKey && !KEEPS_KEY.has(shape.name); j++) shape = SHAPES[(i + j) % SHAPES.length]!;
    const lines = shape.lines(keyOf(s), s.value);
    const file = (files[shape.file] ??= []);
    const at = file.length + lines.findIndex((l) => l.includes(s.value)) + 1;
    file.push(...lines, '');
    expected.add(`${shape.file}:${at}`);
    secrets.push(s.found ?? s.value);
  });
  const f = fakes(77);
  const body = Array.from({ length: 4 }, () => f(64, B64));
  files['deploy/tls.key'] = [pem(''), ...body, pem('', 'END')];
  expected.add('deploy/tls.key:1');
  secrets.push(...body);
  const data = Buffer.from(f(24)).toString('base64');
  files['k8s/db-secret.yaml'] = ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: db', 'data:', `  password: ${data}`];
  expected.add('k8s/db-secret.yaml:6');
  secrets.push(data);
  const text = Object.fromEntries(Object.entries(files).map(([name, lines]) => [name, `${lines.join('\n')}\n`]));
  return { files: text, expected, secrets, samples };
}

function passes(samples: ReturnType<typeof ruleSamples>): Record<string, string> {
  const f = fakes(99);
  const google = 'AI' + 'za' + f(35);
  return {
    'notes/near-misses.txt': `${nearMisses(samples).map(([, line]) => line).join('\n')}\n`,
    'web/firebase.js': ['const firebaseConfig = {', `  apiKey: "${google}",`, '  authDomain: "acme-app.firebaseapp.com",', '};', ''].join('\n'),
    'web/form.html': `<input type="hidden" name="authenticity_token" value="${f(86)}" autocomplete="off" />\n`,
    'docs/slack.md': `Configure ${'xo' + 'xe.xoxp-1-RANDOMSTRINGHERE'} or ${'xo' + 'xe.xoxp-1-SlackAppConfigurationAccessTokenHere'}.\n`,
    'cmd/names.go': [`nonMatchingToken := "${f(24)}"`, `publicToken := "${f(43)}"`, `exampleKey := "${f(32)}"`, ''].join('\n'),
    'keys/empty.pem': [pem(''), 'anything', pem('', 'END'), ''].join('\n'),
    'k8s/config.yaml': ['kind: ConfigMap', 'data:', `  colour: ${Buffer.from(f(24)).toString('base64')}`, ''].join('\n'),
  };
}

describe('the secrets corpus through a real commit', () => {
  it('near misses pass; every credential is found at its file:line, blocks the commit, and is never shown', () => {
    const repo = installedRepo({ extends: 'spark-guard/presets/recommended', review: { enabled: false }, diff: { maxLines: false, maxFiles: false } });
    repos.push(repo);
    const { files, expected, secrets, samples } = corpus();
    repo.write(passes(samples));
    repo.gitOk('add', '-A');
    const clean = repo.cli(['check', '--staged', '--json', '--only', 'secrets']);
    expect(JSON.parse(clean.stdout).gates[0], clean.stdout).toMatchObject({ status: 'pass' });

    repo.write(files);
    repo.gitOk('add', '-A');
    const check = repo.cli(['check', '--staged', '--json', '--only', 'secrets']);
    const gate = JSON.parse(check.stdout).gates[0];
    const flagged = new Set<string>(gate.findings.map((x: { file: string; line: number }) => `${x.file}:${x.line}`));
    expect([...expected].filter((at) => !flagged.has(at)), 'missed').toEqual([]);
    expect([...flagged].filter((at) => !expected.has(at)), 'flagged besides the corpus').toEqual([]);
    const rules = new Set(gate.findings.map((x: { rule: string }) => x.rule));
    expect(samples.map((s) => s.rule).filter((r) => !rules.has(r)), 'rules not reported').toEqual([]);

    const r = repo.commit('add the service configuration');
    expect(r.code, r.output).toBe(1);
    expect(r.output).toContain('secrets');
    const outputs = { check: check.output, commit: r.output, 'last-report.md': repo.read('.git/spark-guard/last-report.md'), 'last-report.json': repo.read('.git/spark-guard/last-report.json') };
    for (const [where, text] of Object.entries(outputs)) {
      for (const secret of secrets) expect(text.includes(secret) || text.includes(secret.slice(-10)), `${where} shows ${secret.slice(0, 6)}…`).toBe(false);
    }
  });

  it('with the secrets gate skipped and the review on, no request to the model holds any of them', async () => {
    const server = await startFakeOpenAI({ answer: READY });
    servers.push(server);
    const repo = installedRepo({
      extends: 'spark-guard/presets/recommended',
      review: { baseURL: server.url, timeoutMs: 10000, maxDiffTokens: 60000 },
      diff: { maxLines: false, maxFiles: false },
    });
    repos.push(repo);
    const { files, secrets } = corpus();
    repo.write(files);
    repo.gitOk('add', '-A');
    const r = repo.commit('add the service configuration', { OPENAI_API_KEY: 'test-key-not-a-secret', SPARK_GUARD_SKIP: 'secrets,files' });
    expect(r.code, r.output).toBe(0);
    const sent = JSON.stringify(server.requests().filter((q) => q.method === 'POST').map((q) => q.body));
    for (const file of Object.keys(files)) expect(sent, `${file} was sent`).toContain(file);
    for (const secret of secrets) expect(sent.includes(secret), `a request holds ${secret.slice(0, 6)}…`).toBe(false);
  });
});
