/**
 * The browser gate's run: the app's server runs as a service of src/proc/ (its whole tree is
 * stopped after a pass, a block, a timeout or an interrupt); Chromium is imported and launched
 * while the server starts; each page is judged (judge()) and screenshotted.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserConfig } from '../config/types.js';
import type { Artifact, Finding, GateContext, GateOutcome } from '../gates/gate.js';
import { gateEnv } from '../proc/spawn-gate.js';
import { answers, freePort, startService, waitUntilReady, type Service } from '../proc/service.js';
import { cacheKey, passData, recordPass } from '../gates/cache.js';
import { stateDir } from '../git/repo.js';
import { pruneOldest } from '../cache-files.js';
import { nodeCrypto } from '../lazy.js';
import { messages } from '../messages.js';
import { debug } from '../debug.js';
import { findBrowser } from './executable.js';
import { DriverMissingError, launch, type BrowserSession, type PageVisit } from './driver.js';
import { BROWSER_GATE_ID } from './gate.js';

/** Screenshots kept under <git-dir>/spark-guard/screens/ (the oldest go first). */
const MAX_SCREENSHOTS = 200;
/** Pages open at once in the one browser. */
const PAGE_CONCURRENCY = 4;
const LAUNCH_TIMEOUT_MS = 30_000;

export async function runBrowserGate(spec: BrowserConfig, ctx: GateContext, signal: AbortSignal): Promise<GateOutcome> {
  const found = findBrowser(spec.executablePath, ctx.env);
  if (found.kind === 'missing') return { status: 'warn', message: messages.browserPathMissing(found.path, found.source) };
  if (found.kind === 'none') return { status: 'warn', message: messages.browserNone(), details: messages.browserHowToInstall(found.tried) };

  const env = gateEnv(ctx.env);
  // Only a server the gate started from the staged snapshot is judged by tree; an app already
  // running elsewhere may change without the tree changing.
  const key = spec.start ? cacheKey({ tree: await ctx.workspace!.tree(), name: BROWSER_GATE_ID, gate: { ...spec, browser: found.path }, cwd: '.', env }) : null;
  if (key) {
    const data = passData(ctx.repo, key);
    if (data !== null) return { status: 'cached', message: messages.browserCached(), artifacts: cachedArtifacts(data) };
  }

  const usesPort = spec.url.includes('{port}') || Boolean(spec.start?.includes('{port}'));
  const port = usesPort ? String(await freePort()) : null;
  const fill = (text: string) => (port === null ? text : text.replaceAll('{port}', port));
  const base = fill(spec.url);
  if (spec.start && (await answers(base, 500))) {
    return { status: 'warn', message: messages.browserPortTaken(base, portOf(base)) };
  }

  // Chromium starts while the server does; whatever happens next, both are stopped in `finally`.
  const launching = launch(found.path, LAUNCH_TIMEOUT_MS);
  launching.catch(() => undefined);
  let service: Service | null = null;
  const onAbort = () => {
    void service?.stop(200);
    void launching.then((b) => b.close(), () => undefined);
  };
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    if (spec.start) {
      const snapshot = await ctx.workspace!.snapshot();
      const command = fill(spec.start);
      service = startService(command, { cwd: snapshot.dir, env: port === null ? env : { ...env, PORT: port } });
      const ready = await waitUntilReady(base, service, spec.startTimeoutMs, signal);
      debug('browser', 'server', ready, base);
      if (ready === 'aborted') throw signal.reason ?? new Error('aborted');
      if (ready === 'exited') {
        const { code, signal: killed } = await service.exited;
        return { status: 'fail', message: messages.browserStartExited(code, killed), details: messages.browserStartTail(command, service.tail()) };
      }
      if (ready === 'timeout') {
        return { status: 'fail', message: messages.browserStartTimedOut(base, spec.startTimeoutMs), details: messages.browserStartTail(command, service.tail()) };
      }
    } else {
      const ready = await waitUntilReady(base, null, spec.startTimeoutMs, signal);
      if (ready === 'aborted') throw signal.reason ?? new Error('aborted');
      if (ready !== 'ready') return { status: 'fail', message: messages.browserNotRunning(base, spec.startTimeoutMs) };
    }

    let session: BrowserSession;
    try {
      session = await launching;
      debug('browser', 'chromium ready');
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      if (error instanceof DriverMissingError) return { status: 'warn', message: messages.browserDriverMissing(error.message.split('\n')[0]!) };
      return { status: 'warn', message: messages.browserLaunchFailed(found.path, firstLine(error)) };
    }

    const screens = path.join(stateDir(ctx.repo), 'screens');
    fs.mkdirSync(screens, { recursive: true });
    const stamp = key ? key.slice(0, 12) : `run-${nodeCrypto().randomBytes(6).toString('hex')}`;
    const visits = await mapLimit(spec.pages, PAGE_CONCURRENCY, (page) =>
      session.visit(page, pageUrl(base, page), { timeoutMs: spec.pageTimeoutMs, screenshot: path.join(screens, `${stamp}-${slug(page)}.png`) }),
    );
    debug('browser', 'pages done');
    if (signal.aborted) throw signal.reason;
    pruneOldest(screens, MAX_SCREENSHOTS);

    const artifacts: Artifact[] = visits.flatMap((v) => (v.screenshot ? [{ kind: 'screenshot' as const, path: v.screenshot, label: v.page }] : []));
    const findings = judge(visits, spec.allowConsole);
    if (findings.length) {
      const failed = [...new Set(findings.map((f) => f.file))];
      return { status: 'fail', message: messages.browserFailed(failed), findings, details: messages.browserHowToFix(relativeConfig(ctx)), artifacts };
    }
    if (key) recordPass(ctx.repo, key, JSON.stringify(artifacts));
    return { status: 'pass', message: messages.browserPassed(visits.length, spec.start ? null : base), artifacts };
  } finally {
    signal.removeEventListener('abort', onAbort);
    await Promise.all([service?.stop(), launching.then((b) => b.close(), () => undefined)]);
    debug('browser', 'server and chromium stopped');
  }
}

