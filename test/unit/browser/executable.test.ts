import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findBrowser, systemPaths } from '../../../src/browser/executable.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-guard-chrome-'));
const chrome = path.join(dir, 'chrome');
fs.writeFileSync(chrome, '#!/bin/sh\n', { mode: 0o755 });
const notExecutable = path.join(dir, 'plain');
fs.writeFileSync(notExecutable, '', { mode: 0o644 });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('findBrowser', () => {
  it('takes executablePath first, then CHROME_PATH, then the first system path that exists', () => {
    expect(findBrowser(chrome, { CHROME_PATH: '/x' }, [])).toEqual({ kind: 'found', path: chrome, source: 'browser.executablePath' });
    expect(findBrowser(undefined, { CHROME_PATH: chrome }, [])).toEqual({ kind: 'found', path: chrome, source: 'CHROME_PATH' });
    expect(findBrowser(undefined, {}, ['/nope/chromium', chrome])).toEqual({ kind: 'found', path: chrome, source: 'system' });
  });

  it('a given path that does not exist (or cannot run) is reported, never replaced by a system browser', () => {
    expect(findBrowser('/nope/chrome', {}, [chrome])).toEqual({ kind: 'missing', path: '/nope/chrome', source: 'browser.executablePath' });
    expect(findBrowser(undefined, { CHROME_PATH: notExecutable }, [chrome])).toEqual({ kind: 'missing', path: notExecutable, source: 'CHROME_PATH' });
  });

  it('none found: says where it looked', () => {
    expect(findBrowser(undefined, {}, ['/nope/a', '/nope/b'])).toEqual({ kind: 'none', tried: ['/nope/a', '/nope/b'] });
  });

  it('knows the usual places on Linux and macOS', () => {
    expect(systemPaths('linux')).toContain('/usr/bin/chromium');
    expect(systemPaths('darwin')[0]).toContain('Google Chrome.app');
  });
});
