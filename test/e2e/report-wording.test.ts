/** Issue 14.9: what the reports say must fit what was judged (a range is not a local commit; a blocked commit is not "ready"). */
import { afterEach, describe, expect, it } from 'vitest';
import { installedRepo, type InstalledRepo } from '../helpers/installed.js';
import { READY, startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.js';

const repos: InstalledRepo[] = [];
const servers: FakeOpenAI[] = [];
afterEach(() => {
  while (repos.length) repos.pop()!.remove();
  while (servers.length) servers.pop()!.stop();
});
function repoWith(config: object): InstalledRepo {
  const repo = installedRepo({ extends: 'spark-guard/presets/recommended', ...config });
  repos.push(repo);
  return repo;
}
const lines = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag} ${i}`).join('\n') + '\n';

describe('check --range', () => {
  it('gives no local-commit hints, and names the largest files of each oversized commit apart', () => {
    const repo = repoWith({ review: { enabled: false }, diff: { maxLines: 20 } });
    const base = repo.gitOk('rev-parse', 'HEAD').trim();
    const quiet = { SPARK_GUARD: '0' };
    repo.write({ 'first-big.txt': lines(30, 'a') });
    repo.gitOk('add', '-A');
    expect(repo.commit('the first oversized commit', quiet).code).toBe(0);
    repo.write({ 'second-big.txt': lines(40, 'b') });
    repo.gitOk('add', '-A');
    expect(repo.commit('wip', quiet).code).toBe(0);

    const r = repo.cli(['check', '--range', `${base}..HEAD`]);
    expect(r.code).toBe(1);
    expect(r.output).not.toContain('git restore --staged');
    expect(r.output).not.toContain('Your message is kept');
    expect(r.output).not.toMatch(/Largest: [^\n]*first-big[^\n]*second-big|Largest: [^\n]*second-big[^\n]*first-big/);
    expect(r.output).toMatch(/Largest in [0-9a-f]{7}[^\n]*: first-big\.txt \(30\)/);
    expect(r.output).toMatch(/Largest in [0-9a-f]{7}[^\n]*: second-big\.txt \(40\)/);
    expect(r.output).toContain('git rebase -i');
  });
});

describe('the readiness report reflects the gates', () => {
  it('a commit blocked by a failing gate is never reported as ready, even when the model says so', async () => {
    const server = await startFakeOpenAI({ answer: READY });
    servers.push(server);
    const repo = repoWith({ review: { baseURL: server.url }, gates: { test: 'echo "1 test failed"; exit 1' } });
    repo.write({ 'src/a.js': 'export const a = 1;\n' });
    repo.gitOk('add', '-A');
    const r = repo.commit('add the a module to the project', { OPENAI_API_KEY: 'test-key-not-a-secret' });
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/✗ test\s+fail/);
    expect(r.output).not.toMatch(/: ready —/);
    expect(r.output).toMatch(/: blocked by test \(the review alone: ready\)/);
    const report = JSON.parse(repo.read('.git/spark-guard/last-report.json'));
    expect(report.review.verdict).toBe('blocked');
    expect(report.review.modelVerdict).toBe('ready');
    // One file is "1 file" in the Markdown report too.
    expect(repo.read('.git/spark-guard/last-report.md')).toContain('1 file, 1 line');
  });

  it('`review --staged` says it is the review', async () => {
    const server = await startFakeOpenAI({ answer: READY });
    servers.push(server);
    const repo = repoWith({ review: { baseURL: server.url } });
    repo.write({ 'src/a.js': 'export const a = 1;\n' });
    repo.gitOk('add', '-A');
    const r = repo.cli(['review', '--staged'], { OPENAI_API_KEY: 'test-key-not-a-secret' });
    expect(r.code, r.output).toBe(0);
    expect(r.stdout).toMatch(/^spark-guard review --staged · 1 file, 1 line/);
  });
});
