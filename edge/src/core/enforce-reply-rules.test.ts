import { describe, expect, it } from 'vitest';
import { createReplyFilter, enforceReplyRules, type ReplyRules } from './enforce-reply-rules.ts';

const rules: ReplyRules = {
  bannedPhrases: ['根据您的描述', '根据资料'],
  closingLine: '需要我帮您查订单或生成工单吗?',
};

function streamed(deltas: string[], r: ReplyRules = rules): { shown: string[]; text: string } {
  const f = createReplyFilter(r);
  const shown = deltas.map((d) => f.push(d));
  shown.push(f.end());
  return { shown, text: shown.join('') };
}

describe('createReplyFilter', () => {
  it('strips banned phrases even when split across deltas', () => {
    const { text } = streamed(['根据', '资', '料，16:00前付款', '当天发出。']);
    expect(text).toBe('16:00前付款当天发出。\n需要我帮您查订单或生成工单吗?');
  });

  it('adds the closing line once, replacing the model wording of it', () => {
    expect(enforceReplyRules('可以的。', rules)).toBe('可以的。\n需要我帮您查订单或生成工单吗?');
    expect(enforceReplyRules('可以的。\n需要我帮您查订单或生成工单吗？\n', rules)).toBe(
      '可以的。\n需要我帮您查订单或生成工单吗?',
    );
  });

  it('never shows reasoning written inside <think> in the content', () => {
    const { shown, text } = streamed(['<thi', 'nk>用户问发货', '时间</think>\n\n', '16:00前付款当天发']);
    expect(shown.join('')).not.toContain('用户问');
    expect(text).toBe('16:00前付款当天发\n需要我帮您查订单或生成工单吗?');
  });

  it('streams ordinary text without waiting for the end', () => {
    const f = createReplyFilter(rules);
    expect(f.push('您好，这款保温杯可以装热水，保温效果很好。')).toContain('您好');
  });

  it('adds ticket guidance when asked for and missing, not twice', () => {
    const r = { ...rules, ticketGuidance: '可以在「我的订单」里申请售后。' };
    expect(enforceReplyRules('碎了可以补发。', r)).toBe(
      '碎了可以补发。\n可以在「我的订单」里申请售后。\n需要我帮您查订单或生成工单吗?',
    );
    expect(enforceReplyRules('请在订单页申请售后，我们会补发。', r)).toBe(
      '请在订单页申请售后，我们会补发。\n需要我帮您查订单或生成工单吗?',
    );
  });
});

describe('createReplyFilter keeps the answer its own punctuation', () => {
  const rules = { bannedPhrases: ['根据您的描述'], closingLine: '需要我帮您查订单或生成工单吗?' };

  it('streams a time split across tokens intact', () => {
    const f = createReplyFilter(rules);
    const out = ['16', ':', '00前付款', '，当天', ':', '发出。'].map((d) => f.push(d)).join('') + f.end();
    expect(out).toBe('16:00前付款，当天:发出。\n需要我帮您查订单或生成工单吗?');
  });

  it('drops the comma after a banned phrase even when it comes in the next delta', () => {
    const f = createReplyFilter(rules);
    const out = ['根据您的', '描述', '，', '可以退。'].map((d) => f.push(d)).join('') + f.end();
    expect(out).toBe('可以退。\n需要我帮您查订单或生成工单吗?');
  });
});
