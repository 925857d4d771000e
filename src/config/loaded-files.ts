/**
 * Which files a JavaScript config loaded, so that the config cache can be keyed on all of them
 * (issue 15, bug 1: a config importing `./limits.mjs` must not keep judging with old limits).
 *
 * ES modules: a module-loader hook (`module.register`, in Node's hooks thread) reports every
 * resolved `file:` URL with the URL that imported it; the main thread drains the reports with
 * `receiveMessageOnPort` (synchronous, and complete: the hook posts before it answers). CommonJS:
 * `require.cache` records each module's children. Both give edges of one graph; a config's files
 * are what its layer files reach in it, which holds however configs and loads interleave.
 *
 * Registering starts a thread (tens of ms), so it happens only when a config is resolved for the
 * cache (a cache miss), never on a cached run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { MessagePort } from 'node:worker_threads';

const HOOKS = `let port;
export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (r.url.startsWith('file:')) port.postMessage([context.parentURL ?? '', r.url]);
  return r;
}`;

let port: MessagePort | null | undefined;
let receive: ((p: MessagePort) => { message: unknown } | undefined) | undefined;
/** importer path → imported paths, as the hooks reported them (ES modules). */
const edges = new Map<string, Set<string>>();

/** Starts recording (once per process). False when this Node cannot (no loader hooks). */
export function recordLoadedFiles(): boolean {
  if (port !== undefined) return port !== null;
  const req = createRequire(import.meta.url);
  try {
    const { register } = req('node:module') as typeof import('node:module');
    const { MessageChannel, receiveMessageOnPort } = req('node:worker_threads') as typeof import('node:worker_threads');
    const channel = new MessageChannel();
    register(`data:text/javascript,${encodeURIComponent(HOOKS)}`, { data: { port: channel.port2 }, transferList: [channel.port2] });
    channel.port1.unref();
    port = channel.port1;
    receive = receiveMessageOnPort;
  } catch {
    port = null;
  }
  return port !== null;
}

function drain(): void {
  if (!port || !receive) return;
  for (let m = receive(port); m; m = receive(port)) {
    const [from, to] = m.message as [string, string];
    const importer = from.startsWith('file:') ? fileURLToPath(from) : from;
    const set = edges.get(importer) ?? new Set<string>();
    set.add(fileURLToPath(to));
    edges.set(importer, set);
  }
}

/**
 * Every file the config files `roots` loaded, themselves included: local files by path, and for a
 * file inside node_modules its package's package.json (an upgrade rewrites it; stat'ing every file
 * of a large package would cost more than the cache saves). Null when recording is off.
 */
export function filesLoadedBy(roots: readonly string[]): string[] | null {
  if (!port) return null;
  drain();
  const cjs = createRequire(import.meta.url).cache;
  const seen = new Set<string>();
  // cosmiconfig loads a .ts config by compiling it next to itself (`<file>.<uuid>.mjs`) and importing that.
  const compiled = [...edges.values()].flatMap((set) => [...set]).filter((f) => roots.some((r) => f.startsWith(`${r}.`)));
  const stack = [...roots, ...compiled];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const next of edges.get(file) ?? []) stack.push(next);
    for (const child of cjs[file]?.children ?? []) stack.push(child.filename);
  }
  const keys = new Set<string>();
  for (const file of seen) {
    const pkg = packageOf(file);
    if (pkg) keys.add(pkg);
    else if (fs.existsSync(file)) keys.add(file); // a compiled .ts copy is gone once loaded
  }
  return [...keys];
}

/** `<...>/node_modules/<name>/package.json` (or `@scope/name`) for a file inside a package, else null. */
function packageOf(file: string): string | null {
  const parts = file.split(path.sep);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0 || at + 1 >= parts.length) return null;
  const end = parts[at + 1]!.startsWith('@') ? at + 3 : at + 2;
  return [...parts.slice(0, end), 'package.json'].join(path.sep);
}
