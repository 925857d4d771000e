/**
 * The `browser` gate (SPEC §11): serve the staged snapshot with `browser.start`, open each page in
 * headless Chromium, block on error statuses, uncaught errors, console errors and blank pages, and
 * keep a screenshot of every page for the report. This module is what every commit loads (is the
 * gate relevant?); the run itself (./run.ts: the server, Chromium) loads only when the gate runs.
 */
import type { BrowserConfig } from '../config/types.js';
import type { Gate } from '../gates/gate.js';
import { globMatcher } from '../diff/stats.js';
import { messages } from '../messages.js';

export const BROWSER_GATE_ID = 'browser';

export function browserGate(spec: BrowserConfig): Gate {
  const matches = globMatcher(spec.when);
  return {
    id: BROWSER_GATE_ID,
    phase: 'concurrent',
    applies(ctx) {
      if (!ctx.workspace) return messages.browserNeedsStaged();
      const relevant = ctx.change.files.some((f) => matches(f.path) || (f.oldPath !== undefined && matches(f.oldPath)));
      return relevant ? true : messages.browserNoMatch(spec.when);
    },
    run: async (ctx, signal) => (await import('./run.js')).runBrowserGate(spec, ctx, signal),
  };
}
