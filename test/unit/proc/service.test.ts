import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { answers, freePort, startService, waitUntilReady, type Service } from '../../../src/proc/service.js';
import { groupAlive } from '../../../src/proc/alive.js';

const started: Service[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
});
const never = new AbortController().signal;

function service(command: string, env: NodeJS.ProcessEnv = {}): Service {
  const s = startService(command, { cwd: process.cwd(), env: { ...process.env, ...env } });
  started.push(s);
  return s;
}

describe('startService', () => {
  it('stop() ends the whole tree: sh -c does not replace itself, the grandchild goes too', async () => {
    const s = service('sleep 30 & sleep 30; echo never');
    await new Promise((r) => setTimeout(r, 100));
    expect(groupAlive(s.pid)).toBe(true);
    await s.stop(200);
    expect(groupAlive(s.pid)).toBe(false);
  });

  it('a server that ignores SIGTERM is killed after the grace period', async () => {
    const s = service(`node -e "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"`);
    await new Promise((r) => setTimeout(r, 300));
    await s.stop(200);
    expect(groupAlive(s.pid)).toBe(false);
  });

  it('waitUntilReady: ready once the URL answers, with PORT in the environment', async () => {
    const port = await freePort();
    const s = service(`node -e "require('http').createServer((q, r) => r.end('ok')).listen(process.env.PORT, '127.0.0.1')"`, { PORT: String(port) });
    expect(await waitUntilReady(`http://127.0.0.1:${port}/`, s, 10_000, never)).toBe('ready');
    await s.stop();
    expect(await answers(`http://127.0.0.1:${port}/`, 300)).toBe(false);
  });

  it('waitUntilReady: a start that exits is reported at once, with its output kept', async () => {
    const s = service('echo cannot bind >&2; exit 3');
    const t = Date.now();
    expect(await waitUntilReady('http://127.0.0.1:9/', s, 10_000, never)).toBe('exited');
    expect(Date.now() - t).toBeLessThan(5000);
    expect(await s.exited).toEqual({ code: 3, signal: null });
    expect(s.tail()).toContain('cannot bind');
  });

  it('waitUntilReady: timeout when nothing answers, aborted on a signal', async () => {
    const port = await freePort();
    const s = service('sleep 30');
    expect(await waitUntilReady(`http://127.0.0.1:${port}/`, s, 300, never)).toBe('timeout');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    expect(await waitUntilReady(`http://127.0.0.1:${port}/`, s, 10_000, controller.signal)).toBe('aborted');
  });

  it('answers: any HTTP status counts; a closed port does not', async () => {
    const server = http.createServer((_q, r) => {
      r.statusCode = 500;
      r.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    expect(await answers(`http://127.0.0.1:${port}/`)).toBe(true);
    await new Promise((r) => server.close(r));
    expect(await answers(`http://127.0.0.1:${port}/`, 300)).toBe(false);
  });
});
