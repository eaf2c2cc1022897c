import { describe, expect, it } from 'vitest';
import { configWarnings, readConfig } from './read-config.ts';

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
    expect(c.shutdownGraceMs).toBe(8000);
    expect(readConfig({ SHUTDOWN_GRACE_SECONDS: '30' }).shutdownGraceMs).toBe(30_000);
    expect(c.rateLimits).toEqual({ perAddressPerMinute: 60, perConversationPerMinute: 20 });
    expect(c.trustedProxyHops).toBe(0);
  });

  it('reads the ticket webhook with its secret', () => {
    expect(readConfig({}).ticketWebhook).toBeUndefined();
    expect(
      readConfig({ TICKET_WEBHOOK_URL: ' https://erp.shop.cn/tickets ', TICKET_WEBHOOK_SECRET: 's3' })
        .ticketWebhook,
    ).toEqual({ url: 'https://erp.shop.cn/tickets', secret: 's3' });
    expect(readConfig({ TICKET_WEBHOOK_URL: 'https://erp.shop.cn/tickets' }).ticketWebhook).toEqual({
      url: 'https://erp.shop.cn/tickets',
    });
  });

  it('reads the rate limits (0 turns one off) and the trusted proxies', () => {
    const c = readConfig({
      RATE_LIMIT_ADDRESS_PER_MINUTE: '0',
      RATE_LIMIT_CONVERSATION_PER_MINUTE: '5',
      TRUSTED_PROXY_HOPS: '1',
    });
    expect(c.rateLimits).toEqual({ perAddressPerMinute: 0, perConversationPerMinute: 5 });
    expect(c.trustedProxyHops).toBe(1);
  });

  it('reads the model backend and overrides', () => {
    const c = readConfig({
      LLM_BASE_URL: 'http://gpu:8000/v1',
      LLM_API_KEY: 'k',
      LLM_MODEL: 'm',
      LLM_ENABLE_THINKING: 'false',
      ALLOWED_ORIGINS: 'https://a.cn, https://b.cn:8443/',
    });
    expect(c.llm).toMatchObject({ baseURLs: ['http://gpu:8000/v1'], apiKey: 'k', model: 'm' });
    expect(c.settings.enableThinking).toBe(false);
    expect(c.allowedOrigins).toEqual(['https://a.cn', 'https://b.cn:8443']);
  });

  it.each([
    [{ LLM_TEMPERATURE: 'hot' }, /LLM_TEMPERATURE/],
    [{ LLM_MAX_TOKENS: '5000' }, /smaller than LLM_CONTEXT_TOKENS/],
    [{ LLM_BASE_URL: 'gpu:8000' }, /starting with http/],
    [{ SHUTDOWN_GRACE_SECONDS: '-1' }, /SHUTDOWN_GRACE_SECONDS must be a number from 0/],
    [{ RATE_LIMIT_ADDRESS_PER_MINUTE: 'many' }, /RATE_LIMIT_ADDRESS_PER_MINUTE must be a number from 0/],
    [{ TRUSTED_PROXY_HOPS: '11' }, /TRUSTED_PROXY_HOPS must be a number from 0 to 10/],
    [{ TICKET_WEBHOOK_URL: 'tickets.shop.cn/new' }, /TICKET_WEBHOOK_URL must start with http/],
    [{ RATE_LIMIT_CONVERSATION_PER_MINUTE: '0.5' }, /must be a whole number from 0 to 1000000 \(got "0.5"\)/],
    [
      { ALLOWED_ORIGINS: 'https://a.cn,shop.example.com' },
      /ALLOWED_ORIGINS must list origins .*got "shop.example.com"/,
    ],
    [{ ALLOWED_ORIGINS: 'https://shop.example.com/cart' }, /no path; got "https:\/\/shop.example.com\/cart"/],
  ])('fails loudly on %j', (env, message) => {
    expect(() => readConfig(env)).toThrow(message);
  });
});

describe('readConfig: model backends', () => {
  it('reads several comma-separated backends with failover settings', () => {
    const c = readConfig({
      LLM_BASE_URL: 'http://gpu-1:8000/v1, http://gpu-2:8000/v1',
      LLM_FIRST_TOKEN_MS: '6000',
      LLM_BREAKER_FAILURES: '2',
    });
    expect(c.llm).toMatchObject({
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

describe('configWarnings', () => {
  it('warns about open origins once a model is spent on the chats, not for the demo without one', () => {
    expect(configWarnings(readConfig({}))).toEqual([]);
    expect(configWarnings(readConfig({ LLM_BASE_URL: 'http://gpu:8000/v1' }))).toEqual([
      expect.stringMatching(/^ALLOWED_ORIGINS is not set/),
    ]);
    expect(
      configWarnings(readConfig({ LLM_BASE_URL: 'http://gpu:8000/v1', ALLOWED_ORIGINS: 'https://a.cn' })),
    ).toEqual([]);
  });
});
