/**
 * A long-lived service (an app's dev server) run for the length of a gate: started through the
 * user's shell in its own process group, waited for until its URL answers, and stopped as a whole
 * tree. `sh -c 'npm run dev'` does not replace itself with the server, so the server is a
 * grandchild: only killing the group (-pgid) reaches it. Every live group is also killed
 * synchronously when this process exits, whatever the reason (Ctrl-C, SIGTERM, a crash).
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import http from 'node:http';
import https from 'node:https';
import { groupAlive } from './alive.js';
import { createTail } from './spawn-gate.js';

export interface Service {
  pid: number;
  /** Settles when the shell exits (code, or the signal that ended it). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  hasExited(): boolean;
  /** The last lines of its stdout and stderr, interleaved. */
  tail(): string;
  /** SIGTERM to the whole group, SIGKILL after `graceMs`; resolves once no process of it is left. */
  stop(graceMs?: number): Promise<void>;
}

export interface ServiceOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  tailLines?: number;
}

const live = new Set<number>();
let exitHookInstalled = false;

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    /* already gone */
  }
}

/** The last resort: whatever is still running when Node exits goes with it (process.exit included). */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const pgid of live) killGroup(pgid, 'SIGKILL');
  });
}

export function startService(command: string, options: ServiceOptions): Service {
  installExitHook();
  const tail = createTail(options.tailLines ?? 30);
  const child = spawn(command, { cwd: options.cwd, env: options.env, shell: true, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid ?? -1;
  if (pid > 0) live.add(pid);
  let done = false;
  child.stdout.on('data', tail.push);
  child.stderr.on('data', tail.push);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      done = true;
      resolve({ code, signal });
    });
    child.on('error', (error) => {
      done = true;
      tail.push(Buffer.from(`${error.message}\n`));
      resolve({ code: 127, signal: null });
    });
  });
  let stopping: Promise<void> | undefined;
  const stop = (graceMs = 1000) =>
    (stopping ??= (async () => {
      if (pid <= 0) return;
      killGroup(pid, 'SIGTERM');
      const until = Date.now() + graceMs;
      while (Date.now() < until && groupAlive(pid)) await sleep(20);
      killGroup(pid, 'SIGKILL');
      const hard = Date.now() + 3000;
      while (Date.now() < hard && groupAlive(pid)) await sleep(10);
      live.delete(pid);
      child.stdout.destroy();
      child.stderr.destroy();
    })());
  return { pid, exited, hasExited: () => done, tail: tail.text, stop };
}

/** A TCP port free on 127.0.0.1 right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Whether `url` answers an HTTP request at all (any status) within `timeoutMs`. */
export function answers(url: string, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (ok: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve(ok);
    };
    let request: http.ClientRequest;
    try {
      // A dev server on https usually has a self-signed certificate: any answer means it is up.
      const options = { agent: false, headers: { connection: 'close' }, rejectUnauthorized: false };
      request = (url.startsWith('https:') ? https : http).get(url, options, (res) => {
        res.resume();
        finish(true);
      });
    } catch {
      resolve(false); // not an http(s) URL
      return;
    }
    request.on('error', () => finish(false));
    const timer = setTimeout(() => finish(false), timeoutMs);
  });
}

export type ReadyOutcome = 'ready' | 'exited' | 'timeout' | 'aborted';

/** Polls `url` until it answers, the service exits, `timeoutMs` passes or `signal` aborts. */
export async function waitUntilReady(url: string, service: Service | null, timeoutMs: number, signal: AbortSignal): Promise<ReadyOutcome> {
  const until = Date.now() + timeoutMs;
  let delay = 25;
  while (true) {
    if (signal.aborted) return 'aborted';
    if (service?.hasExited()) return 'exited';
    const left = until - Date.now();
    if (left <= 0) return 'timeout';
    if (await answers(url, Math.min(1000, left))) return 'ready';
    if (service?.hasExited()) return 'exited';
    await Promise.race([sleep(Math.min(delay, Math.max(0, until - Date.now()))), service?.exited ?? new Promise(() => {})]);
    delay = Math.min(delay * 2, 200);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
