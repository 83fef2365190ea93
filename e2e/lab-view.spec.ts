import { expect, test } from './fixtures';
import { CallPhone } from './pages/call-page';
import { HandsetPage } from './pages/handset-page';

test.describe('the lab view beside the phones', () => {
  test.skip(process.env.PHONE_SHELL === 'electron', 'the browser shell\'s multi-phone page');

  test('shows each cluster\'s devices live: DNs, registered ✓/✗, logged-in user', async ({ page }) => {
    await page.goto('/');
    const lab = page.getByTestId('lab-view');
    await expect(lab).toBeVisible();
    const hq = lab.getByTestId('lab-cluster-hq');
    const branch = lab.getByTestId('lab-cluster-branch');
    await expect(hq).toContainText('HQ');
    await expect(branch).toContainText('Branch');

    const hqDemo = hq.getByTestId('lab-device-SEP00AABB000001');
    await expect(hqDemo.locator('.lab-device-dns')).toHaveText('1000');
    /* Chen's and Bob's desk phones run nowhere (the demo phones may be mid-CCEM in another spec). */
    await expect(branch.getByTestId('lab-device-SEP00AABB000004').locator('.lab-device-dns')).toHaveText('2001');
    await expect(branch.getByTestId('lab-device-SEP00AABB000004')).toHaveAttribute('data-registered', 'false');
    await expect(hq.getByTestId('lab-device-SEP00AABB000005')).toHaveAttribute('data-registered', 'false');
    await expect(hq.getByTestId('lab-device-SEP00AABB000005').locator('.lab-device-registered')).toHaveText('✗');

    await new CallPhone(new HandsetPage(page, page.locator('.phone').nth(0)), '00AABB000001').waitRegistered();
    await expect(hqDemo).toHaveAttribute('data-registered', 'true');
    await expect(hqDemo.locator('.lab-device-registered')).toHaveText('✓');
    await page.getByTestId('lab-view').screenshot({ path: 'test-results/lab-view.png' });
  });
});
