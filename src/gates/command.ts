/** Gate 6: named command gates, run on the staged snapshot, concurrently, with a timeout and a cache. */
import path from 'node:path';
import type { CommandGate } from '../config/types.js';
import { scopeOf } from '../config/scope.js';
import { globMatcher } from '../diff/stats.js';
import { gateEnv, runShell } from '../proc/spawn-gate.js';
import { messages } from '../messages.js';
import { shellQuote } from '../text.js';
import { cacheKey, hasPassed, recordPass } from './cache.js';
import { packageGateId, type Gate, type GateContext } from './gate.js';

export const DEFAULT_TIMEOUT_S = 300;
export const FILES_PLACEHOLDER = '{files}';

/** A package's gate's id, as the report shows it: `packages/a › test` (the gate also answers to `test`, see gateNames). */

/** Where a command gate runs and whose files it judges (SPEC §3, monorepos). */
export interface GatePlace {
  /** Repository-relative folder it runs in ('' for the root); its `when` globs and `{files}` are relative to it. */
  home: string;
  /** The scopes (config folders) whose files it judges: a file is judged by its nearest config's gates alone. */
  owners: ReadonlySet<string>;
  /** The file that defines it, repository-relative; null for the implicit preset. */
  definedIn: string | null;
  /** Its id in the report; by default the name, prefixed by the home folder when that is a package. */
  id?: string;
}

/** A command gate; by default a root gate that judges the root scope's files. */
/** Extras for command gates defined elsewhere than `gates` (VERIFY.md's `verify:<n>`). */
export interface CommandGateOptions {
  /** More text for the cache key (VERIFY.md's content: a changed file never reuses a pass). */
  cacheExtra?: string;
  /** Replaces the "raise gates.<name>.timeout" advice under a failure. */
  advice?: string;
}

export function commandGate(name: string, spec: CommandGate, place: GatePlace = { home: '', owners: new Set(['']), definedIn: null }, options: CommandGateOptions = {}): Gate {
  const { home, owners } = place;
  const matches = spec.when?.length ? globMatcher(spec.when) : () => true;
  const usesFiles = spec.run.includes(FILES_PLACEHOLDER);
  const fromHome = (p: string) => (!home ? p : p.startsWith(`${home}/`) ? p.slice(home.length + 1) : path.posix.relative(home, p));
  /** Paths of this change that belong to this gate (their nearest config is one of its owners), relative to its home. */
  const own = (ctx: GateContext, paths: (string | undefined)[]) =>
    paths.filter((p): p is string => p !== undefined && owners.has(scopeOf(ctx.scopes, p).dir)).map(fromHome);
  /** SPEC §4.6: the staged files matching `when` (all without it), deleted files left out. */
  const filesFor = (ctx: GateContext) => [...new Set(ctx.change.files.filter((f) => f.status !== 'D').flatMap((f) => own(ctx, [f.path]).filter(matches)))];
  return {
    id: place.id ?? (home ? packageGateId(home, name) : name),
    ...(home ? { package: home, packageGate: name } : {}),
    phase: 'concurrent',
    stagedOnly: true,
    applies(ctx) {
      if (!ctx.workspace) return messages.commandGateNeedsStaged();
      // An empty commit: the root's gates without `when` run, as they always did.
      if (ctx.change.files.length === 0) return !home && owners.has('') && !spec.when?.length && !usesFiles ? true : messages.commandGateNoOwnFiles();
      const mine = ctx.change.files.flatMap((f) => own(ctx, [f.path, f.oldPath]));
      if (mine.length === 0) return messages.commandGateNoOwnFiles();
      if (!mine.some(matches)) return messages.commandGateNoMatch(spec.when ?? []);
      if (usesFiles && filesFor(ctx).length === 0) return messages.commandGateOnlyDeleted();
      return true;
    },
    async run(ctx, signal) {
      const env = gateEnv(ctx.env);
      const files = usesFiles ? filesFor(ctx) : [];
      const command = usesFiles ? spec.run.split(FILES_PLACEHOLDER).join(files.map(shellQuote).join(' ')) : spec.run;
      const keyed = usesFiles ? { ...spec, files } : spec;
      const gate = options.cacheExtra === undefined ? keyed : { ...keyed, extra: options.cacheExtra };
      const cacheable = ctx.workspace!.cacheable !== false;
      const key = cacheable ? cacheKey({ tree: await ctx.workspace!.tree(), name, gate, cwd: home || '.', env }) : '';
      if (cacheable && hasPassed(ctx.repo, key)) return { status: 'cached', message: messages.commandGateCached() };
      const snapshot = await ctx.workspace!.snapshot();
      const timeout = (spec.timeout ?? DEFAULT_TIMEOUT_S) * 1000;
      const result = await runShell(command, { cwd: path.join(snapshot.dir, home), env, timeoutMs: timeout, signal });
      if (result.aborted) throw signal.reason ?? new Error('aborted');
      if (result.code === 0 && !result.timedOut) {
        if (cacheable) recordPass(ctx.repo, key);
        return { status: 'pass', message: '' };
      }
      const why = result.timedOut ? messages.commandGateTimedOut(spec.timeout ?? DEFAULT_TIMEOUT_S) : messages.commandGateExit(result.code, result.signal);
      const details = messages.commandGateTail(shown(command), result.tail, name, place.definedIn, home);
      return { status: 'fail', message: why, details: options.advice ? `${details.split('\n').slice(0, -1).join('\n')}\n${options.advice}` : details };
    },
  };
}

/** The command as run, cut short when `{files}` made it long. */
function shown(command: string): string {
  return command.length > 400 ? `${command.slice(0, 400)}…` : command;
}
