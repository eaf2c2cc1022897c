import { expect, test } from '@playwright/test';
import { PORTS } from '../playwright.config.ts';
import { fakeModelRequests, resetFakeModel, setFakeModel, widget } from '../support/widget-page.ts';

test.beforeEach(resetFakeModel);

test('an explicit request for a human shows the handoff notice with its reason, with no model call', async ({
  page,
}) => {
  await page.goto('/');
  const w = widget(page);
  const handoffs: unknown[] = [];
  await page.exposeFunction('__onHandoff', (d: unknown) => handoffs.push(d));
  await page.evaluate(() =>
    (window as unknown as { Xiaoer: { on(n: string, f: (d: unknown) => void): void } }).Xiaoer.on(
      'handoff',
      (d) => (window as unknown as { __onHandoff(d: unknown): void }).__onHandoff(d),
    ),
  );
  await w.ask('我要转人工');
  const notice = w.host.locator('[data-handoff]');
  await expect(notice).toHaveAttribute('data-handoff', 'explicit');
  await expect(notice).toContainText('正在为您转接人工客服…');
  await expect(notice).toContainText('您要求人工服务');
  expect(await fakeModelRequests()).toEqual([]);
  expect(handoffs).toHaveLength(1);
});

test('a reload shows the conversation again, from the edge', async ({ page }) => {
  await page.goto('/');
  const w = widget(page);
  await w.ask('几点之前付款当天能发货?');
  await expect(w.assistant.last()).toHaveAttribute('data-status', 'done');
  await page.reload();
  await w.launcher.click();
  await expect(w.customerText).toHaveText(['几点之前付款当天能发货?']);
  await expect(w.assistant).toHaveCount(1);
  await expect(w.assistant.first()).toContainText('16:00前付款的订单当天发出');
});

test('leaving mid-answer: back on the page, the part sent is marked interrupted and 重新发送 gives the whole answer', async ({
  page,
}) => {
  await setFakeModel({ tokenDelayMs: 150 });
  await page.goto('/');
  const w = widget(page);
  await w.ask('几点之前付款当天能发货?');
  await expect(w.assistant.last().locator('.b')).toContainText('周一');
  const id = await page.evaluate(
    (port) => localStorage.getItem(`xiaoer:127.0.0.1:${port}:conversation`),
    PORTS.edge,
  );
  await page.goto('about:blank'); // the customer goes to another page while the answer streams
  await expect
    .poll(
      async () => (await (await page.request.get(`/v1/conversations/${id}`)).json()).messages[1]?.interrupted,
    )
    .toBe(true);
  await setFakeModel({ tokenDelayMs: 10 });
  await page.goto('/');
  await w.launcher.click();
  const cut = w.assistant.last();
  await expect(cut).toHaveAttribute('data-status', 'failed');
  await expect(cut.getByRole('alert')).toContainText('回答中断了');
  const partial = (await cut.locator('.b').textContent()) ?? '';
  expect(partial).not.toContain('生成工单吗');
  await cut.getByRole('button', { name: '重新发送' }).click();
  await expect(w.assistant.last()).toHaveAttribute('data-status', 'done');
  await expect(w.assistant).toHaveCount(1);
  await expect(w.assistant.last()).toContainText('需要我帮您查订单或生成工单吗');
  expect((await fakeModelRequests()).map((r) => r.aborted)).toEqual([true, false]);
});

test('two tabs of the shop stay in sync: open state and new messages', async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await a.goto('/');
  await b.goto('/');
  const wa = widget(a);
  const wb = widget(b);
  await wa.launcher.click();
  await expect(wb.dialog).toBeVisible();
  await wa.ask('保温杯可以装牛奶吗?');
  await expect(wb.customerText.last()).toHaveText('保温杯可以装牛奶吗?');
  await expect(wb.assistant.last()).toHaveAttribute('data-status', 'done');
  await expect(wb.assistant.last()).toHaveText(
    await wa.assistant
      .last()
      .textContent()
      .then((t) => t ?? ''),
  );
  await wb.host.getByRole('button', { name: '关闭', exact: true }).click();
  await expect(wa.dialog).toBeHidden();
});

