/**
 * Runs one command gate through the user's shell, in its own process group, so that a timeout or
 * an interrupt kills the whole tree. The gate is done when its process exits: a grandchild that
 * keeps stdout open does not keep the commit waiting.
 */
import { childProcess } from '../lazy.js';
import { groupAlive } from './alive.js';
import { now } from '../clock.js';

export interface SpawnResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  aborted: boolean;
  /** The last lines of stdout and stderr, interleaved as they arrived. */
  tail: string;
  ms: number;
}

export interface SpawnOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  signal: AbortSignal;
  tailLines?: number;
}

export function runShell(command: string, options: SpawnOptions): Promise<SpawnResult> {
  const started = now();
  const tail = createTail(options.tailLines ?? 40);
  if (options.signal.aborted) {
    return Promise.resolve({ code: null, signal: null, timedOut: false, aborted: true, tail: '', ms: 0 });
  }
  return new Promise((resolve) => {
    const child = childProcess().spawn(command, { cwd: options.cwd, env: options.env, shell: true, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let timedOut = false;
    let aborted = false;
    const killTree = (sig: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, sig);
      } catch {
        /* already gone */
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killTree('SIGTERM');
      setTimeout(() => killTree('SIGKILL'), 2000).unref();
    }, options.timeoutMs);
    const onAbort = () => {
      aborted = true;
      killTree('SIGTERM');
      setTimeout(() => killTree('SIGKILL'), 1000).unref();
    };
    options.signal.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', tail.push);
    child.stderr.on('data', tail.push);
    const finish = async (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      // Whatever the shell left behind (a server, a watcher) goes with it.
      killTree('SIGKILL');
      child.stdout.destroy();
      child.stderr.destroy();
      // A stopped run's processes may still be finishing a write (lint-staged's git, setting
      // changes aside): whoever cleans up after it must not race them.
      if ((timedOut || aborted) && child.pid) await groupGone(child.pid, 3000);
      resolve({ code, signal, timedOut, aborted, tail: tail.text(), ms: Math.round(now() - started) });
    };
    child.on('exit', (code, signal) => void finish(code, signal));
    child.on('error', (error) => {
      tail.push(Buffer.from(`${error.message}\n`));
      void finish(127, null);
    });
  });
}

/** Waits (up to `maxMs`) until no process of the group is left, once it has been sent SIGKILL. */
async function groupGone(pgid: number, maxMs: number): Promise<void> {
  const until = Date.now() + maxMs;
  while (Date.now() < until && groupAlive(pgid)) await new Promise((r) => setTimeout(r, 10));
}

export function createTail(max: number) {
  let lines: string[] = [];
  let partial = '';
  return {
    push: (chunk: Buffer) => {
      const parts = (partial + chunk.toString('utf8')).split('\n');
      partial = parts.pop() ?? '';
      lines.push(...parts);
      if (lines.length > max * 4) lines = lines.slice(-max);
    },
    text: () => [...lines, ...(partial ? [partial] : [])].slice(-max).join('\n'),
  };
}

/** The environment a gate runs in: the user's, less the variables git sets for hooks. */
export function gateEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) {
    if (/^GIT_(DIR|INDEX_FILE|WORK_TREE|PREFIX|OBJECT_DIRECTORY|ALTERNATE_OBJECT_DIRECTORIES|COMMON_DIR|NAMESPACE|EDITOR|REFLOG_ACTION|EXEC_PATH|INTERNAL_\w+|QUARANTINE_PATH|CEILING_DIRECTORIES|DISCOVERY_ACROSS_FILESYSTEM)$/.test(k)) continue;
    out[k] = v;
  }
  return out;
}
