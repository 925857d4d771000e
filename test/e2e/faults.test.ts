/**
 * Issue 9's attacks that need a whole commit: signals at random points of a run (seeded loop),
 * hooks run with an explicit GIT_DIR or through core.worktree, credentials of every shape in many
 * file types (gate on: blocked and masked everywhere; gate skipped: never sent to the model), and
 * a real package's two versions committed one over the other.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { binDir, installedRepo, type InstalledRepo } from '../helpers/installed.js';
import { cleanEnv, makeTempDir, run } from '../helpers/repo.js';
import { repoState, snapshotBase, snapshotFolders as snapshotsOf } from '../helpers/state.js';
import { READY, startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.js';
import { fakeKeys, fakes, pem } from '../helpers/credentials.js';

const repos: InstalledRepo[] = [];
const servers: FakeOpenAI[] = [];
const temps: string[] = [];
afterEach(() => {
  while (repos.length) repos.pop()!.remove();
  while (servers.length) servers.pop()!.stop();
  while (temps.length) fs.rmSync(temps.pop()!, { recursive: true, force: true });
});

function installed(config: object, files: Record<string, string> = {}): InstalledRepo {
  const repo = installedRepo({ extends: 'spark-guard/presets/recommended', ...config }, { 'a.txt': 'a\n', ...files });
  repos.push(repo);
  return repo;
}

const SEED = Number(process.env.SPARK_GUARD_TEST_SEED ?? 20261127);
const seeded = (seed: number) => {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const snapshotFolders = (repo: InstalledRepo) => snapshotsOf(repo.dir);

/** Processes whose working directory is in one of `dirs` (Linux /proc). */
function processesIn(dirs: string[]): number[] {
  const found: number[] = [];
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
      if (dirs.some((d) => cwd === d || cwd.startsWith(`${d}/`))) found.push(Number(pid));
    } catch {
      /* gone, or not ours */
    }
  }
  return found;
}

describe('signals at random points of a run (seeded loop)', () => {
  it('SIGINT, SIGINT twice, SIGTERM, SIGHUP and SIGKILL after random delays: nothing lost, nothing left after recovery', async () => {
    const random = seeded(SEED);
    // lint-staged and a command gate on the staged snapshot (unstaged edits force a copy): the run
    // passes through config, git, cheap gates, lint-staged, the snapshot and the gate.
    const repo = installed({
      lintStaged: { '*.txt': 'node -e "setTimeout(() => {}, 150)"' },
      gates: { slow: 'sleep 2' },
    });
    repo.write({ 'a.txt': 'staged\n', 'b.txt': 'new file\n' });
    repo.gitOk('add', 'a.txt', 'b.txt');
    repo.write({ 'a.txt': 'unstaged edit\n', 'u.txt': 'untracked\n' });
    const before = repoState(repo);
    const kinds = ['SIGINT', 'SIGINT twice', 'SIGTERM', 'SIGHUP', 'SIGKILL'] as const;
    for (let i = 0; i < 10; i++) {
      const kind = kinds[i % kinds.length]!;
      const delay = Math.floor(random() * 1600);
      const label = `seed ${SEED}, run ${i}: ${kind} after ${delay} ms`;
      // Ctrl-C and friends reach git and the hook together (the terminal's process group); SIGKILL
      // hits the hook alone, as an agent's runner killing it would (a killed git keeps its own locks).
      const child =
        kind === 'SIGKILL'
          ? spawn('npx', ['--no-install', 'spark-guard', 'run', 'pre-commit'], { cwd: repo.dir, env: cleanEnv(), detached: true, stdio: 'ignore' })
          : spawn('git', ['commit', '-m', 'a commit interrupted at a random point'], { cwd: repo.dir, env: cleanEnv(), detached: true, stdio: 'ignore' });
      const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
      await sleep(delay);
      const signal = kind === 'SIGINT twice' ? 'SIGINT' : kind;
      try {
        process.kill(-child.pid!, signal);
        if (kind === 'SIGINT twice') setTimeout(() => { try { process.kill(-child.pid!, 'SIGINT'); } catch { /* gone */ } }, 15);
      } catch {
        /* already gone */
      }
      const code = await closed;
      expect(code, label).not.toBe(0);
      // git returns at once on Ctrl-C; the hook still puts set-aside changes back for a few ms.
      // After SIGKILL, what the hook started in its own process groups (lint-staged, a gate) runs
      // on to its end, orphaned, and recovery comes after it, as it would for a user.
      for (let k = 0; k < 100 && processesIn([repo.dir, snapshotBase(repo.dir)]).length; k++) await sleep(100);
      if (kind === 'SIGKILL') {
        const doctor = repo.cli(['doctor']);
        expect(doctor.output, label).not.toContain('Error');
      }
      expect(repoState(repo), label).toEqual(before);
      expect(snapshotFolders(repo), label).toEqual([]);
      expect(fs.readdirSync(path.join(repo.dir, '.git')).filter((f) => f.endsWith('.lock')), label).toEqual([]);
      expect(fs.existsSync(path.join(repo.dir, '.git/spark-guard/lint.lock')), label).toBe(false);
    }
    // and the change still commits normally afterwards
    const r = repo.commit('the same change, not interrupted this time');
    expect(r.code, r.output).toBe(0);
    expect(repo.gitOk('show', 'HEAD:a.txt')).toBe('staged\n');
    expect(repo.read('a.txt')).toBe('unstaged edit\n');
  }, 120_000);
});