test('Chinese input: Enter while composing does not send; Enter after it does; Shift+Enter is a new line', async ({
  page,
}) => {
  await page.goto('/');
  const w = widget(page);
  await w.launcher.click();
  await w.input.fill('几点发货');
  const key = (init: { isComposing: boolean; keyCode: number }) =>
    w.input.evaluate(
      (el, [isComposing, keyCode]) => {
        const e = new KeyboardEvent('keydown', {
          key: 'Enter',
          bubbles: true,
          cancelable: true,
          isComposing,
        });
        Object.defineProperty(e, 'keyCode', { value: keyCode });
        el.dispatchEvent(e);
      },
      [init.isComposing, init.keyCode] as [boolean, number],
    );
  const composition = (type: string) =>
    w.input.evaluate(
      (el, type) => el.dispatchEvent(new CompositionEvent(type, { bubbles: true, data: '发货' })),
      type,
    );

  await composition('compositionstart');
  await key({ isComposing: true, keyCode: 229 }); // Chromium: the candidate-confirming Enter while composing
  await composition('compositionend');
  await key({ isComposing: false, keyCode: 229 }); // Safari: after compositionend, only keyCode 229 tells
  await expect(w.customer).toHaveCount(0);
  await expect(w.input).toHaveValue('几点发货');

  await w.input.press('Shift+Enter');
  await expect(w.customer).toHaveCount(0);
  await expect(w.input).toHaveValue('几点发货\n');
  await w.input.press('Enter');
  await expect(w.customer).toHaveCount(1);
  await expect(w.input).toHaveValue('');
});

test('a message typed offline is sent once when the network returns', async ({ page, context }) => {
  await page.goto('/');
  const w = widget(page);
  await w.launcher.click();
  await expect(w.input).toBeVisible(); // the panel chunk has loaded
  await context.setOffline(true);
  await w.ask('离线时问：怎么申请退货?');
  await expect(w.customer.last()).toHaveAttribute('data-status', 'queued');
  await expect(w.customer.last()).toContainText('网络恢复后自动发送');
  await context.setOffline(false);
  await expect(w.assistant.last()).toHaveAttribute('data-status', 'done');
  const asked = (await fakeModelRequests()).filter((r) => r.lastUserMessage.includes('离线时问'));
  expect(asked).toHaveLength(1);
  const id = await page.evaluate(
    (port) => localStorage.getItem(`xiaoer:127.0.0.1:${port}:conversation`),
    PORTS.edge,
  );
  const history = await (await page.request.get(`/v1/conversations/${id}`)).json();
  expect(history.messages.filter((m: { text: string }) => m.text.includes('离线时问'))).toHaveLength(1);
});

test('a stream cut mid-answer resumes from the last event id without duplicated or lost text', async ({
  page,
}) => {
  await page.goto('/');
  const w = widget(page);
  const lastEventIds: (string | null)[] = [];
  let full = '';
  await page.route('**/v1/chat', async (route) => {
    lastEventIds.push(route.request().headers()['last-event-id'] ?? null);
    const res = await route.fetch();
    const body = await res.text();
    if (lastEventIds.length > 1) return route.fulfill({ response: res, body });
    full = body;
    // Keep conversation-start, sources and the first three text deltas (ids 1-5), then end the stream.
    const cut = `${body.split('\n\n').slice(0, 5).join('\n\n')}\n\n`;
    await route.fulfill({ response: res, body: cut });
  });
  await w.ask('几点之前付款当天能发货?');
  await expect(w.assistant.last()).toHaveAttribute('data-status', 'done');
  expect(lastEventIds).toEqual([null, '5']);
  const expected = [...full.matchAll(/data: \{"delta":"((?:[^"\\]|\\.)*)"\}/g)]
    .map((m) => JSON.parse(`"${m[1]}"`))
    .join('');
  expect(expected).toContain('16:00');
  const shown = await w.assistant.last().locator('.b').textContent();
  expect((shown ?? '').replace(/\s/g, '')).toBe(expected.replace(/\*\*/g, '').replace(/\s/g, ''));
});
