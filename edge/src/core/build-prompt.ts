import type { LlmMessage } from '../ports/llm.ts';
import type { ScoredPassage } from '../ports/retriever.ts';
import { estimateTokens } from './estimate-tokens.ts';
import type { ModelSettings } from './model-settings.ts';
import type { ShopProfile } from './shop-profile.ts';

export interface PromptInput {
  question: string;
  passages: ScoredPassage[];
  /** Earlier turns, oldest first. */
  history: { customer: string; assistant?: string }[];
  /** Deterministic facts for this turn (order state, time rules), stated before the passages. */
  facts?: string[];
}

/**
 * Builds the chat messages: the shop's rules and the retrieved passages in the system message, then as many recent
 * turns as fit, then the question. The total stays within contextTokens - maxTokens (estimateTokens over-counts);
 * passages are cut before the question is.
 */
export function buildPrompt(input: PromptInput, profile: ShopProfile, settings: ModelSettings): LlmMessage[] {
  const budget = settings.contextTokens - settings.maxTokens;
  const rules = profile.rules.map((r, i) => `${i + 1}. ${r}`).join('\n');
  const header = `你是${profile.shopName}的在线客服。请遵守：\n${rules}\n`;
  const question: LlmMessage = { role: 'user', content: input.question };
  let used = estimateTokens(header) + estimateTokens(input.question) + 16;

  const facts = input.facts?.length ? `\n【事实】\n${input.facts.join('\n')}\n` : '';
  used += estimateTokens(facts);
  const parts: string[] = [];
  for (const [i, p] of input.passages.entries()) {
    const block = `[${i + 1}] ${p.text}`;
    const cost = estimateTokens(block);
    if (used + cost > budget) break;
    parts.push(block);
    used += cost;
  }
  const context = `\n【资料】\n${parts.length ? parts.join('\n\n') : '（没有找到相关资料）'}`;
  const history: LlmMessage[] = [];
  for (const turn of [...input.history].reverse()) {
    const pair: LlmMessage[] = [{ role: 'user', content: turn.customer }];
    if (turn.assistant) pair.push({ role: 'assistant', content: turn.assistant });
    const cost = pair.reduce((s, m) => s + estimateTokens(m.content), 0);
    if (used + cost > budget) break;
    history.unshift(...pair);
    used += cost;
  }
  return [{ role: 'system', content: header + facts + context }, ...history, question];
}
