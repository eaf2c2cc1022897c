import { describe, expect, it } from 'vitest';
import { isSmallTalk } from './is-small-talk.ts';

describe('isSmallTalk', () => {
  it.each(['在吗', '在吗？', ' 你好呀 ', '谢谢！！', '好的~', 'OK.', '拜拜', '好', '行'])(
    '%j is small talk',
    (text) => expect(isSmallTalk(text)).toBe(true),
  );

  it.each([
    '好的，那什么时候发货',
    '你好，能开发票吗',
    '谢谢，再问一下保修',
    '行李箱有吗',
    '在吗 我要退货',
    '',
  ])('%j asks something (or nothing at all) and is not', (text) => expect(isSmallTalk(text)).toBe(false));
});
