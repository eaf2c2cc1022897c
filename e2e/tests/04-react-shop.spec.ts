import { expect, test } from '@playwright/test';
import { PORTS } from '../playwright.config.ts';
import { resetFakeModel, widget } from '../support/widget-page.ts';

test.beforeEach(resetFakeModel);

test('the React shop mounts the same widget with <XiaoerChat> and streams an answer from the edge', async ({
  page,
}) => {
  await page.goto(`http://127.0.0.1:${PORTS.reactShop}/`);
  await expect(page.getByText('客服消息 0')).toBeVisible();
  const w = widget(page);
  await expect(w.host).toHaveAttribute('data-shop', 'lizi-react');
  await w.launcher.click();
  await w.host.getByRole('button', { name: '几点之前付款当天能发货?' }).click();
  await expect(w.assistant.last()).toHaveAttribute('data-status', 'streaming');
  await expect(w.assistant.last()).toHaveAttribute('data-status', 'done');
  await expect(w.assistant.last()).toContainText('16:00前付款的订单当天发出');
  // The widget's `message` event reached React state.
  await expect(page.getByText('客服消息 1')).toBeVisible();
  expect(await page.evaluate(() => Object.keys(localStorage))).toEqual(['xiaoer:lizi-react:conversation']);
});
