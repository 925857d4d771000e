/**
 * Catastrophic backtracking check for banned-rule regexes (issue: a regex like `(a+)+$` hangs a
 * commit). A JavaScript regex cannot be interrupted, so each pattern runs against adversarial
 * inputs in a worker thread that is terminated after a deadline; the pattern that was running
 * then is named in a config error. Runs only when the config is (re)loaded, not on every commit.
 */
import { Worker } from 'node:worker_threads';

const DEADLINE_MS = 1500;

/** Runs in the worker: every pattern against runs of one character with a non-matching tail. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const chars = ['a', 'A', '1', ' ', '-', '/', '.', '_', '=', '"', 'x', '\\t', 'rm -rf ', 'git push '];
const inputs = [];
for (const c of chars) { inputs.push(c.repeat(Math.ceil(30 / c.length)) + '\\u0000!'); inputs.push(c.repeat(Math.ceil(4000 / c.length)) + '\\u0000!'); }
workerData.forEach((source, i) => {
  parentPort.postMessage(i);
  const re = new RegExp(source);
  for (const input of inputs) re.test(input);
});
parentPort.postMessage('done');
`;

export interface SlowPattern {
  id: string;
  pattern: string;
}

/** The first pattern that does not finish within the deadline, or null. */
export function findSlowPattern(rules: SlowPattern[]): Promise<SlowPattern | null> {
  if (rules.length === 0) return Promise.resolve(null);
  return new Promise((resolve) => {
    const worker = new Worker(WORKER, { eval: true, workerData: rules.map((r) => r.pattern) });
    let current = 0;
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve(rules[current] ?? null);
    }, DEADLINE_MS);
    worker.on('message', (m: number | 'done') => {
      if (m === 'done') {
        clearTimeout(timer);
        void worker.terminate();
        resolve(null);
      } else current = m;
    });
    worker.on('error', () => {
      clearTimeout(timer);
      resolve(null); // an invalid regex is reported by the schema
    });
  });
}
