import { expect, test } from '@playwright/test';
import { resetFakeModel, widget } from '../support/widget-page.ts';

test.beforeEach(resetFakeModel);

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
    const path = `test-results/screenshots/${name}.png`;
    await page.screenshot({ path });
    await info.attach(`${name}.png`, { path, contentType: 'image/png' });
  });
}
