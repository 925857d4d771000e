/**
 * Which Chromium to run: `executablePath` from the config, else CHROME_PATH, else the first of the
 * usual system paths that exists. A path the user gave that does not exist is reported, never
 * replaced by another browser (they asked for that one).
 */
import fs from 'node:fs';

export type BrowserLookup =
  | { kind: 'found'; path: string; source: string }
  | { kind: 'missing'; path: string; source: string }
  | { kind: 'none'; tried: string[] };

/** The usual places of Chromium, Chrome and Edge, by platform. */
export function systemPaths(platform: NodeJS.Platform = process.platform): string[] {
  if (platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
  }
  if (platform === 'win32') {
    const roots = [process.env.PROGRAMFILES, process.env['PROGRAMFILES(X86)'], process.env.LOCALAPPDATA].filter(Boolean) as string[];
    return roots.flatMap((r) => [`${r}\\Google\\Chrome\\Application\\chrome.exe`, `${r}\\Microsoft\\Edge\\Application\\msedge.exe`]);
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
    '/usr/bin/microsoft-edge',
    '/opt/google/chrome/chrome',
  ];
}

export function findBrowser(configured: string | undefined, env: NodeJS.ProcessEnv, candidates: readonly string[] = systemPaths()): BrowserLookup {
  const given = configured ? { path: configured, source: 'browser.executablePath' } : env.CHROME_PATH ? { path: env.CHROME_PATH, source: 'CHROME_PATH' } : null;
  if (given) return isExecutable(given.path) ? { kind: 'found', ...given } : { kind: 'missing', ...given };
  const found = candidates.find(isExecutable);
  return found ? { kind: 'found', path: found, source: 'system' } : { kind: 'none', tried: [...candidates] };
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
