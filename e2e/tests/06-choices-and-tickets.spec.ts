import { expect, test } from '@playwright/test';
import {
  axeViolations,
  fakeModelRequests,
  resetFakeModel,
  setFakeModel,
  widget,
} from '../support/widget-page.ts';

test.beforeEach(resetFakeModel);

test('an ambiguous product question offers the products as buttons; one click asks about that product', async ({
  page,
}) => {
  await setFakeModel({ reply: '白色款目前缺货，黑色款有货。' });
  await page.goto('/');
  const w = widget(page);
  await w.ask('Buds Pro 还有货吗');
  // first(): a locator resolves again at each use, and the question stays the first reply.
  const ask = w.assistant.first();
  await expect(ask).toHaveAttribute('data-status', 'done');
  await expect(ask).toContainText('您问的是哪一款');
  const group = ask.getByRole('group', { name: '请选择商品' });
  const white = group.getByRole('button', { name: 'Lizi Buds Pro 主动降噪蓝牙耳机 白色' });
  await expect(group.getByRole('button')).toHaveCount(2);
  await expect(white).toBeEnabled();
  // The clarifying question is answered by the edge itself, without the model.
  expect(await fakeModelRequests()).toEqual([]);
  expect(await axeViolations(page)).toEqual([]);

  await white.click();
  await expect(w.customerText).toHaveText(['Buds Pro 还有货吗', 'Lizi Buds Pro 主动降噪蓝牙耳机 白色']);
  await expect(w.assistant).toHaveCount(2);
  await expect(w.assistant.last()).toHaveAttribute('data-status', 'done');
  await expect(w.assistant.last()).toContainText('白色款目前缺货');
  // The older question keeps its choices, disabled; the choice was sent once.
  await expect(group.getByRole('button')).toHaveCount(2);
  await expect(white).toBeDisabled();
  const asked = (await fakeModelRequests()).filter((r) => r.lastUserMessage.includes('白色'));
  expect(asked).toHaveLength(1);
});

test('an accepted after-sales ticket shows its number on a card, also after a reload', async ({ page }) => {
  await page.goto('/');
  const w = widget(page);
  await w.ask('杯子碎了要退款');
  await expect(w.assistant.last()).toHaveAttribute('data-status', 'done');
  await w.ask('帮我生成工单');
  await expect(w.assistant).toHaveCount(2);
  await expect(w.assistant.last()).toHaveAttribute('data-status', 'done');
  const card = w.assistant.last().locator('[data-ticket]');
  await expect(card).toHaveAttribute('data-ticket', 'refund');
  await expect(card).toContainText('已为您创建售后工单');
  const ticketId = (await card.locator('.tid').textContent()) ?? '';
  expect(ticketId).toMatch(/^GD\d{10}$/);
  await expect(w.assistant.last()).toContainText(`工单号${ticketId}`);
  expect(await axeViolations(page)).toEqual([]);

  await page.reload();
  await w.launcher.click();
  await expect(w.assistant).toHaveCount(2);
  await expect(w.assistant.last().locator('[data-ticket] .tid')).toHaveText(ticketId);
  await expect(w.assistant.first().locator('[data-ticket]')).toHaveCount(0);
});
