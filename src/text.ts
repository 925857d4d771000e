/**
 * Sorting text in code-unit order: deterministic on every machine and locale, and free.
 * (`localeCompare` and ICU collators load ICU's collation data on first use: ~20 ms a process.)
 */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
