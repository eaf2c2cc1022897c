import { expect, type Page, type TestInfo, test } from '@playwright/test';
import { resetFakeModel, widget } from '../support/widget-page.ts';

test.beforeEach(resetFakeModel);

/** Saves the page as test-results/screenshots/<name>.png and attaches it to the test's report. */
async function capture(page: Page, info: TestInfo, name: string) {
  const path = `test-results/screenshots/${name}.png`;
  await page.screenshot({ path });
  await info.attach(`${name}.png`, { path, contentType: 'image/png' });
}

// Desktop and mobile screenshots, kept as test artifacts (e2e/test-results/screenshots/) for a visual check.
for (const [name, viewport] of [
  ['desktop', { width: 1280, height: 800 }],
  ['mobile', { width: 390, height: 844 }],
] as const) {
  test(`screenshot of a finished answer on ${name}`, async ({ page }, info) => {
    await page.setViewportSize(viewport);
    await page.goto('/');
    const w = widget(page);
    await w.ask('几点之前付款当天能发货?');
    await expect(w.assistant.last()).toHaveAttribute('data-status', 'done');
    await capture(page, info, name);
  });
}

test('screenshot of product cards, sources and a handoff (desktop)', async ({ page }, info) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  const w = widget(page);
  await w.ask('350ml的保温杯保温多久?');
  await expect(w.assistant.last()).toHaveAttribute('data-status', 'done');
  await w.ask('我要转人工');
  await expect(w.host.locator('[data-handoff]')).toBeVisible();
  await capture(page, info, 'desktop-handoff');
});

test('screenshot of product choices and a ticket card (desktop)', async ({ page }, info) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  const w = widget(page);
  await w.ask('杯子碎了要退款');
  await expect(w.assistant.last()).toHaveAttribute('data-status', 'done');
  await w.ask('帮我生成工单');
  await expect(w.host.locator('[data-ticket]')).toBeVisible();
  await w.ask('Buds Pro 还有货吗');
  await expect(w.assistant.last().getByRole('group').getByRole('button')).toHaveCount(2);
  await expect(w.assistant.last().getByRole('button').first()).toBeEnabled();
  await capture(page, info, 'desktop-choices-ticket');
});
