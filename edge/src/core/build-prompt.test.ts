import { describe, expect, it } from 'vitest';
import type { ScoredPassage } from '../ports/retriever.ts';
import { buildPrompt } from './build-prompt.ts';
import { estimateTokens } from './estimate-tokens.ts';
import { DEFAULT_MODEL_SETTINGS } from './model-settings.ts';
import { DEFAULT_SHOP_PROFILE } from './shop-profile.ts';

const passage = (id: string, text: string): ScoredPassage => ({
  id,
  docId: id,
  kind: 'policy',
  title: id,
  text,
  score: 1,
});

describe('buildPrompt', () => {
  it('puts the rules and passages in the system message and the question last', () => {
    const messages = buildPrompt(
      {
        question: '几点前付款当天发?',
        passages: [passage('a', '16:00前付款当天发出')],
        history: [{ customer: '你好', assistant: '您好' }],
      },
      DEFAULT_SHOP_PROFILE,
      DEFAULT_MODEL_SETTINGS,
    );
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(messages[0]!.content).toContain('[1] 16:00前付款当天发出');
    for (const rule of DEFAULT_SHOP_PROFILE.rules) expect(messages[0]!.content).toContain(rule);
    expect(messages.at(-1)).toEqual({ role: 'user', content: '几点前付款当天发?' });
  });

  it('stays within the context budget, dropping the oldest history and the weakest passages first', () => {
    const long = '退'.repeat(1500);
    const settings = { ...DEFAULT_MODEL_SETTINGS, contextTokens: 4096, maxTokens: 512 };
    const messages = buildPrompt(
      {
        question: '怎么退货',
        passages: [passage('a', long), passage('b', long), passage('c', long)],
        history: [{ customer: `最早${long}` }, { customer: '上一句', assistant: '上一答' }],
      },
      DEFAULT_SHOP_PROFILE,
      settings,
    );
    const total = messages.reduce((s, m) => s + estimateTokens(m.content), 0);
    expect(total).toBeLessThanOrEqual(settings.contextTokens - settings.maxTokens);
    expect(messages[0]!.content).toContain('[2]');
    expect(messages[0]!.content).not.toContain('[3]');
    expect(messages.map((m) => m.content)).toContain('上一句');
    expect(messages.some((m) => m.content.startsWith('最早'))).toBe(false);
  });

  it('says so when no passage was found', () => {
    const [system] = buildPrompt(
      { question: 'x', passages: [], history: [] },
      DEFAULT_SHOP_PROFILE,
      DEFAULT_MODEL_SETTINGS,
    );
    expect(system!.content).toContain('没有找到相关资料');
  });
});
