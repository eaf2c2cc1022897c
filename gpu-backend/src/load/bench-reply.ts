import { toTokens } from '@xiaoer/fake-openai-server';

/** Token counts of the replies the fake model server streams in `pnpm bench edge-overhead`. */
export interface ReplyShape {
  reasoningTokens: number;
  answerTokens: number;
}

/**
 * `typical`: what one A10 at the reference load gives a customer. vLLM decodes Qwen3-0.6B for about 100 chats at
 * roughly 20 ms per token (the --token-ms default); the reference P95 of 1.2 s to the first visible token leaves
 * room for about 40 reasoning tokens after a 200 ms prefill; the shop asks for two or three short sentences (about
 * 80 characters, 60 tokens). A chat then lasts about 2.2 s.
 * `short`: a 14-token thought and a 10-token answer (about 0.5 s a chat): four times the chat rate of `typical` for
 * the same 100 concurrent chats, a stress case rather than a shop's traffic.
 */
export const REPLY_SHAPES: Record<'typical' | 'short', ReplyShape> = {
  typical: { reasoningTokens: 40, answerTokens: 60 },
  short: { reasoningTokens: 14, answerTokens: 10 },
};

// Plain, confident text: no hedges (不确定, 建议核实) that would make the edge hand the chat over, no phrases its
// reply rules remove.
const REASONING =
  '顾客在问发货时间。资料写着每天16:00前付款的订单当天发货，之后付款的次日发货，默认发中通快递。我先给结论，再补一句快递时效，语气友好。';
const ANSWER =
  '亲，每天16:00前付款的订单当天就能发出，16:00后付款的第二天发出哦。默认发中通快递，一般2到4天送到，新疆、西藏、青海要5到7天。想改顺丰的话补个差价就可以。';

function cut(seed: string, tokens: number): string {
  const out: string[] = [];
  while (out.length < tokens) out.push(...toTokens(seed));
  return out.slice(0, tokens).join('');
}

/** The texts the fake model server streams for a shape (tokens as the fake splits them). */
export function benchReply(shape: ReplyShape): { reasoning: string; content: string } {
  return { reasoning: cut(REASONING, shape.reasoningTokens), content: cut(ANSWER, shape.answerTokens) };
}
