import type { TicketKind } from '../ports/ticket-sink.ts';

const ASKS =
  /(?:生成|开|提交|建|创建|要|办)(?:个|一个|一下)?.{0,3}工单|帮我(?:申请|提交|办理)售后|帮我(?:申请)?(?:退款|退货|换货)(?!吗)/;
const YES =
  /^(好|好的|好啊|行|可以|需要|要|嗯|是的|对|麻烦了|麻烦你了|ok|生成吧|帮我生成)[\s\p{P}吧呀啊的]*$/iu;
const OFFERED = /生成工单/;
const NEGATED = /不用|不要|不需要|先不|别/;

const KINDS: [TicketKind, RegExp][] = [
  ['complaint', /投诉/],
  ['exchange', /换货|换一个|换个|换成|发错|错发/],
  ['repair', /维修|修理|返修|保修/],
  ['return', /退货|退回/],
  ['refund', /退款|退钱|少发|漏发|少了|碎了|破损/],
];

/**
 * Whether the customer accepts (or asks for) an after-sales ticket in this message: 「帮我生成工单」, or a plain
 * 「好的」 right after a reply that offered one when the conversation is about a refund, return, exchange, repair or
 * complaint. Returns the ticket kind from the conversation's words, or null.
 * @example detectTicketRequest('好的', [{ customer: '杯子碎了能退吗', assistant: '…需要我帮您查订单或生成工单吗?' }]) // 'refund'
 */
export function detectTicketRequest(
  text: string,
  history: { customer: string; assistant?: string }[],
): TicketKind | null {
  const t = text.trim();
  if (NEGATED.test(t)) return null;
  const last = history.at(-1);
  const asked = ASKS.test(t);
  // Every reply offers a ticket in its closing line: a plain yes counts only after an after-sales topic.
  const agreed = YES.test(t) && !!last?.assistant && OFFERED.test(last.assistant);
  if (!asked && !agreed) return null;
  const words = [
    t,
    ...history
      .slice(-4)
      .map((h) => h.customer)
      .reverse(),
  ];
  for (const w of words) for (const [kind, re] of KINDS) if (re.test(w)) return kind;
  return asked ? 'other' : null;
}
