import { describe, expect, it } from 'vitest';
import { judge, pageUrl } from '../../../src/browser/run.js';
import type { PageVisit } from '../../../src/browser/driver.js';

const clean: PageVisit = { page: '/', url: 'http://127.0.0.1:1/', status: 200, pageErrors: [], consoleErrors: [], blank: false, timeout: null, loadError: null, screenshot: null, ms: 5 };
const rules = (visit: Partial<PageVisit>, allow: string[] = []) => judge([{ ...clean, ...visit }], allow).map((f) => f.rule);

describe('judge: what blocks a page', () => {
  it.each<[string, Partial<PageVisit>, string[]]>([
    ['a clean page', {}, []],
    ['HTTP 500', { status: 500 }, ['browser/status']],
    ['HTTP 404', { status: 404 }, ['browser/status']],
    ['a redirect that landed (status 200)', { status: 200 }, []],
    ['an uncaught error', { pageErrors: ['Error: boom'] }, ['browser/uncaught']],
    ['a console error', { consoleErrors: ['bad'] }, ['browser/console']],
    ['a blank body', { blank: true }, ['browser/blank']],
    ['a timeout (blank not judged)', { timeout: 'Timeout 100ms exceeded', blank: true }, ['browser/timeout']],
    ['a refused connection', { loadError: 'net::ERR_CONNECTION_REFUSED', status: null }, ['browser/load']],
    ['an error page that is also blank: the status says it', { status: 502, blank: true }, ['browser/status']],
  ])('%s', (_name, visit, expected) => {
    expect(rules(visit)).toEqual(expected);
  });

  it('allowConsole exempts console errors matched anywhere in the message, not uncaught errors', () => {
    expect(rules({ consoleErrors: ['vendor: deprecated API'], pageErrors: ['Error: vendor'] }, ['deprecated'])).toEqual(['browser/uncaught']);
    expect(rules({ consoleErrors: ['vendor: deprecated API', 'real problem'] }, ['^vendor'])).toEqual(['browser/console']);
  });

  it('names the page in each finding and keeps the first three errors of a kind', () => {
    const findings = judge([{ ...clean, page: '/about', consoleErrors: ['a', 'b', 'c', 'd'] }], []);
    expect(findings.map((f) => [f.file, f.message])).toEqual([
      ['/about', 'console error: a'],
      ['/about', 'console error: b'],
      ['/about', 'console error: c'],
    ]);
  });
});

describe('pageUrl', () => {
  it.each([
    ['http://127.0.0.1:5173', '/', 'http://127.0.0.1:5173/'],
    ['http://127.0.0.1:5173/', '/about', 'http://127.0.0.1:5173/about'],
    ['http://127.0.0.1:5173/app', 'about', 'http://127.0.0.1:5173/app/about'],
    ['http://127.0.0.1:5173', 'https://example.test/x', 'https://example.test/x'],
  ])('%s + %s', (base, page, url) => expect(pageUrl(base, page)).toBe(url));
});
