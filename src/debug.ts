/** DEBUG=spark-guard (or spark-guard:*) prints namespaced lines with +ms deltas to stderr. */
import { now } from './clock.js';
/** Whether DEBUG in this environment asks for spark-guard's lines. */
export function debugWanted(env: NodeJS.ProcessEnv): boolean {
  return /(^|,)\s*spark-guard(:\*|\*)?\s*(,|$)/.test(env.DEBUG ?? '');
}
const enabled = debugWanted(process.env);
let last = now();

export function isDebug(): boolean {
  return enabled;
}

export function debug(scope: string, ...parts: unknown[]): void {
  if (!enabled) return;
  const t = now();
  const delta = Math.round(t - last);
  last = t;
  const text = parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' ');
  process.stderr.write(`spark-guard:${scope} ${text} +${delta}ms\n`);
}
