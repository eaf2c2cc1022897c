const AFTER_SALES = /退款|退货|退钱|换货|换个|投诉|售后|维修|返修|破损|碎了|坏了|少发|漏发|发错|错发/;

/** True when the customer's message is about a refund, exchange, return, repair or complaint. */
export function needsTicketGuidance(text: string): boolean {
  return AFTER_SALES.test(text);
}
