/**
 * A small fetch over node:http / node:https for the openai SDK. Node 20's global fetch (undici)
 * compiles its WebAssembly HTTP parser on first use and makes the process wait for that work at
 * exit — about 200 ms on every reviewed commit — and merely touching undici's classes (`Headers`,
 * `Response`) loads all of it, ~55 ms. This answers with what the SDK reads of a Response (status,
 * ok, headers, url, body as an async iterable of bytes, text(), json(), arrayBuffer()) and builds
 * none of undici's objects; `node:https` loads only for an https URL (~8 ms).
 */
import http from 'node:http';
import type { IncomingMessage } from 'node:http';
import { Headers } from './web-shims.js';

type FetchInit = { method?: string; headers?: unknown; body?: unknown; signal?: AbortSignal | null };

function headerRecord(headers: unknown): Record<string, string> {
  if (!headers) return {};
  if (typeof (headers as Headers).forEach === 'function' && !Array.isArray(headers)) {
    const out: Record<string, string> = {};
    (headers as Headers).forEach((v, k) => (out[k] = v));
    return out;
  }
  if (Array.isArray(headers)) return Object.fromEntries(headers as [string, string][]);
  return { ...(headers as Record<string, string>) };
}

export async function httpFetch(input: string | URL | { url: string }, init: FetchInit = {}): Promise<Response> {
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
  const lib = url.protocol === 'https:' ? (await import('node:https')).default : http;
  return new Promise((resolve, reject) => {
    const signal = init.signal ?? undefined;
    if (signal?.aborted) return reject(signal.reason);
    const req = lib.request(url, { method: init.method ?? 'GET', headers: headerRecord(init.headers), signal }, (res) => resolve(toResponse(res, url.href)));
    req.on('error', reject);
    const body = init.body;
    if (body === undefined || body === null) req.end();
    else if (typeof body === 'string' || body instanceof Uint8Array) req.end(body);
    else if (body instanceof ArrayBuffer) req.end(Buffer.from(body));
    else reject(new TypeError('httpFetch: unsupported request body'));
  });
}

function toResponse(res: IncomingMessage, url: string): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
    else if (value !== undefined) headers.set(name, value);
  }
  const status = res.statusCode ?? 500;
  const body = status === 204 || status === 304 ? null : res;
  if (!body) res.resume();
  let used = false;
  const bytes = async (): Promise<Buffer> => {
    if (used) throw new TypeError('httpFetch: the body was already read');
    used = true;
    if (!body) return Buffer.alloc(0);
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };
  const response = {
    ok: status >= 200 && status < 300,
    status,
    statusText: res.statusMessage ?? '',
    headers,
    url,
    redirected: false,
    type: 'basic',
    body,
    get bodyUsed() {
      return used;
    },
    text: async () => (await bytes()).toString('utf8'),
    json: async () => JSON.parse((await bytes()).toString('utf8')) as unknown,
    arrayBuffer: async () => {
      const b = await bytes();
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
    },
  };
  return response as unknown as Response;
}
