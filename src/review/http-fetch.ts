/**
 * A small fetch over node:http / node:https for the openai SDK. Node 20's global fetch (undici)
 * compiles its WebAssembly HTTP parser on first use and makes the process wait for that work at
 * exit — about 200 ms on every reviewed commit. This keeps the same Response interface without it.
 */
import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';

type FetchInit = { method?: string; headers?: unknown; body?: unknown; signal?: AbortSignal | null };

function headerRecord(headers: unknown): Record<string, string> {
  if (!headers) return {};
  if (typeof (headers as Headers).forEach === 'function') {
    const out: Record<string, string> = {};
    (headers as Headers).forEach((v, k) => (out[k] = v));
    return out;
  }
  if (Array.isArray(headers)) return Object.fromEntries(headers as [string, string][]);
  return { ...(headers as Record<string, string>) };
}

export function httpFetch(input: string | URL | Request, init: FetchInit = {}): Promise<Response> {
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const signal = init.signal ?? undefined;
    if (signal?.aborted) return reject(signal.reason);
    const req = lib.request(url, { method: init.method ?? 'GET', headers: headerRecord(init.headers), signal }, (res) => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(res.headers)) {
        if (Array.isArray(v)) v.forEach((x) => headers.append(k, x));
        else if (v !== undefined) headers.set(k, v);
      }
      const status = res.statusCode ?? 500;
      const body = status === 204 || status === 304 ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>);
      resolve(new Response(body, { status, statusText: res.statusMessage, headers }));
    });
    req.on('error', reject);
    const body = init.body;
    if (body === undefined || body === null) req.end();
    else if (typeof body === 'string' || body instanceof Uint8Array) req.end(body);
    else if (body instanceof ArrayBuffer) req.end(Buffer.from(body));
    else reject(new TypeError('httpFetch: unsupported request body'));
  });
}
