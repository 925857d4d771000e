/** Milliseconds for timing runs. Not `performance.now()`: its first use loads perf_hooks (~2 ms a hook). */
export function now(): number {
  const [s, ns] = process.hrtime();
  return s * 1e3 + ns / 1e6;
}
