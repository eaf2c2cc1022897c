import { describe, expect, it } from 'vitest';
import { readConfig } from './read-config.ts';

describe('readConfig: model backends', () => {
  it('reads several comma-separated backends with failover settings', () => {
    const c = readConfig({
      LLM_BASE_URL: 'http://gpu-1:8000/v1, http://gpu-2:8000/v1',
      LLM_FIRST_TOKEN_MS: '6000',
      LLM_BREAKER_FAILURES: '2',
    });
    expect(c.llm).toMatchObject({
      baseURL: 'http://gpu-1:8000/v1',
      baseURLs: ['http://gpu-1:8000/v1', 'http://gpu-2:8000/v1'],
      firstTokenBudgetMs: 6000,
      breakerFailures: 2,
      breakerCooldownMs: 30_000,
    });
  });

  it('names the bad entry of the list', () => {
    expect(() => readConfig({ LLM_BASE_URL: 'http://a/v1,gpu-2:8000' })).toThrow(/got "gpu-2:8000"/);
    expect(() => readConfig({ LLM_BASE_URL: 'http://a/v1,http://a/v1' })).toThrow(/same URL twice/);
    expect(() => readConfig({ LLM_BASE_URL: 'http://a/v1', LLM_FIRST_TOKEN_MS: '10' })).toThrow(
      /LLM_FIRST_TOKEN_MS must be a number from 500/,
    );
  });
});
