import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TRANSFER_WORDS,
  decideTransfer,
  detectAnger,
  mergeTransferWords,
} from './decide-transfer.ts';

describe('decideTransfer: explicit requests', () => {
  it.each([
    '转人工',
    '能帮我转人工吗？退货的事三两句说不清',
    '人工客服在吗？帮我看下订单',
    '别跟我扯机器人那套，找客服，要真人',
    '有没有真人啊，我想跟真人说',
    '我要投诉你们的快递员，态度太差了',
    '叫你们负责人出来',
    '能不能转人工',
    '麻烦转一下人工，发票开错了',
    '人工！',
    '我要找你们领导',
    '你们店长呢，让他来',
    'I want to talk to a human',
  ])('transfers on %s', (text) => {
    expect(decideTransfer(text, [])).toMatchObject({ route: 'transfer', reason: 'explicit' });
  });

  it.each([
    '不用转人工，你直接告诉我：专票能退吗',
    '我不是要投诉哈，就想问下能改地址吗',
    '别转人工，我自己看看',
    '不需要人工客服，谢谢',
    '你是真人吗',
    '你们有线下门店吗',
    '人工客服几点上班',
    '没必要转人工',
    '怎么投诉快递员',
  ])('stays with the bot on %s', (text) => {
    expect(decideTransfer(text, [])).toEqual({ route: 'answer', reason: null, matched: null });
  });

  it('prefers explicit when the message is also the second angry one', () => {
    expect(decideTransfer('我要投诉！！！', ['气死了！！！'])).toMatchObject({
      reason: 'explicit',
      matched: '我要投诉',
    });
  });
});

describe('decideTransfer: emotion', () => {
  it('transfers when this and the previous customer message are both angry', () => {
    expect(decideTransfer('垃圾，你们就是骗子！！！', ['说好的包邮还收我运费，骗子店铺'])).toMatchObject({
      route: 'transfer',
      reason: 'emotion',
    });
    expect(decideTransfer('再不到我就打12315！！！', ['什么垃圾快递！'])).toMatchObject({
      reason: 'emotion',
    });
  });

  it('looks only at the previous message, not older ones', () => {
    expect(decideTransfer('垃圾服务！！！', ['气死了！！！', '你好'])).toMatchObject({ route: 'answer' });
  });

  it('does not transfer on one angry message', () => {
    expect(decideTransfer('气死了，玻璃杯寄到就碎了！！！', [])).toMatchObject({ route: 'answer' });
    expect(decideTransfer('气死了，玻璃杯寄到就碎了！！！', ['你好'])).toMatchObject({ route: 'answer' });
    expect(
      decideTransfer('算了，你就告诉我寄哈尔滨要几天', ['气死了！！！等了五天还没到！！！']),
    ).toMatchObject({
      route: 'answer',
    });
  });

  it('does not take exclamation marks of delight for anger', () => {
    expect(decideTransfer('谢谢！！！', ['太棒了！！！'])).toMatchObject({ route: 'answer' });
    expect(decideTransfer('你们太坑了！！！', ['等了一周还不发货，坑人！！！'])).toMatchObject({
      reason: 'emotion',
    });
  });

  it('reads a calm mention of 12315 or a negated feeling as calm', () => {
    expect(detectAnger('朋友说质量问题可以打12315，我先问问你们')).toBeNull();
    expect(detectAnger('我没生气，就问问')).toBeNull();
    expect(detectAnger('再不到我就打12315！')).toBe('12315');
    expect(detectAnger('到现在都没人管气死了')).toBe('气死');
  });

  it('finds an anger word even when the message also ends in exclamation marks and has a word of delight', () => {
    expect(detectAnger('不错个鬼，骗子!!!')).toBe('骗子');
    expect(detectAnger('谢谢你们，真是气死我了!!!')).toBe('气死');
    expect(detectAnger('谢谢你们，真是气死我了！！！')).toBe('气死');
    expect(detectAnger('太好了！！！谢谢！！！')).toBeNull();
    expect(detectAnger('等了五天还没到！！！')).toBe('!!!');
  });
});

describe('mergeTransferWords', () => {
  it('appends with *Extra and replaces with the plain key', () => {
    const words = mergeTransferWords({ explicitExtra: ['叫老板'], anger: ['离谱'] });
    expect(decideTransfer('叫老板来', [], words)).toMatchObject({ reason: 'explicit' });
    expect(words.anger).toEqual(['离谱']);
    expect(words.negations).toBe(DEFAULT_TRANSFER_WORDS.negations);
  });

  it('rejects a list of the wrong type with the key named', () => {
    expect(() => mergeTransferWords({ explicit: '转人工' })).toThrow(/"explicit" must be an array/);
  });
});
