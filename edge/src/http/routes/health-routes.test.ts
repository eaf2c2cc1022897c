import { type FakeOpenAiServer, startFakeOpenAiServer } from '@xiaoer/fake-openai-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteConversationStore } from '../../adapters/conversations/pglite-conversation-store.ts';
import { createFailoverLlm } from '../../adapters/llm/failover-llm.ts';
import { createOpenAiCompatibleLlm } from '../../adapters/llm/openai-compatible-llm.ts';
import { platformTimer } from '../../adapters/timer/platform-timer.ts';
import { createLexicalRetriever } from '../../core/create-lexical-retriever.ts';
import { DEFAULT_MODEL_SETTINGS } from '../../core/model-settings.ts';
import { DEFAULT_SHOP_PROFILE } from '../../core/shop-profile.ts';
import { createApp } from '../create-app.ts';

let fake: FakeOpenAiServer;
let close: () => Promise<void>;
beforeAll(async () => {
  fake = await startFakeOpenAiServer();
});
afterAll(async () => {
  await close?.();
  await fake?.close();
});

describe('GET /readyz with several model backends', () => {
  it('reports each backend with its probe result and circuit', async () => {
    const dead = 'http://127.0.0.1:9/v1';
    const llm = createFailoverLlm(
      [dead, fake.baseURL].map((baseURL) => ({
        name: baseURL,
        llm: createOpenAiCompatibleLlm({ baseURL, model: 'qwen3-0.6b' }),
      })),
      { clock: Date, timer: platformTimer },
    );
    const pg = await createPgliteConversationStore();
    close = pg.close;
    const app = createApp({
      retriever: createLexicalRetriever([{ id: 'p', docId: 'p', kind: 'faq', title: 't', text: '发货' }]),
      llm,
      conversations: pg.store,
      clock: Date,
      profile: DEFAULT_SHOP_PROFILE,
      settings: DEFAULT_MODEL_SETTINGS,
      minRetrievalScore: 0.12,
      allowedOrigins: '*',
    });
    const body = (await (await app.request('/readyz')).json()) as { model: unknown };
    expect(body.model).toMatchObject({
      reachable: true,
      backends: [
        { name: dead, ready: false, circuit: 'closed' },
        { name: fake.baseURL, ready: true, circuit: 'closed' },
      ],
    });
  });
});
