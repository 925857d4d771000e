/**
 * Headless Chromium through playwright-core: the ONLY place that imports it, dynamically, when a
 * browser gate runs (an optional dependency that never downloads a browser). The driver's own
 * SIGINT/SIGTERM/SIGHUP handlers are off: they would exit the process before the gate stops the
 * app's server. Playwright starts Chromium in its own process group with a fresh temporary
 * profile, and kills it when this process exits.
 */
import type * as Playwright from 'playwright-core';

/** Flags for a quiet browser on a closed network: without the background ones Chromium keeps dialling Google's services. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox', // root in containers and CI; the pages are the user's own app
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--mute-audio',
];

export interface PageVisit {
  /** The page as configured ('/about'). */
  page: string;
  url: string;
  /** The document's HTTP status, null when no response came. */
  status: number | null;
  /** Uncaught errors thrown in the page. */
  pageErrors: string[];
  /** Console errors (failed resource loads included), before `allowConsole`. */
  consoleErrors: string[];
  /** No visible text and no media in the rendered body. */
  blank: boolean;
  /** The load (or a step after it) did not finish within the page timeout; the error text. */
  timeout: string | null;
  /** Another failure to load (connection refused, …). */
  loadError: string | null;
  screenshot: string | null;
  ms: number;
}

export interface BrowserSession {
  visit(page: string, url: string, options: { timeoutMs: number; screenshot: string }): Promise<PageVisit>;
  close(): Promise<void>;
}

export class DriverMissingError extends Error {}

let driver: Promise<typeof Playwright> | undefined;

/** Imports playwright-core (~0.5 s); call early, so that it loads while the app's server starts. */
export function loadDriver(): Promise<typeof Playwright> {
  driver ??= import('playwright-core').catch((error: NodeJS.ErrnoException) => {
    throw new DriverMissingError(error.message);
  }) as Promise<typeof Playwright>;
  return driver;
}

/**
 * A TMPDIR of Chromium's own, removed with the session or, at the latest, when this process exits:
 * Chromium keeps its singleton socket in an `org.chromium.Chromium.*` folder there, which a Chromium
 * stopped by Ctrl-C before it shut down leaves behind. Linux only: a Unix socket's path is short (108
 * bytes), and macOS's temporary folder is already long.
 */
function privateTmp(): { env: NodeJS.ProcessEnv | undefined; remove(): void } {
  if (process.platform !== 'linux') return { env: undefined, remove() {} };
  const fs = process.getBuiltinModule('node:fs');
  const dir = fs.mkdtempSync(`${process.getBuiltinModule('node:os').tmpdir()}/spark-guard-chromium-`);
  const remove = () => {
    process.off('exit', remove);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', remove);
  return { env: { ...process.env, TMPDIR: dir }, remove };
}

export async function launch(executablePath: string, timeoutMs: number): Promise<BrowserSession> {
  const { chromium } = await loadDriver();
  const tmp = privateTmp();
  let browser: Playwright.Browser;
  try {
    browser = await chromium.launch({
      executablePath,
      args: CHROMIUM_FLAGS,
      env: tmp.env,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      timeout: timeoutMs,
    });
  } catch (error) {
    tmp.remove();
    throw error;
  }
  // A local dev server on https has a self-signed certificate.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block', ignoreHTTPSErrors: true });
  return {
    visit: (page, url, options) => visit(context, page, url, options),
    close: async () => {
      await browser.close().catch(() => undefined);
      tmp.remove();
    },
  };
}

/** Whether the rendered body shows anything: visible text, or a visible image, video, canvas, svg or form control. */
const HAS_CONTENT = `(() => {
  const body = document.body;
  if (!body) return false;
  if ((body.innerText || '').trim()) return true;
  for (const el of document.querySelectorAll('img,svg,canvas,video,picture,iframe,object,embed,input,button,select,textarea')) {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    if (r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && s.opacity !== '0') return true;
  }
  return false;
})()`;

/** One frame and one task after load: errors thrown by code scheduled at start-up are caught too. */
const SETTLE = `new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)))`;

async function visit(context: Playwright.BrowserContext, pagePath: string, url: string, options: { timeoutMs: number; screenshot: string }): Promise<PageVisit> {
  const started = Date.now();
  const result: PageVisit = { page: pagePath, url, status: null, pageErrors: [], consoleErrors: [], blank: false, timeout: null, loadError: null, screenshot: null, ms: 0 };
  const page = await context.newPage();
  page.on('pageerror', (error) => result.pageErrors.push(firstLine(`${error.name}: ${error.message}`)));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location().url;
    const text = message.text();
    if (/^Failed to load resource/.test(text)) {
      // The document's own error status is reported as its status; a resource's names the resource.
      // Chromium asks for /favicon.ico on its own: a missing one is not the page's error.
      if (where === url || where === page.url() || /\/favicon\.ico$/.test(where)) return;
      result.consoleErrors.push(`${text} (${where})`);
    } else result.consoleErrors.push(text);
  });
  page.on('requestfailed', (request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) return;
    const why = request.failure()?.errorText ?? 'failed';
    if (why === 'net::ERR_ABORTED' || /\/favicon\.ico$/.test(request.url())) return; // cancelled by the page itself; Chromium's own icon request
    result.consoleErrors.push(`failed to load ${request.url()}: ${why}`);
  });
  const left = () => Math.max(1, options.timeoutMs - (Date.now() - started));
  try {
    const response = await page.goto(url, { waitUntil: 'load', timeout: options.timeoutMs });
    result.status = response?.status() ?? null;
    await Promise.race([page.evaluate(SETTLE), delay(left()).then(() => Promise.reject(new TimeoutError(options.timeoutMs)))]);
    result.blank = !(await page.evaluate(HAS_CONTENT));
    await page.screenshot({ path: options.screenshot, timeout: left() });
    result.screenshot = options.screenshot;
  } catch (error) {
    const text = firstLine((error as Error).message ?? String(error));
    if ((error as Error).name === 'TimeoutError' || /Timeout \d+ms exceeded/.test(text)) result.timeout = text;
    else result.loadError = text.replace(/^page\.goto: /, '');
    // A screenshot of what the page shows, if anything, helps to see why.
    if (!result.screenshot) {
      await page
        .screenshot({ path: options.screenshot, timeout: 2000 })
        .then(() => (result.screenshot = options.screenshot))
        .catch(() => undefined);
    }
  } finally {
    await page.close().catch(() => undefined);
  }
  result.ms = Date.now() - started;
  return result;
}

class TimeoutError extends Error {
  constructor(ms: number) {
    super(`Timeout ${ms}ms exceeded`);
    this.name = 'TimeoutError';
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms).unref());
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim().slice(0, 300);
}
