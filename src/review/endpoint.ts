/**
 * Where the review goes and with which key: small and free of the SDK, so a commit on a machine
 * without a key learns that without loading the review client.
 */
import type { ReviewConfig } from '../config/types.js';

export interface Endpoint {
  baseURL: string | undefined;
  apiKey: string | undefined;
  /** Why there is no usable key, when there is none. */
  missingKey?: string;
}

const DEFAULT_URLS: Record<string, string | undefined> = {
  openai: undefined,
  cerebras: 'https://api.cerebras.ai/v1',
  ollama: 'http://localhost:11434/v1',
  custom: undefined,
};
const DEFAULT_KEY_ENV: Record<string, string> = { cerebras: 'CEREBRAS_API_KEY' };

/** baseURL from config, else OPENAI_BASE_URL, else the provider's; the key from apiKeyEnv. */
export function resolveEndpoint(review: ReviewConfig, env: NodeJS.ProcessEnv): Endpoint {
  // OPENAI_BASE_URL is OpenAI's variable: it never redirects a Cerebras or Ollama key elsewhere.
  const fromEnv = review.provider === 'openai' || review.provider === 'custom' ? env.OPENAI_BASE_URL : undefined;
  const baseURL = review.baseURL ?? fromEnv ?? DEFAULT_URLS[review.provider];
  const keyEnv = review.apiKeyEnv === 'OPENAI_API_KEY' && DEFAULT_KEY_ENV[review.provider] ? DEFAULT_KEY_ENV[review.provider]! : review.apiKeyEnv;
  const apiKey = env[keyEnv] || (review.provider === 'ollama' ? 'ollama' : undefined);
  return apiKey ? { baseURL, apiKey } : { baseURL, apiKey, missingKey: keyEnv };
}

/** A URL for display: no user name or password in it. */
export function displayURL(url: string | undefined): string {
  if (!url) return 'the OpenAI API';
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '(an unparsable review.baseURL)';
  }
}