/** The findings of a run, page by page: status, uncaught errors, console errors (less allowConsole), blank body, timeout. Pure. */
export function judge(visits: readonly PageVisit[], allowConsole: readonly string[]): Finding[] {
  const allowed = allowConsole.map((p) => new RegExp(p));
  const findings: Finding[] = [];
  for (const v of visits) {
    const add = (rule: string, message: string) => findings.push({ file: v.page, line: null, rule: `browser/${rule}`, message });
    if (v.timeout) add('timeout', `did not load within browser.pageTimeoutMs: ${v.timeout}`);
    else if (v.loadError) add('load', `could not be loaded: ${v.loadError}`);
    if (v.status !== null && v.status >= 400) add('status', `answered HTTP ${v.status}`);
    for (const e of v.pageErrors.slice(0, 3)) add('uncaught', `uncaught ${e}`);
    const consoleErrors = v.consoleErrors.filter((text) => !allowed.some((r) => r.test(text)));
    for (const e of consoleErrors.slice(0, 3)) add('console', `console error: ${e}`);
    if (!v.timeout && !v.loadError && v.status !== null && v.status < 400 && v.blank) add('blank', 'rendered a blank page (no visible text or media in <body>)');
  }
  return findings;
}

function cachedArtifacts(data: string): Artifact[] {
  try {
    const list = JSON.parse(data) as Artifact[];
    return Array.isArray(list) ? list.filter((a) => a && typeof a.path === 'string' && fs.existsSync(a.path)) : [];
  } catch {
    return [];
  }
}

/** A page below the base URL ('/about' under 'http://127.0.0.1:5173/app'), or a full URL as it is. */
export function pageUrl(base: string, page: string): string {
  if (/^https?:\/\//i.test(page)) return page;
  return `${base.replace(/\/+$/, '')}/${page.replace(/^\/+/, '')}`;
}

function slug(page: string): string {
  const s = page.replace(/^https?:\/\//i, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return s ? s.slice(0, 60) : 'root';
}

function portOf(url: string): string {
  try {
    const u = new URL(url);
    return u.port || (u.protocol === 'https:' ? '443' : '80');
  } catch {
    return '?';
  }
}

function relativeConfig(ctx: GateContext): string | null {
  return ctx.configFile ? path.relative(ctx.repo.root, ctx.configFile) : null;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
}

async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]!);
      }
    }),
  );
  return out;
}
