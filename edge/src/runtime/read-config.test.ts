import { describe, expect, it } from 'vitest';
import { readConfig } from './read-config.ts';

describe('readConfig', () => {
  it('runs without a model by default, with the shop brief defaults', () => {
    const c = readConfig({});
    expect(c.llm).toBeUndefined();
    expect(c.settings).toEqual({
      temperature: 0.3,
      maxTokens: 512,
      contextTokens: 4096,
      enableThinking: true,
      topK: 3,
    });
    expect(c.allowedOrigins).toBe('*');
  });

  it('reads the model backend and overrides', () => {
    const c = readConfig({
      LLM_BASE_URL: 'http://gpu:8000/v1',
      LLM_API_KEY: 'k',
      LLM_MODEL: 'm',
      LLM_ENABLE_THINKING: 'false',
      ALLOWED_ORIGINS: 'https://a.cn, https://b.cn',
    });
    expect(c.llm).toMatchObject({ baseURL: 'http://gpu:8000/v1', apiKey: 'k', model: 'm' });
    expect(c.settings.enableThinking).toBe(false);
    expect(c.allowedOrigins).toEqual(['https://a.cn', 'https://b.cn']);
  });

  it.each([
    [{ LLM_TEMPERATURE: 'hot' }, /LLM_TEMPERATURE/],
    [{ LLM_MAX_TOKENS: '5000' }, /smaller than LLM_CONTEXT_TOKENS/],
    [{ LLM_BASE_URL: 'gpu:8000' }, /must start with http/],
  ])('fails loudly on %j', (env, message) => {
    expect(() => readConfig(env)).toThrow(message);
  });
});
