import { expect, test } from '@playwright/test';
import { resetFakeModel, widget } from '../support/widget-page.ts';

test.beforeEach(resetFakeModel);

test('a send that keeps failing says so in words and offers a retry that sends the same message once', async ({
  page,
}) => {
  await page.goto('/');
  const w = widget(page);
  const ids: string[] = [];
  let failing = true;
  await page.route('**/v1/chat', async (route) => {
    ids.push(route.request().postDataJSON().message.id);
    if (failing)
      return route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: '{"error":{"code":"upstream_error","message":"down"}}',
      });
    return route.fallback();
  });
  await w.ask('怎么申请退货?');
  await expect(w.customer.last()).toHaveAttribute('data-status', 'failed', { timeout: 15_000 });
  await expect(w.customer.last().getByRole('alert')).toContainText('系统出了点问题，请稍后重试。');
  failing = false;
  await w.customer.last().getByRole('button', { name: '重新发送' }).click();
  await expect(w.assistant.last()).toHaveAttribute('data-status', 'done');
  await expect(w.customerText).toHaveText(['怎么申请退货?']);
  expect(new Set(ids).size).toBe(1);
});

test('the launcher causes no layout shift and the page keeps its own styles', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        (window as unknown as { __cls: number }).__cls = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as unknown as { value: number }[])
            (window as unknown as { __cls: number }).__cls += e.value;
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(resolve, 500);
      }),
  );
  const w = widget(page);
  await w.launcher.hover();
  await w.launcher.click();
  await expect(w.input).toBeFocused();
  expect(await page.evaluate(() => (window as unknown as { __cls: number }).__cls)).toBe(0);
  expect(await page.evaluate(() => document.querySelectorAll('style, iframe').length)).toBe(0);
});

test('a panel chunk that fails to download leaves the launcher closed, and the next click loads it', async ({
  page,
}) => {
  await page.route('**/widget/xiaoer-panel.js', (route) => route.abort());
  await page.goto('/');
  const w = widget(page);
  await w.launcher.click();
  await expect(w.launcher).toHaveAttribute('aria-expanded', 'false');
  await page.unroute('**/widget/xiaoer-panel.js');
  await w.launcher.click();
  await expect(w.input).toBeFocused();
});
