/** Greetings, thanks, acknowledgements and goodbyes: messages that ask nothing. */
export const SMALL_TALK_WORDS = [
  '你好',
  '您好',
  '在吗',
  '在不在',
  'hi',
  'hello',
  '哈喽',
  '嗨',
  '谢谢',
  '多谢',
  '感谢',
  '好的',
  '好',
  'ok',
  '嗯',
  '行',
  '拜拜',
  '再见',
] as const;

const WHOLE = new RegExp(`^(?:${SMALL_TALK_WORDS.join('|')})[\\s\\p{P}呀啊哈吗呢~～]*$`, 'iu');

/**
 * Whether the whole message is small talk (a greeting, thanks, 好的, 在吗), with any particles and punctuation after.
 * @example isSmallTalk('在吗？') // true; isSmallTalk('在吗 我要退货') // false
 */
export function isSmallTalk(text: string): boolean {
  return WHOLE.test(text.trim());
}
