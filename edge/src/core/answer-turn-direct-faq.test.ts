import type { ChatEvent } from '@xiaoer/protocol';
import { expect, it } from 'vitest';
import type { Llm, LlmRequest } from '../ports/llm.ts';
import type { Passage } from '../ports/retriever.ts';
import { answerTurn } from './answer-turn.ts';
import { createKnowledgeRetriever } from './create-knowledge-retriever.ts';
import { DEFAULT_MODEL_SETTINGS } from './model-settings.ts';
import { DEFAULT_SHOP_PROFILE } from './shop-profile.ts';
import type { TurnOutcome } from './turn-types.ts';

const passages: Passage[] = [
  {
    id: 'faq:F132',
    docId: 'faq:F132',
    kind: 'faq',
    title: '支持货到付款吗？',
    text: '问：支持货到付款吗？\n答：抱歉，目前不支持货到付款。',
    answer: '抱歉，目前不支持货到付款。',
    questions: ['支持货到付款吗？', '能货到付款吗'],
  },
  {
    id: 'faq:F015',
    docId: 'faq:F015',
    kind: 'faq',
    title: '包邮吗？',
    text: '问：包邮吗？\n答：全店实付满49元包邮。',
    answer: '全店实付满49元包邮。',
    questions: ['包邮吗？'],
  },
];

async function run(text: string, directAnswerScore: number | undefined) {
  const calls: LlmRequest[] = [];
  const llm: Llm = {
    model: 'm',
    async *stream(request) {
      calls.push(request);
      yield { type: 'content', text: '模型回答' };
      yield { type: 'finish', reason: 'stop' };
    },
    ready: async () => true,
  };
  const retriever = createKnowledgeRetriever();
  retriever.load(passages);
  const turn = answerTurn(
    { text, history: [] },
    {
      retriever,
      llm,
      profile: DEFAULT_SHOP_PROFILE,
      settings: DEFAULT_MODEL_SETTINGS,
      clock: Date,
      minRetrievalScore: 0.12,
      ...(directAnswerScore === undefined ? {} : { directAnswerScore }),
    },
    new AbortController().signal,
  );
  const events: ChatEvent[] = [];
  let next = await turn.next();
  while (!next.done) {
    events.push(next.value);
    next = await turn.next();
  }
  return { calls, events, outcome: next.value as TurnOutcome };
}

it('sends a strongly matched FAQ answer without calling the model', async () => {
  const { calls, outcome } = await run('支持货到付款吗', 0.5);
  expect(calls).toHaveLength(0);
  expect(outcome.mode).toBe('retrieval');
  expect(outcome.text).toContain('不支持货到付款');
});

it('calls the model when the match is weaker or direct answers are off', async () => {
  expect((await run('我想收到东西以后再付钱，货到付款行不行', 0.5)).calls).toHaveLength(1);
  expect((await run('支持货到付款吗', undefined)).calls).toHaveLength(1);
  expect((await run('支持货到付款吗', 1.01)).outcome.mode).toBe('model');
});
