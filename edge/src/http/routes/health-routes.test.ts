import { type FakeOpenAiServer, startFakeOpenAiServer } from '@xiaoer/fake-openai-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp } from '../../../test/support/make-test-app.ts';
import { createFailoverLlm } from '../../adapters/llm/failover-llm.ts';
import { createOpenAiCompatibleLlm } from '../../adapters/llm/openai-compatible-llm.ts';
import { platformTimer } from '../../adapters/timer/platform-timer.ts';
import { createLexicalRetriever } from '../../core/create-lexical-retriever.ts';

let fake: FakeOpenAiServer;
beforeAll(async () => {
  fake = await startFakeOpenAiServer();
});
afterAll(async () => {
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
    const { app } = await makeTestApp({
      overrides: {
        retriever: createLexicalRetriever([{ id: 'p', docId: 'p', kind: 'faq', title: 't', text: '发货' }]),
        llm,
      },
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
