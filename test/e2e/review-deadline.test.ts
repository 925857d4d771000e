/** Issue 14.6: a hanging model must not hold the commit for the whole review.timeoutMs. */
import { afterEach, describe, expect, it } from 'vitest';
import { installedRepo, type InstalledRepo } from '../helpers/installed.js';
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.js';

const repos: InstalledRepo[] = [];
const servers: FakeOpenAI[] = [];
afterEach(() => {
  while (repos.length) repos.pop()!.remove();
  while (servers.length) servers.pop()!.stop();
});

describe('review: the first-byte deadline', () => {
  it('an endpoint that sends nothing fails after firstByteMs, not timeoutMs, and the report says the review timed out', async () => {
    const server = await startFakeOpenAI({ mode: 'hang' });
    servers.push(server);
    const repo = installedRepo({ extends: 'spark-guard/presets/recommended', review: { baseURL: server.url, firstByteMs: 1000, timeoutMs: 60000 } });
    repos.push(repo);
    repo.write({ 'src/a.js': 'export const a = 1;\n' });
    repo.gitOk('add', '-A');
    const r = repo.commit('add the a module to the project', { OPENAI_API_KEY: 'test-key-not-a-secret' });
    expect(r.code, r.output).toBe(0);
    expect(r.output).toMatch(/! review\s+warn[^\n]*review unavailable: timed out: no first byte within 1000 ms \(review\.firstByteMs\)/);
    const report = JSON.parse(repo.read('.git/spark-guard/last-report.json'));
    expect(report.gates.find((g: { name: string }) => g.name === 'review').message).toContain('timed out');
  });

  it('firstByteMs is validated like timeoutMs', () => {
    const repo = installedRepo({ review: { enabled: false } });
    repos.push(repo);
    repo.write({ '.spark-guardrc.json': JSON.stringify({ review: { firstByteMs: 'soon' } }) });
    const r = repo.cli(['check', '--staged']);
    expect(r.code).toBe(2);
    expect(r.output).toContain('review.firstByteMs');
  });
});
