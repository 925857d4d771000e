/**
 * A run that filled one of the per-repository caches (the resolved config, compiled globs) compiled
 * code a later commit does not run. bin/spark-guard.cjs keeps the V8 code cache such a run makes
 * only until a run without a miss makes a leaner one: every commit deserialises the whole cache
 * (~400 KB after a cold run, ~330 KB after a warm one).
 */
export function markColdRun(): void {
  (globalThis as { __sparkGuardColdRun?: boolean }).__sparkGuardColdRun = true;
}
