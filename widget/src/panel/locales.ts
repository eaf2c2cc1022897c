import type { UiErrorKind } from '../core/ui-message.ts';

export interface Strings {
  title: string;
  greeting: string;
  placeholder: string;
  send: string;
  close: string;
  newChat: string;
  typing: string;
  sources: string;
  handoff: string;
  handoffReasons: Record<string, string>;
  ticket: string;
  /** Title of the card of an after-sales ticket this chat opened; the ticket number follows. */
  ticketOpened: string;
  /** Name of the group of product buttons under a clarifying question. */
  choose: string;
  retry: string;
  queued: string;
  helpful: string;
  notHelpful: string;
  thanks: string;
  rateTitle: string;
  rated: string;
  star: (n: number) => string;
  errors: Record<UiErrorKind | 'feedback', string>;
  tooLong: string;
  you: string;
  bot: string;
  product: string;
}

const zh: Strings = {
  title: '在线客服',
  greeting: '您好，我是智能客服小二，有什么可以帮您？',
  placeholder: '输入您的问题，Enter 发送',
  send: '发送',
  close: '关闭',
  newChat: '新对话',
  typing: '小二正在输入…',
  sources: '参考',
  handoff: '正在为您转接人工客服…',
  handoffReasons: {
    explicit: '您要求人工服务',
    emotion: '为了更好地帮您处理',
    low_confidence: '这个问题需要专人确认',
    no_answer: '这个问题需要专人解答',
    upstream_unavailable: '智能客服暂时不可用',
  },
  ticket: '退款、换货或投诉可在「我的订单」里点「申请售后」提交工单。',
  ticketOpened: '已为您创建售后工单',
  choose: '请选择商品',
  retry: '重新发送',
  queued: '网络恢复后自动发送',
  helpful: '有帮助',
  notHelpful: '没帮助',
  thanks: '感谢反馈',
  rateTitle: '请为本次服务打分',
  rated: '感谢您的评价！',
  star: (n) => `${n} 星`,
  errors: {
    offline: '网络已断开，恢复后会自动发送。',
    network: '连接不上客服系统，请检查网络后重试。',
    too_long: '消息太长了，请精简到 2000 字以内。',
    rate_limited: '发送太频繁了，请稍等片刻再试。',
    server: '系统出了点问题，请稍后重试。',
    interrupted: '回答中断了，请点重新发送。',
    feedback: '反馈没发送成功，请稍后再试。',
  },
  tooLong: '最多 2000 字',
  you: '我',
  bot: '小二',
  product: '商品',
};

const en: Strings = {
  title: 'Customer service',
  greeting: 'Hi! I am Xiaoer, the shop assistant. How can I help?',
  placeholder: 'Type your question, Enter to send',
  send: 'Send',
  close: 'Close',
  newChat: 'New chat',
  typing: 'Xiaoer is typing…',
  sources: 'Sources',
  handoff: 'Connecting you to a human agent…',
  handoffReasons: {
    explicit: 'You asked for a person',
    emotion: 'A person will take care of this',
    low_confidence: 'This needs a person to confirm',
    no_answer: 'A person will answer this',
    upstream_unavailable: 'The assistant is unavailable right now',
  },
  ticket: 'For refunds, exchanges or complaints, open "My orders" and choose "After-sales".',
  ticketOpened: 'After-sales ticket created',
  choose: 'Choose a product',
  retry: 'Send again',
  queued: 'Will be sent when you are back online',
  helpful: 'Helpful',
  notHelpful: 'Not helpful',
  thanks: 'Thanks for the feedback',
  rateTitle: 'How was this chat?',
  rated: 'Thank you for rating!',
  star: (n) => `${n} star${n > 1 ? 's' : ''}`,
  errors: {
    offline: 'You are offline; the message will be sent when the network returns.',
    network: 'Cannot reach customer service. Check your network and retry.',
    too_long: 'The message is too long (2000 characters at most).',
    rate_limited: 'Too many messages; wait a moment and retry.',
    server: 'Something went wrong on our side. Please retry.',
    interrupted: 'The answer was interrupted. Send again.',
    feedback: 'Feedback was not sent. Please try later.',
  },
  tooLong: '2000 characters at most',
  you: 'You',
  bot: 'Xiaoer',
  product: 'Product',
};

export const LOCALES = { 'zh-CN': zh, en };
