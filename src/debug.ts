/** DEBUG=spark-guard (or spark-guard:*) prints namespaced lines with +ms deltas to stderr. */
const enabled = /(^|,)\s*spark-guard(:\*|\*)?\s*(,|$)/.test(process.env.DEBUG ?? '');
let last = performance.now();

export function isDebug(): boolean {
  return enabled;
}

export function debug(scope: string, ...parts: unknown[]): void {
  if (!enabled) return;
  const now = performance.now();
  const delta = Math.round(now - last);
  last = now;
  const text = parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' ');
  process.stderr.write(`spark-guard:${scope} ${text} +${delta}ms\n`);
}