describe('unusual repository layouts', () => {
  it('a hook run with GIT_DIR and GIT_WORK_TREE set (git --git-dir … --work-tree …) judges the right repository', () => {
    const repo = installed({});
    const outside = makeTempDir('spark-guard-outside-');
    temps.push(outside);
    const env = { GIT_DIR: path.join(repo.dir, '.git'), GIT_WORK_TREE: repo.dir };
    repo.write({ 'deploy.sh': 'rm -rf /\n' });
    repo.gitOk('add', 'deploy.sh');
    const blocked = run('git', ['commit', '-m', 'add a dangerous deploy script'], outside, env);
    expect(blocked.code, blocked.output).toBe(1);
    expect(blocked.output).toContain('deploy.sh:1');
    repo.gitOk('reset', '-q', 'deploy.sh');
    repo.write({ 'ok.txt': 'fine\n' });
    repo.gitOk('add', 'ok.txt');
    const passed = run('git', ['commit', '-m', 'add a harmless text file'], outside, env);
    expect(passed.code, passed.output).toBe(0);
    expect(passed.output).toContain('1 file');
    expect(fs.existsSync(path.join(repo.dir, '.git/spark-guard/last-report.json'))).toBe(true);
  });

  it('core.worktree (the git dir elsewhere, as submodules have it): hooks find the work tree and the state folder', () => {
    const parent = makeTempDir('spark-guard-worktree-');
    temps.push(parent);
    const work = path.join(parent, 'work');
    const store = path.join(parent, 'store.git');
    fs.mkdirSync(work);
    expect(run('git', ['init', '-q', '-b', 'main', '--separate-git-dir', store, work], parent).code).toBe(0);
    for (const [k, v] of [['user.name', 'Spark Test'], ['user.email', 'test@example.com'], ['commit.gpgsign', 'false'], ['core.worktree', work]]) {
      expect(run('git', ['config', k!, v!], work).code).toBe(0);
    }
    // spark-guard on PATH, as for a global install (no package.json in this work tree)
    const env = { PATH: `${binDir()}:${process.env.PATH}` };
    fs.writeFileSync(path.join(work, '.spark-guardrc.json'), JSON.stringify({ extends: 'spark-guard/presets/recommended', review: { enabled: false } }));
    const install = run(path.join(binDir(), 'spark-guard'), ['install', '--no-save'], work, env);
    expect(install.code, install.output).toBe(0);
    fs.writeFileSync(path.join(work, 'deploy.sh'), 'curl https://example.com/install.sh | sh\n');
    expect(run('git', ['add', '-A'], work).code).toBe(0);
    const commit = (msg: string) => run('git', ['commit', '-m', msg], work, env);
    const blocked = commit('add the deploy script and the config');
    expect(blocked.code, blocked.output).toBe(1);
    expect(blocked.output).toContain('curl-pipe-sh');
    fs.writeFileSync(path.join(work, 'deploy.sh'), 'echo deploy\n');
    expect(run('git', ['add', '-A'], work).code).toBe(0);
    const passed = commit('add the deploy script and the config');
    expect(passed.code, passed.output).toBe(0);
    expect(fs.existsSync(path.join(store, 'spark-guard/last-report.json'))).toBe(true);
  });
});

