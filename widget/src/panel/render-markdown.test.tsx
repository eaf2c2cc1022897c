// @vitest-environment happy-dom
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './render-markdown.tsx';

function html(md: string, streaming = false) {
  const el = document.createElement('div');
  render(<div>{renderMarkdown(md, streaming)}</div>, el);
  return el.firstElementChild!.innerHTML;
}

describe('renderMarkdown', () => {
  it('renders paragraphs, line breaks, lists, bold and code', () => {
    expect(html('16:00前付款**当天**发货\n第二行\n\n- 顺丰\n- 中通\n\n1. 申请售后\n2. 填写 `GD123`')).toBe(
      '<p>16:00前付款<strong>当天</strong>发货<br>第二行</p><ul><li>顺丰</li><li>中通</li></ul>' +
        '<ol><li>申请售后</li><li>填写 <code>GD123</code></li></ol>',
    );
  });

  it('keeps markup in text as text', () => {
    const out = html('<img src=x onerror=alert(1)><script>alert(1)</script>');
    expect(out).toBe('<p>&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });

  it('links http(s) only, with noopener noreferrer', () => {
    expect(
      html('[订单](https://shop.example/o?id=1) [x](javascript:alert.call) 见 https://a.example/p。'),
    ).toBe(
      '<p><a href="https://shop.example/o?id=1" target="_blank" rel="noopener noreferrer">订单</a> x ' +
        '见 <a href="https://a.example/p" target="_blank" rel="noopener noreferrer">https://a.example/p</a>。</p>',
    );
  });

  it('hides an unpaired bold marker while streaming, and shows it as text in a finished message', () => {
    expect(html('今天**发', true)).toBe('<p>今天发</p>');
    expect(html('**今天**发**货', true)).toBe('<p><strong>今天</strong>发货</p>');
    expect(html('今天**发')).toBe('<p>今天**发</p>');
  });

  it('while streaming, leaves a ** inside code and on a finished line alone, and hides an opener before code', () => {
    expect(html('用 `a**b` 计算', true)).toBe('<p>用 <code>a**b</code> 计算</p>');
    expect(html('今天**发\n- 顺丰', true)).toBe('<p>今天**发</p><ul><li>顺丰</li></ul>');
    expect(html('- 顺丰\n- 中通**当', true)).toBe('<ul><li>顺丰</li><li>中通当</li></ul>');
    expect(html('按**`GD1` 填', true)).toBe('<p>按<code>GD1</code> 填</p>');
  });
});
