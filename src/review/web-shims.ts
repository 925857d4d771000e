/**
 * What the openai SDK gets instead of the global `Headers`, `FormData` and `Response` in
 * dist/review/client.js (scripts/bundle.mjs injects them with esbuild's `inject`, in that bundle
 * only). Node 20 builds those globals from its bundled undici, and the first touch of any of them
 * loads all of undici: ~55 ms on a 2-core machine, a third of what a review costs a commit. The SDK
 * touches them on every request (`new Headers()` when it builds the headers, `body instanceof
 * FormData` when it builds the body); our calls send JSON and read JSON or SSE through
 * src/review/http-fetch.ts, which needs neither.
 *
 * `Headers` is a small, complete-enough implementation of the WHATWG class (names case-insensitive,
 * values checked as undici checks them, appended values joined with ", ", iteration sorted by name). `FormData` and `Response` stand in
 * for `instanceof` checks, which are false for everything our calls pass, as they would be for the
 * real classes; constructing one (an upload, which we never make) builds the real object.
 */
type Init = Iterable<readonly [string, string]> | Record<string, string> | ShimHeaders | null | undefined;

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * A header as undici takes it: a token name, a value trimmed of HTTP whitespace without NUL, CR, LF
 * or characters outside Latin-1 (a key pasted with a line break fails here, clearly, rather than
 * as a "connection error" from node:http). The message names the header, never its value.
 */
function checked(name: string, value: string): [string, string] {
  const key = String(name);
  if (!TOKEN.test(key)) throw new TypeError(`invalid HTTP header name ${JSON.stringify(key.slice(0, 40))}`);
  const text = String(value).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what this check refuses.
  if (/[\0\r\n]|[^\x00-\xff]/.test(text)) throw new TypeError(`invalid value for the ${key.toLowerCase()} header: a line break, NUL or a character outside Latin-1 (check the API key)`);
  return [key.toLowerCase(), text];
}

class ShimHeaders {
  readonly #values = new Map<string, string>();

  constructor(init?: Init) {
    if (!init) return;
    if (init instanceof ShimHeaders) init.forEach((value, name) => this.append(name, value));
    else if (Symbol.iterator in Object(init)) for (const [name, value] of init as Iterable<readonly [string, string]>) this.append(name, value);
    else for (const [name, value] of Object.entries(init)) this.append(name, value);
  }

  append(name: string, value: string): void {
    const [key, text] = checked(name, value);
    const before = this.#values.get(key);
    this.#values.set(key, before === undefined ? text : `${before}, ${text}`);
  }

  set(name: string, value: string): void {
    const [key, text] = checked(name, value);
    this.#values.set(key, text);
  }

  get(name: string): string | null {
    return this.#values.get(String(name).toLowerCase()) ?? null;
  }

  has(name: string): boolean {
    return this.#values.has(String(name).toLowerCase());
  }

  delete(name: string): void {
    this.#values.delete(String(name).toLowerCase());
  }

  forEach(callback: (value: string, name: string, headers: ShimHeaders) => void, thisArg?: unknown): void {
    for (const [name, value] of this.entries()) callback.call(thisArg, value, name, this);
  }

  *entries(): IterableIterator<[string, string]> {
    yield* [...this.#values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'Headers';
  }
}

class ShimFormData {
  constructor(...args: unknown[]) {
    // biome-ignore lint/correctness/noConstructorReturn: a stand-in; constructing one builds the real object.
    return new (globalThis.FormData as unknown as new (...a: unknown[]) => object)(...args);
  }
}

class ShimResponse {
  constructor(...args: unknown[]) {
    // biome-ignore lint/correctness/noConstructorReturn: a stand-in; constructing one builds the real object.
    return new (globalThis.Response as unknown as new (...a: unknown[]) => object)(...args);
  }
}

export { ShimHeaders as Headers, ShimFormData as FormData, ShimResponse as Response };
