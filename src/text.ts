/**
 * Sorting text in code-unit order: deterministic on every machine and locale, and free.
 * (`localeCompare` and ICU collators load ICU's collation data on first use: ~20 ms a process.)
 */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** POSIX shell quoting; a name that starts with `-` gets `./` so that no tool reads it as an option. */
export function shellQuote(file: string): string {
  const safe = file.startsWith('-') ? `./${file}` : file;
  return /^[\w@%+=:,./-]+$/.test(safe) ? safe : `'${safe.replace(/'/g, `'\\''`)}'`;
}
