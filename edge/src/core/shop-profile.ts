/**
 * Everything a shop configures about how its bot talks: one place, loaded from `<kb>/shop.json` when present
 * (see mergeShopProfile) and otherwise these defaults, which encode the brief the shops gave us.
 */
export interface ShopProfile {
  shopName: string;
  /** Greeting for small talk and the widget's first bubble. */
  greeting: string;
  /** Said when the knowledge base does not cover the question. */
  transferPhrase: string;
  /** Every answer ends with this line. */
  closingLine: string;
  /** Phrases a reply must never contain. */
  bannedPhrases: string[];
  /** Added to refund / exchange / return / complaint answers. */
  ticketGuidance: string;
  /** Shown when a human is requested or takes over. */
  handoffMessage: string;
  /** Said instead of an answer the model was unsure of (low-confidence breaker). */
  lowConfidenceMessage: string;
  /** Said when the model is unavailable and the knowledge base does not cover the question. */
  degradedMessage: string;
  /** Style and grounding rules given to the model, in order. */
  rules: string[];
}

export const DEFAULT_SHOP_PROFILE: ShopProfile = {
  shopName: '本店',
  greeting: '您好，我是智能客服小二，有什么可以帮您？',
  transferPhrase: '这个问题我需要帮您转接专人',
  closingLine: '需要我帮您查订单或生成工单吗?',
  bannedPhrases: ['根据您的描述', '根据您提供的信息', '根据资料', '根据知识库'],
  ticketGuidance:
    '退款、换货或投诉可以在「我的订单」里点「申请售后」提交，系统会生成GD开头的售后工单号，也可以让我帮您生成工单。',
  handoffMessage: '好的，正在为您转接人工客服，请稍等。',
  lowConfidenceMessage: '这个问题我不太确定，怕答错耽误您，正在为您转接人工客服，请稍等。',
  degradedMessage: '智能客服暂时繁忙，这个问题我先为您转接人工客服，请稍等。',
  rules: [
    '只根据下面【资料】里的内容回答，资料里没有的不要编造，也不要猜测。',
    '资料不能回答这个问题时，只回复：这个问题我需要帮您转接专人',
    '用简短、友好的口语回答，每句话不超过30个字，一般不超过4句。',
    '不要说「根据您的描述」「根据资料」这类套话，直接回答。',
    '涉及退款、换货、退货或投诉时，告诉顾客如何提交售后工单。',
    '回答最后单独一行写：需要我帮您查订单或生成工单吗?',
  ],
};

/** Overlays a shop's partial profile on the defaults; unknown keys are ignored, wrong types are rejected. */
export function mergeShopProfile(partial: unknown, base: ShopProfile = DEFAULT_SHOP_PROFILE): ShopProfile {
  if (partial === undefined || partial === null) return base;
  if (typeof partial !== 'object' || Array.isArray(partial))
    throw new TypeError('shop profile must be a JSON object');
  const out: ShopProfile = { ...base };
  const p = partial as Record<string, unknown>;
  for (const key of Object.keys(base) as (keyof ShopProfile)[]) {
    const v = p[key];
    if (v === undefined) continue;
    const expectArray = Array.isArray(base[key]);
    if (expectArray ? !Array.isArray(v) || !v.every((s) => typeof s === 'string') : typeof v !== 'string') {
      throw new TypeError(
        `shop profile: "${key}" must be ${expectArray ? 'an array of strings' : 'a string'}`,
      );
    }
    (out as unknown as Record<string, unknown>)[key] = v;
  }
  return out;
}
