import { expect, test } from './fixtures';
import { CallPhone } from './pages/call-page';
import { BOOT_TIMEOUT_MS, HandsetPage } from './pages/handset-page';
import { ServicesMenuPage } from './pages/services-page';

/**
 * The demo story of Cross Cluster Extension Mobility, clicked as a person
 * would on the `/` page (hq phone first, branch phone second, lab view beside
 * them): alice, whose home is hq, logs in on the branch phone, which restarts
 * as her extension; the hq phone calls her there; she logs out and the branch
 * phone comes back as itself. Nothing is faked: TFTP, SIP, AXL, EM and the
 * CCEM service all run in the embedded lab.
 */
test.describe('Cross Cluster Extension Mobility, the whole demo', () => {
  test.skip(process.env.PHONE_SHELL === 'electron', 'the browser shell\'s multi-phone page');
  test.setTimeout(180_000);

  test('alice logs in on the branch phone, takes a call as 1001 there, and logs out', async ({ page }) => {
    await page.goto('/');
    const hqHandset = new HandsetPage(page, page.locator('.phone').nth(0));
    const branchHandset = new HandsetPage(page, page.locator('.phone').nth(1));
    const hq = await new CallPhone(hqHandset, '00AABB000001').waitRegistered();
    const branch = await new CallPhone(branchHandset, '00AABB000002').waitRegistered();
    await expect(branchHandset.lineLabel(1)).toContainText('Branch Hot Desk');
    const lab = page.getByTestId('lab-view');

    const login = await (await ServicesMenuPage.open(branchHandset)).openService('Cross Cluster EM');
    await login.typeLetters('alice');
    await login.nextField();
    await login.typeDigits('12345');
    await expect(login.fieldValue('PIN')).toHaveText('*****');
    await branchHandset.pressSoftkey('Submit');
    await expect(branchHandset.body).toContainText('Login successful');
    await branchHandset.root.screenshot({ path: 'e2e/screenshots/ccem-login.png' });

    await expect(branchHandset.lineLabel(1)).toContainText('Alice 1001', { timeout: BOOT_TIMEOUT_MS });
    await branch.waitRegistered();
    await expect(branchHandset.header).toContainText(/1001|ALICE/i);
    await expect(lab.getByTestId('lab-cluster-hq').getByTestId('lab-device-SEP00AABB000002')).toBeVisible();
    await expect(lab.getByTestId('lab-cluster-branch').getByTestId('lab-device-SEPCCCABB000002')).toBeVisible();
    await expect(lab.getByTestId('lab-cluster-branch').getByTestId('lab-device-SEP00AABB000002')).toHaveCount(0);
    await expect(branchHandset.lcd).toHaveAttribute('data-screen', 'idle');
    await branchHandset.root.screenshot({ path: 'e2e/screenshots/ccem-after-restart.png' });

    await hq.dial('1001');
    await branch.waitRinging();
    await branchHandset.press('handset');
    await branch.waitConnected();
    await hq.waitConnected();
    await hqHandset.pressSoftkey('EndCall');
    await branch.waitIdle();
    await branchHandset.press('handset');

    const loggedIn = await (await ServicesMenuPage.open(branchHandset)).openService('Cross Cluster EM');
    await expect(loggedIn.handset.body).toContainText('alice');
    await branchHandset.pressSoftkey('Logout');
    await expect(branchHandset.body).toContainText('Logout successful');
    await expect(branchHandset.lineLabel(1)).toContainText('Branch Hot Desk', { timeout: BOOT_TIMEOUT_MS });
    await branch.waitRegistered();
    await expect(lab.getByTestId('lab-cluster-branch').getByTestId('lab-device-SEP00AABB000002')).toBeVisible();
    await expect(lab.getByTestId('lab-cluster-branch').getByTestId('lab-device-SEPCCCABB000002')).toHaveCount(0);
    await expect(lab.getByTestId('lab-cluster-hq').getByTestId('lab-device-SEP00AABB000002')).toHaveCount(0);
    await expect(branchHandset.lcd).toHaveAttribute('data-screen', 'idle');
    await branchHandset.root.screenshot({ path: 'e2e/screenshots/ccem-after-logout.png' });
  });
});
