import { expect, test } from './fixtures';
import { HandsetPage } from './pages/handset-page';

test.describe('which phones a page shows', () => {
  test.skip(process.env.PHONE_SHELL === 'electron', 'browser-shell URLs only');

  test('/ shows every phone of the lab side by side with captions, each booting on its own', async ({ page }) => {
    await page.goto('/');
    const phones = page.locator('.handset-figure');
    await expect(phones).toHaveCount(2);
    await expect(phones.nth(0).locator('figcaption')).toContainText('SEP00AABB000001');
    await expect(phones.nth(1).locator('figcaption')).toContainText('SEP00AABB000002');
    const second = new HandsetPage(page, page.locator('.phone').nth(1));
    await second.waitForIdle();
    await second.press('key-speaker');
    await expect(second.key('key-speaker')).toHaveAttribute('data-lamp', 'green');
    await expect(new HandsetPage(page, page.locator('.phone').nth(0)).key('key-speaker')).toHaveAttribute('data-lamp', 'off');
  });

  test('?mac= with a MAC the lab does not know still shows that phone', async ({ page }) => {
    const handset = await HandsetPage.open(page, '00AABB0000FE');
    const settings = await handset.openSettings();
    const network = await settings.openNetworkConfiguration();
    await expect(await network.valueOf('Host Name')).toHaveText('SEP00AABB0000FE');
  });

  test('?mac= that is not a MAC explains itself', async ({ page }) => {
    await page.goto('/?mac=nonsense');
    await expect(page.getByRole('alert')).toContainText('not 12 hex digits');
  });
});