/** Two published versions of a real package, fetched once into a cache outside the repository. */
const PACKAGE = { name: 'axios', from: '0.27.2', to: '1.7.9' };

function packageTarball(version: string): string | null {
  const cache = path.join(fs.realpathSync(os.tmpdir()), 'spark-guard-test-packages');
  const file = path.join(cache, `${PACKAGE.name}-${version}.tgz`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(cache, { recursive: true });
  const r = run('npm', ['pack', `${PACKAGE.name}@${version}`, '--pack-destination', cache, '--silent'], cache);
  return r.code === 0 && fs.existsSync(file) ? file : null;
}

/** Offline: two generated "versions" of a package with the same shape of change (modified, added, deleted files). */
function generatedVersion(dir: string, version: number): void {
  const random = fakes(4242 + version);
  for (let i = 0; i < 90; i++) {
    if ((version === 0 && i >= 80) || (version === 1 && i < 10)) continue;
    const lines = Array.from({ length: 300 }, (_, k) => (k % 3 === version ? `export const v${k} = '${random(20)}';` : `export const k${k} = ${k};`));
    fs.mkdirSync(path.join(dir, 'lib', `m${i % 9}`), { recursive: true });
    fs.writeFileSync(path.join(dir, 'lib', `m${i % 9}`, `f${i}.js`), `${lines.join('\n')}\n`);
  }
}

describe('a real package, one version committed over another', () => {
  it('counts are exact, the diff limit explains itself, gates 1–4 finish, and the review request stays within maxDiffTokens', async () => {
    const server = await startFakeOpenAI({ answer: READY });
    servers.push(server);
    const repo = installed({ review: { baseURL: server.url, timeoutMs: 5000, maxDiffTokens: 4000 } });
    const vendor = path.join(repo.dir, 'vendor', PACKAGE.name);
    const tarballs = [packageTarball(PACKAGE.from), packageTarball(PACKAGE.to)];
    const put = (k: 0 | 1) => {
      fs.rmSync(vendor, { recursive: true, force: true });
      fs.mkdirSync(vendor, { recursive: true });
      if (tarballs.every(Boolean)) expect(run('tar', ['-xzf', tarballs[k]!, '-C', vendor, '--strip-components=1'], repo.dir).code).toBe(0);
      else generatedVersion(vendor, k);
    };
    put(0);
    repo.gitOk('add', '-A');
    expect(repo.commit(`vendor ${PACKAGE.name} ${PACKAGE.from}`, { SPARK_GUARD: '0' }).code).toBe(0);
    put(1);
    repo.gitOk('add', '-A');

    const numstat = repo.gitOk('diff', '--cached', '--numstat', '-z').split('\0').filter((t) => t.includes('\t'));
    const expected = { files: numstat.length, lines: numstat.reduce((n, t) => { const [a, d] = t.split('\t'); return a === '-' ? n : n + Number(a) + Number(d); }, 0) };
    expect(expected.lines).toBeGreaterThan(5000);
    const gates = repo.cli(['check', '--staged', '--json', '--only', 'diff,files,banned,secrets']);
    const doc = JSON.parse(gates.stdout);
    expect(doc.diff).toEqual(expected);
    expect(doc.gates.find((g: { name: string }) => g.name === 'diff').status).toBe('fail');

    const r = repo.commit(`upgrade ${PACKAGE.name} to ${PACKAGE.to}`, { OPENAI_API_KEY: 'test-key-not-a-secret' });
    expect(r.code, r.output).toBe(1);
    expect(r.output).toContain(`${expected.lines} lines`);
    expect(r.output).toMatch(/limit|maxLines/);
    expect(r.output).toContain('git add -p');

    const review = repo.cli(['review', '--staged'], { OPENAI_API_KEY: 'test-key-not-a-secret' });
    expect(review.code, review.output).toBe(0);
    const req = server.requests().find((q) => q.method === 'POST')!;
    const text = `${req.body.instructions ?? ''}${req.body.input ?? JSON.stringify(req.body.messages)}`;
    expect(Math.ceil(text.length / 3)).toBeLessThanOrEqual(4000);
    expect(text).toMatch(/Left out of the diff below/);
  }, 120_000);
});

/** Credentials of every SPEC §4 shape, each in a file type where it is commonly found (values unique per file). */
function credentialCorpus(): { files: Record<string, string>; values: string[] } {
  const files: Record<string, string> = {};
  const values: string[] = [];
  const add = (file: string, lines: [line: string, ...secrets: string[]][]) => {
    files[file] = `${lines.map(([l]) => l).join('\n')}\n`;
    for (const [, ...secrets] of lines) values.push(...secrets);
  };
  const k = (seed: number) => fakeKeys(seed);
  let s = 100;
  const a = k(s++), b = k(s++), c = k(s++), d = k(s++), e = k(s++), f = k(s++), g = k(s++), h = k(s++), i = k(s++), j = k(s++), m = k(s++);
  add('.env.production', [
    [`AWS_ACCESS_KEY_ID=${a.awsId}`, a.awsId],
    [`AWS_SECRET_ACCESS_KEY="${a.awsSecret}"`, a.awsSecret],
    [`OPENAI_API_KEY=${a.openaiLegacy}`, a.openaiLegacy],
    [`ANTHROPIC_API_KEY=${a.anthropic}`, a.anthropic],
    [`DB_PASSWORD=${a.generic2}`, a.generic2],
  ]);
  add('config/aws.json', [[`{"AccessKeyId": "${b.awsSession}", "SecretAccessKey": "${b.awsSecret}"}`, b.awsSession, b.awsSecret]]);
  add('config/settings.yaml', [['github:', ''], [`  token: ${c.ghp}`, c.ghp], [`  api_key: ${c.generic2}`, c.generic2]]);
  add('app/client.py', [[`client = OpenAI(api_key="${d.openaiProj}")`, d.openaiProj], [`password = "${d.generic}"`, d.generic]]);
  add('cmd/main.go', [['func main() {', ''], [`\tpassword := "${e.generic}"`, e.generic], ['}', '']]);
  add('Dockerfile', [['FROM node:20', ''], [`ENV DB_PASSWORD=${f.generic}`, f.generic]]);
  add('infra/main.tf', [['resource "db" "main" {', ''], [`  password = "${g.generic}"`, g.generic], ['}', '']]);
  add('src/main/resources/application.properties', [[`spring.datasource.password=${h.generic2}`, h.generic2]]);
  add('scripts/deploy.sh', [
    [`curl -H "Authorization: Bearer ${i.jwt}" https://api.example.com/deploy`, i.jwt],
    [`export CEREBRAS_API_KEY=${i.cerebras}`, i.cerebras],
    [`SLACK_BOT_TOKEN=${i.slackBot}`, i.slackBot],
  ]);
  add('docs/alerts.md', [[`Post alerts to <${j.webhook}>.`, j.webhook]]);
  add('src/services.ts', [
    [`const pat = '${j.ghPat}';`, j.ghPat],
    [`const k = \`${j.openaiSvc}\`;`, j.openaiSvc],
    [`export const firebase = { apiKey: "${j.google}" };`, j.google],
    [`const slackUser = { token: "${j.slackUser}" };`, j.slackUser],
  ]);
  add('billing/stripe.rb', [[`Stripe::api_key = '${m.stripeLive}'`, m.stripeLive], [`RESTRICTED = "${m.stripeRestricted}"`, m.stripeRestricted]]);
  add('docker-compose.yml', [[`      - DATABASE_URL=postgres://app:${m.generic}@db.internal/app`, m.generic]]);
  const body = Array.from({ length: 5 }, (_, n) => fakes(900 + n)(64, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'));
  add('deploy/id_rsa', [[pem('RSA '), ...body], ...body.map((l) => [l] as [string]), [pem('RSA ', 'END')]]);
  return { files, values: values.filter(Boolean) };
}

/** Look-alikes that must not block: hashes, ids, a base64 image, placeholders, look-ups. */
const NEAR_MISSES: Record<string, string> = {
  'src/near.ts': [
    `export const commit = '${'3f786850e387550fdab836ed7e6dc881de23001b'}';`,
    `export const digest = 'sha256-${'47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='}';`,
    `export const id = '${'123e4567-e89b-12d3-a456-426614174000'}';`,
    `const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });`,
    `const key = 'sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';`,
    `const token = 'your-token-here';`,
    `const logo = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';`,
  ].join('\n') + '\n',
  '.github/workflows/ci.yml': 'env:\n  NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n  password: ${{ secrets.DB_PASSWORD }}\n',
  'package-lock.json': '{ "integrity": "sha512-LhLcE7Hbiryz8oMDdDptSrWowmB4Bl6RCt6sIJKpRB4XtVf0iEgewX3au/pJqm+Py1kCASkb/FFKjxQaLtxJvw==" }\n',
};

describe('credentials in many file types', () => {
  it('every credential blocks and is masked in every output; no near-miss blocks', () => {
    const repo = installed({ review: { enabled: false }, diff: { maxLines: false, maxFiles: false } });
    const { files, values } = credentialCorpus();
    repo.write(NEAR_MISSES);
    repo.gitOk('add', '-A');
    const clean = repo.cli(['check', '--staged', '--json', '--only', 'secrets']);
    expect(JSON.parse(clean.stdout).gates[0].status, clean.stdout).toBe('pass');
    repo.write(files);
    repo.gitOk('add', '-A');
    const check = repo.cli(['check', '--staged', '--json', '--only', 'secrets']);
    const doc = JSON.parse(check.stdout);
    const flagged = new Set(doc.gates[0].findings.map((x: { file: string }) => x.file));
    expect([...flagged].sort()).toEqual(Object.keys(files).sort());
    expect(doc.gates[0].findings.filter((x: { file: string }) => Object.keys(NEAR_MISSES).includes(x.file))).toEqual([]);
    const r = repo.commit('add the service configuration');
    expect(r.code, r.output).toBe(1);
    const outputs = { 'check --json': check.output, commit: r.output, 'last-report.md': repo.read('.git/spark-guard/last-report.md'), 'last-report.json': repo.read('.git/spark-guard/last-report.json') };
    for (const [where, text] of Object.entries(outputs)) {
      for (const value of values) expect(text.includes(value), `${where} shows ${value.slice(0, 12)}…`).toBe(false);
    }
  });

  it('with the secrets gate skipped and the review on, no request reaching the model holds any credential', async () => {
    const server = await startFakeOpenAI({ answer: READY });
    servers.push(server);
    const repo = installed({ review: { baseURL: server.url, timeoutMs: 5000, maxDiffTokens: 16000 }, diff: { maxLines: false, maxFiles: false } });
    const { files, values } = credentialCorpus();
    repo.write({ ...files, ...NEAR_MISSES });
    repo.gitOk('add', '-A');
    // files too: .env.* is a protected path, and the review runs only when no cheap gate blocked
    const r = repo.commit('add the service configuration', { OPENAI_API_KEY: 'test-key-not-a-secret', SPARK_GUARD_SKIP: 'secrets,files' });
    expect(r.code, r.output).toBe(0);
    const requests = server.requests().filter((q) => q.method === 'POST');
    expect(requests.length).toBeGreaterThan(0);
    const sent = JSON.stringify(requests.map((q) => q.body));
    for (const value of values) expect(sent.includes(value), `request holds ${value.slice(0, 12)}…`).toBe(false);
    // the files themselves were sent (redacted), not left out
    for (const file of Object.keys(files)) expect(sent).toContain(file);
  });
});

describe('a submodule pointer change through the hooks', () => {
  it('commits the new pointer with a gate on the snapshot, and loses nothing', () => {
    const repo = installed({ gates: { tree: 'test -f a.txt' } });
    const subDir = makeTempDir('spark-guard-sub-');
    temps.push(subDir);
    const git = (cwd: string, ...args: string[]) => {
      const r = run('git', ['-c', 'protocol.file.allow=always', '-c', 'user.name=Sub', '-c', 'user.email=sub@example.com', ...args], cwd);
      expect(r.code, r.output).toBe(0);
      return r.stdout.trim();
    };
    git(subDir, 'init', '-q', '-b', 'main');
    fs.writeFileSync(path.join(subDir, 'lib.txt'), 'v1\n');
    git(subDir, 'add', '-A');
    git(subDir, 'commit', '-q', '-m', 'v1');
    git(repo.dir, 'submodule', 'add', '-q', subDir, 'vendor/sub');
    expect(repo.commit('add the vendored submodule', { SPARK_GUARD: '0' }).code).toBe(0);
    const inner = path.join(repo.dir, 'vendor/sub');
    fs.writeFileSync(path.join(inner, 'lib.txt'), 'v2\n');
    git(inner, 'commit', '-q', '-am', 'v2');
    const pointer = git(inner, 'rev-parse', 'HEAD');
    repo.gitOk('add', 'vendor/sub');
    repo.write({ 'a.txt': 'an unstaged edit\n', 'notes.txt': 'untracked\n' });
    const before = repoState(repo);
    const r = repo.commit('move the vendored submodule to v2');
    expect(r.code, r.output).toBe(0);
    expect(r.output).toMatch(/✓ tree\s+pass/);
    expect(fs.existsSync(snapshotBase(repo.dir)), 'the snapshot folder, and its empty parent, are gone').toBe(false);
    expect(repo.gitOk('ls-tree', 'HEAD', 'vendor/sub')).toContain(`160000 commit ${pointer}`);
    const after = repoState(repo);
    expect(after.unstaged).toBe(before.unstaged);
    expect(after.untracked).toEqual(before.untracked);
    expect(after.stash).toBe(before.stash);

    // diff.submodule=log (user config, passed down by `git -c`) must not shift the patch sections:
    // a credential in the file after the submodule is still found.
    fs.writeFileSync(path.join(inner, 'lib.txt'), 'v3\n');
    git(inner, 'commit', '-q', '-am', 'v3');
    repo.gitOk('add', 'vendor/sub');
    repo.write({ 'z.js': `export const id = "${fakeKeys(77).awsId}";\n` });
    repo.gitOk('add', 'z.js');
    const blocked = run('git', ['-c', 'diff.submodule=log', 'commit', '-m', 'move the submodule and add a module'], repo.dir);
    expect(blocked.code, blocked.output).toBe(1);
    expect(blocked.output).toContain('z.js:1');
  });
});

describe('sub-folder configs', () => {
  it('an untracked (or ignored) sub-folder config cannot change the rules of a commit', () => {
    const repo = installed({}, { '.gitignore': 'node_modules\npkg/.spark-guardrc.json\n' });
    repo.write({ 'pkg/.spark-guardrc.json': JSON.stringify({ secrets: false }), 'pkg/a.js': `export const id = "${fakeKeys(78).awsId}";\n` });
    repo.gitOk('add', 'pkg/a.js');
    const r = repo.commit('add the package module');
    expect(r.code, r.output).toBe(1);
    expect(r.output).toContain('pkg/a.js:1');
  });
});
