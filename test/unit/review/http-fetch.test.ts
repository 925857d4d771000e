/**
 * src/review/http-fetch.ts and src/review/web-shims.ts: what the openai SDK reads of a response,
 * over a real local HTTP server, and the Headers stand-in next to Node's own.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpFetch } from '../../../src/review/http-fetch.js';
import { Headers as ShimHeaders } from '../../../src/review/web-shims.js';

let server: http.Server;
let base: string;
const seen: { method?: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      seen.push({ method: req.method, headers: req.headers, body });
      if (req.url === '/json') {
        res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_1', 'set-cookie': ['a=1', 'b=2'] });
        res.end(JSON.stringify({ ok: true, echo: body }));
      } else if (req.url === '/sse') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('data: one\n\n');
        res.end('data: two\n\n');
      } else if (req.url === '/hang') {
        // never answers
      } else if (req.url === '/empty') {
        res.writeHead(204);
        res.end();
      } else {
        res.writeHead(429, 'Too Many Requests', { 'retry-after': '1' });
        res.end('slow down');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('httpFetch', () => {
  it('sends method, headers (any form) and body; answers status, ok, headers, url and json()', async () => {
    const headers = new ShimHeaders({ 'Content-Type': 'application/json' });
    headers.append('X-Extra', 'a');
    const res = await httpFetch(`${base}/json`, { method: 'POST', headers, body: '{"q":1}' });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', body: '{"q":1}' });
    expect(seen.at(-1)!.headers).toMatchObject({ 'content-type': 'application/json', 'x-extra': 'a' });
    expect([res.status, res.ok, res.url]).toEqual([200, true, `${base}/json`]);
    expect(res.headers.get('X-Request-Id')).toBe('req_1');
    expect(res.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(res.bodyUsed).toBe(false);
    expect(await res.json()).toEqual({ ok: true, echo: '{"q":1}' });
    expect(res.bodyUsed).toBe(true);
    await expect(res.text()).rejects.toThrow('already read');
    await httpFetch(`${base}/json`, { method: 'POST', headers: [['x-pair', '1']], body: new TextEncoder().encode('bytes') });
    expect(seen.at(-1)).toMatchObject({ body: 'bytes', headers: expect.objectContaining({ 'x-pair': '1' }) });
    await httpFetch(new URL(`${base}/json`), { headers: { 'x-plain': '2' } });
    expect(seen.at(-1)!.headers['x-plain']).toBe('2');
  });

  it('streams the body as bytes, for the SDK’s SSE reader', async () => {
    const res = await httpFetch(`${base}/sse`);
    let text = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      expect(chunk).toBeInstanceOf(Uint8Array);
      text += Buffer.from(chunk).toString('utf8');
    }
    expect(text).toBe('data: one\n\ndata: two\n\n');
  });

  it('answers errors and empty bodies as fetch does', async () => {
    const res = await httpFetch(`${base}/busy`);
    expect([res.status, res.ok, res.statusText, res.headers.get('retry-after')]).toEqual([429, false, 'Too Many Requests', '1']);
    expect(await res.text()).toBe('slow down');
    const empty = await httpFetch(`${base}/empty`);
    expect([empty.status, empty.body, await empty.text()]).toEqual([204, null, '']);
  });

  it('honours an abort signal, before and during the request', async () => {
    const before = new AbortController();
    before.abort(new Error('stopped before'));
    await expect(httpFetch(`${base}/json`, { signal: before.signal })).rejects.toThrow('stopped before');
    const during = new AbortController();
    const pending = httpFetch(`${base}/hang`, { method: 'POST', body: 'hang', signal: during.signal });
    while (seen.at(-1)?.body !== 'hang') await new Promise((r) => setTimeout(r, 5));
    during.abort();
    await expect(pending).rejects.toThrow(/abort/i);
  });

  it('refuses a body it cannot send', async () => {
    await expect(httpFetch(`${base}/json`, { method: 'POST', body: { not: 'bytes' } })).rejects.toThrow('unsupported request body');
  });
});

describe('the Headers stand-in behaves as Node’s Headers for what the SDK does', () => {
  it('same answers for the same operations', () => {
    const ops = (h: { append(n: string, v: string): void; set(n: string, v: string): void; delete(n: string): void }) => {
      h.append('Content-Type', 'application/json');
      h.append('X-Many', 'a');
      h.append('x-many', ' b ');
      h.set('Authorization', 'Bearer k');
      h.append('X-Gone', '1');
      h.delete('x-GONE');
      h.set('b-first', '1');
    };
    const real = new Headers();
    const shim = new ShimHeaders();
    ops(real);
    ops(shim);
    expect([...shim]).toEqual([...real]);
    expect([...shim.keys()]).toEqual([...real.keys()]);
    expect([...shim.values()]).toEqual([...real.values()]);
    for (const name of ['x-many', 'AUTHORIZATION', 'x-gone', 'missing']) {
      expect(shim.get(name)).toBe(real.get(name));
      expect(shim.has(name)).toBe(real.has(name));
    }
    const seen: string[] = [];
    shim.forEach((v, k) => seen.push(`${k}=${v}`));
    expect(seen).toEqual([...real].map(([k, v]) => `${k}=${v}`));
    expect([...new ShimHeaders(shim)]).toEqual([...real]);
    expect([...new ShimHeaders([['A', '1']])]).toEqual([...new Headers([['A', '1']])]);
    expect([...new ShimHeaders({ A: '1' })]).toEqual([...new Headers({ A: '1' })]);
    expect(Object.prototype.toString.call(shim)).toBe('[object Headers]');
  });

  it('refuses what Node’s refuses, naming the header and never the value', () => {
    for (const [name, value] of [
      ['authorization', 'Bearer sk-abc\ndef'],
      ['authorization', 'Bearer sk-\u201cabc\u201d'],
      ['x-nul', 'a\0b'],
      ['bad name', 'v'],
      ['', 'v'],
    ] as const) {
      expect(() => new Headers().append(name, value), `${name}: ${value}`).toThrow(TypeError);
      let message = '';
      try {
        new ShimHeaders().append(name, value);
      } catch (error) {
        expect(error).toBeInstanceOf(TypeError);
        message = (error as Error).message;
      }
      expect(message, `${name}: ${value}`).not.toBe('');
      expect(message).not.toContain('sk-');
      expect(() => new ShimHeaders().set(name, value)).toThrow(TypeError);
    }
    expect(new ShimHeaders([['X-Pad', ' \t v \r\n']]).get('x-pad')).toBe(new Headers([['X-Pad', ' \t v \r\n']]).get('x-pad'));
    expect(new ShimHeaders([['X-Latin', 'caf\u00e9']]).get('x-latin')).toBe(new Headers([['X-Latin', 'caf\u00e9']]).get('x-latin'));
  });
});
