import { describe, expect, it } from 'vitest';
import { displayURL, resolveEndpoint } from '../../../src/review/endpoint.js';
import type { ReviewConfig } from '../../../src/config/types.js';

const review = (over: Partial<ReviewConfig> = {}): ReviewConfig => ({
  enabled: true, provider: 'openai', model: 'm', apiKeyEnv: 'OPENAI_API_KEY', api: 'responses', timeoutMs: 1000, firstByteMs: 1000,
  blockOn: 'error', onUnavailable: 'warn', maxDiffTokens: 1000, exclude: [], instructions: '', ...over,
});

describe('resolveEndpoint', () => {
  it('baseURL from config, else OPENAI_BASE_URL (openai and custom only), else the provider default', () => {
    const env = { OPENAI_BASE_URL: 'http://proxy.local/v1', OPENAI_API_KEY: 'k', CEREBRAS_API_KEY: 'c' };
    expect(resolveEndpoint(review({ baseURL: 'http://x/v1' }), env).baseURL).toBe('http://x/v1');
    expect(resolveEndpoint(review(), env).baseURL).toBe('http://proxy.local/v1');
    expect(resolveEndpoint(review({ provider: 'cerebras' }), env)).toEqual({ baseURL: 'https://api.cerebras.ai/v1', apiKey: 'c' });
    expect(resolveEndpoint(review({ provider: 'ollama' }), {})).toEqual({ baseURL: 'http://localhost:11434/v1', apiKey: 'ollama' });
    expect(resolveEndpoint(review(), {}).baseURL).toBeUndefined();
  });

  it('names the variable to set when there is no key', () => {
    expect(resolveEndpoint(review(), {}).missingKey).toBe('OPENAI_API_KEY');
    expect(resolveEndpoint(review({ provider: 'cerebras' }), {}).missingKey).toBe('CEREBRAS_API_KEY');
    expect(resolveEndpoint(review({ apiKeyEnv: 'MY_KEY' }), {}).missingKey).toBe('MY_KEY');
  });

  it('never displays credentials in a URL', () => {
    expect(displayURL('https://user:token@llm.example.com/v1')).toBe('https://llm.example.com/v1');
    expect(displayURL(undefined)).toBe('the OpenAI API');
  });
});
