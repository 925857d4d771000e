/**
 * The only module that imports `openai` (dynamically). One streamed call with a JSON-schema
 * structured output, through the Responses API or Chat Completions; the SDK's own retries and
 * 10-minute timeout are off: one deadline (timeoutMs) covers everything, with at most one retry
 * inside it for a rate limit, a server error or a dropped connection.
 */
import type { ReviewConfig } from '../config/types.js';
import { answerSchema, parseAnswer, SCHEMA_NAME, type ReviewAnswer } from './schema.js';
import { httpFetch } from './http-fetch.js';
import type { Endpoint } from './endpoint.js';

export { resolveEndpoint, displayURL, type Endpoint } from './endpoint.js';

export class ReviewUnavailable extends Error {}

export interface CallOptions {
  review: ReviewConfig;
  endpoint: Endpoint;
  system: string;
  user: string;
  signal?: AbortSignal;
}

export async function callModel(options: CallOptions): Promise<ReviewAnswer> {
  const { review } = options;
  const deadline = Date.now() + review.timeoutMs;
  const timeout = AbortSignal.timeout(review.timeoutMs);
  const firstByte = firstByteDeadline(review.firstByteMs ?? 5000);
  const signal = AbortSignal.any([timeout, firstByte.signal, ...(options.signal ? [options.signal] : [])]);
  const { default: OpenAI } = await import('openai');
  const client = new OpenAI({ apiKey: options.endpoint.apiKey, baseURL: options.endpoint.baseURL, maxRetries: 0, timeout: review.timeoutMs, fetch: httpFetch as never });
  for (let attempt = 0; ; attempt++) {
    try {
      firstByte.start();
      const text = review.api === 'chat' ? await streamChat(client, options, signal, firstByte.arrived) : await streamResponses(client, options, signal, firstByte.arrived);
      firstByte.arrived();
      try {
        return parseAnswer(text);
      } catch (error) {
        throw new ReviewUnavailable((error as Error).message);
      }
    } catch (error) {
      if (error instanceof ReviewUnavailable) throw error;
      firstByte.arrived();
      const reason = firstByte.signal.aborted && !timeout.aborted ? `timed out: no first byte within ${review.firstByteMs} ms (review.firstByteMs)` : describeError(error, review.timeoutMs, timeout.aborted);
      const retryable = !signal.aborted && isRetryable(error) && attempt === 0 && deadline - Date.now() > 1000;
      if (!retryable) throw new ReviewUnavailable(reason);
    }
  }
}

type Client = InstanceType<(typeof import('openai'))['default']>;

/** Aborts when `ms` pass after `start()` without `arrived()`: a hung endpoint fails in seconds, not after timeoutMs. */
function firstByteDeadline(ms: number) {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arrived = () => clearTimeout(timer);
  return {
    signal: controller.signal,
    start: () => {
      arrived();
      timer = setTimeout(() => controller.abort(new Error('first byte deadline')), ms);
      timer.unref?.();
    },
    arrived,
  };
}

async function streamResponses(client: Client, options: CallOptions, signal: AbortSignal, arrived: () => void): Promise<string> {
  const stream = await client.responses.create(
    {
      model: options.review.model,
      instructions: options.system,
      input: options.user,
      stream: true,
      text: { format: { type: 'json_schema', name: SCHEMA_NAME, schema: answerSchema as never, strict: true } },
    },
    { signal },
  );
  let text = '';
  for await (const event of stream) {
    arrived();
    if (event.type === 'response.output_text.delta') text += event.delta;
    else if (event.type === 'response.failed' || event.type === 'error') throw new ReviewUnavailable(`the model reported an error (${event.type})`);
    else if (event.type === 'response.refusal.delta') throw new ReviewUnavailable('the model refused to answer');
  }
  return text;
}

async function streamChat(client: Client, options: CallOptions, signal: AbortSignal, arrived: () => void): Promise<string> {
  const stream = await client.chat.completions.create(
    {
      model: options.review.model,
      messages: [
        { role: 'system', content: options.system },
        { role: 'user', content: options.user },
      ],
      stream: true,
      response_format: { type: 'json_schema', json_schema: { name: SCHEMA_NAME, schema: answerSchema as never, strict: true } },
    },
    { signal },
  );
  let text = '';
  for await (const chunk of stream) {
    arrived();
    text += chunk.choices[0]?.delta?.content ?? '';
  }
  return text;
}

/** The system error code at the bottom of a cause chain (the SDK wraps fetch, which wraps the socket). */
function causeCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code)) return e.code;
    const errors = (e as { errors?: unknown[] }).errors;
    if (Array.isArray(errors)) for (const inner of errors) if (typeof (inner as { code?: unknown }).code === 'string') return (inner as { code: string }).code;
  }
  return undefined;
}

function isRetryable(error: unknown): boolean {
  const status = (error as { status?: number }).status;
  if (typeof status === 'number') return status === 429 || status >= 500;
  return /connection|ECONNRESET|socket hang up/i.test(String((error as Error)?.message));
}

function describeError(error: unknown, timeoutMs: number, timedOut: boolean): string {
  if (timedOut) return `timed out: no answer within ${timeoutMs} ms (review.timeoutMs)`;
  const e = error as { status?: number; message?: string };
  if (typeof e.status === 'number') return `the endpoint answered HTTP ${e.status}${e.status === 401 ? ' (check the API key)' : e.status === 404 ? ' (check review.model and review.baseURL)' : e.status === 429 ? ' (rate limited)' : ''}`;
  const code = causeCode(error) ?? /ECONNREFUSED|ENOTFOUND|ECONNRESET|ETIMEDOUT/.exec(String(e.message))?.[0];
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code) return `network error (${code})`;
  return `request failed: ${String(e.message ?? error).split('\n')[0]}`;
}

/** doctor: does the endpoint answer, and does it know the model? Returns null when it does, else the reason. */
export async function pingModel(review: ReviewConfig, endpoint: Endpoint): Promise<string | null> {
  const { default: OpenAI } = await import('openai');
  const timeoutMs = Math.min(review.timeoutMs, 5000);
  const client = new OpenAI({ apiKey: endpoint.apiKey, baseURL: endpoint.baseURL, maxRetries: 0, timeout: timeoutMs, fetch: httpFetch as never });
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    await client.models.retrieve(review.model, { signal: timeout });
    return null;
  } catch (error) {
    return describeError(error, timeoutMs, timeout.aborted);
  }
}
