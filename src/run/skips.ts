/** SPARK_GUARD_SKIP and --skip / --only, turned into runner options plus the warnings to show. */
import { messages } from '../messages.js';

/** The gate names SPARK_GUARD_SKIP lists: the one place the variable is read. */
export function envSkips(env: NodeJS.ProcessEnv): string[] {
  return parseList(env.SPARK_GUARD_SKIP);
}

export function parseList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export interface Skips {
  skip: Map<string, string>;
  warnings: string[];
}

/** Names given to --only / --skip must exist: a typo would otherwise check nothing and pass. */
export function unknownNames(names: Iterable<string>, known: readonly string[]): string[] {
  return [...names].filter((n) => !known.includes(n));
}

export function resolveSkips(known: readonly string[], env: NodeJS.ProcessEnv, flag?: string): Skips {
  const skip = new Map<string, string>();
  const warnings: string[] = [];
  const add = (names: string[], source: string, warn: boolean) => {
    const unknown = names.filter((n) => !known.includes(n));
    const valid = names.filter((n) => known.includes(n));
    for (const n of valid) skip.set(n, source);
    if (valid.length && warn) warnings.push(messages.skippedByEnv(valid, source));
    if (unknown.length) warnings.push(messages.unknownSkip(unknown, [...known]));
  };
  add(envSkips(env), 'SPARK_GUARD_SKIP', true);
  add(parseList(flag), '--skip', false);
  return { skip, warnings };
}
