/**
 * The file a section of a git patch is about, read from the section's own header (git's C-style
 * quoting undone), so that a patch read at another moment than the file list is never paired with
 * it by position. Assumes git's default `a/` and `b/` prefixes (GIT pins them: DIFF_FLAGS).
 */

const ESCAPES: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, '"': 34 };

/** A git-quoted path (`"a/we\"ird\303\251"`, quotes included) as text; null when it is not one. */
export function unquoteGitPath(quoted: string): string | null {
  if (!quoted.startsWith('"') || !quoted.endsWith('"') || quoted.length < 2) return null;
  const bytes: number[] = [];
  const body = quoted.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = body[++i];
    if (next === undefined) return null;
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else if (next in ESCAPES) bytes.push(ESCAPES[next]!);
    else return null;
  }
  return Buffer.from(bytes).toString('utf8');
}

/** A header line's path: quoted or not, without `prefix` (`a/`, `b/` or none). */
function pathOf(text: string, prefix = ''): string | null {
  const name = text.startsWith('"') ? unquoteGitPath(text) : text;
  if (name === null || !name.startsWith(prefix)) return null;
  return name.slice(prefix.length);
}

/**
 * The path after the change that a section (`diff --git …` up to its first hunk) is about: the
 * `rename to` / `copy to` name, else the `+++ b/` name, else the `--- a/` name of a deletion, else
 * the `diff --git a/P b/P` line itself (binary and mode-only sections). Null when it cannot be told.
 */
export function sectionPath(header: string): string | null {
  const line = (key: string) => header.match(new RegExp(`^${key} (.+)$`, 'm'))?.[1];
  const moved = line('rename to') ?? line('copy to');
  if (moved !== undefined) return pathOf(moved);
  const plus = line('\\+\\+\\+');
  if (plus !== undefined && plus !== '/dev/null') return pathOf(plus, 'b/');
  const minus = line('---');
  if (minus !== undefined && minus !== '/dev/null') return pathOf(minus, 'a/');
  const rest = header.match(/^diff --git (.+)$/m)?.[1];
  if (rest === undefined) return null;
  if (rest.startsWith('"')) {
    // Both names quoted alike: the second starts after the first one's closing quote and a space.
    let i = 1;
    while (i < rest.length && rest[i] !== '"') i += rest[i] === '\\' ? 2 : 1;
    return rest.startsWith(' "', i + 1) ? pathOf(rest.slice(i + 2), 'b/') : null;
  }
  // `a/P b/P`: both halves name the same path (a rename has `rename to` above).
  const p = (rest.length - 5) / 2;
  if (!Number.isInteger(p) || p < 1) return null;
  const name = rest.slice(2, 2 + p);
  return rest === `a/${name} b/${name}` ? name : null;
}
