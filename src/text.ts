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

/** ANSI escape sequences (colours, cursor moves) a tool wrote into output we show (a test runner colours even through a pipe). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching escape sequences is the point
const ANSI = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/g;

export function stripAnsi(text: string): string {
  return text.includes('\u001b') ? text.replace(ANSI, '') : text;
}
