import { expect, PHONE_MAC, test } from './fixtures';

test.describe('the Settings menus', () => {
  test('opens a numbered menu that the rocker, Select and Exit walk', async ({ handset }) => {
    await handset.waitForIdle();
    const settings = await handset.openSettings();
    for (const [index, text] of ['1 Contrast', '2 Ring Type', '3 Network Configuration', '4 Model Information', '5 Status'].entries()) {
      await expect(handset.rows().nth(index)).toContainText(text);
    }
    await expect(handset.softkeyLabel(1)).toHaveText('Select');
    await expect(handset.softkeyLabel(2)).toHaveText('Exit');
    await expect(handset.selectedRow()).toContainText('1 Contrast');
    await handset.press('nav-down');
    await expect(handset.selectedRow()).toContainText('2 Ring Type');
    await handset.page.keyboard.press('ArrowDown');
    await expect(handset.selectedRow()).toContainText('3 Network Configuration');
    await handset.press('nav-up');
    await handset.press('nav-down');
    await handset.pressSoftkey('Select');
    await expect(handset.title).toHaveText('Network Configuration');
    await handset.pressSoftkey('Exit');
    await expect(handset.title).toHaveText('Settings');
    await settings.exit();
    await expect(handset.softkeyLabel(2)).toHaveText('NewCall');
  });

  test('shows the network configuration: MAC, host name, TFTP servers, CallManagers', async ({ handset }) => {
    await handset.waitForIdle();
    const network = await (await handset.openSettings()).openNetworkConfiguration();
    await expect(await network.valueOf('MAC Address')).toHaveText(PHONE_MAC);
    await expect(await network.valueOf('Host Name')).toHaveText(`SEP${PHONE_MAC}`);
    await expect(await network.valueOf('TFTP Server 1')).toHaveText(/^127\.0\.0\.1(:\d+)?$/);
    await network.revealRow('TFTP Server 2');
    await expect(await network.valueOf('Alternate TFTP')).toHaveText(/^(Yes|No)$/);
    await network.revealRow('HTTP Port');
    await expect(await network.valueOf('CallManager 1')).toContainText(/Active|Standby|127\.0\.0\.1/);
    for (const n of [2, 3, 4, 5]) await network.revealRow(`CallManager ${n}`);
  });

  test('shows the model information of a CP-7960G', async ({ handset }) => {
    await handset.waitForIdle();
    const model = await (await handset.openSettings()).openItem(4, 'Model Information');
    await expect(await model.valueOf('Model Number')).toHaveText('CP-7960G');
    await expect(await model.valueOf('MAC Address')).toHaveText(PHONE_MAC);
    for (const label of ['Load File', 'Boot Load ID', 'Firmware Version', 'Serial Number']) {
      await expect(await model.valueOf(label), label).not.toBeEmpty();
    }
  });

  test('shows timestamped status messages of the boot, scrollable with the rocker', async ({ handset }) => {
    await handset.waitForIdle();
    const status = await (await handset.openSettings()).openItem(5, 'Status');
    await expect(handset.rows().nth(0)).toContainText('1 Status Messages');
    await expect(handset.rows().nth(1)).toContainText('2 Network Statistics');
    await handset.press('key-1');
    await expect(handset.title).toHaveText('Status Messages');
    await expect(handset.rows().first()).toHaveText(/^\d{2}:\d{2}:\d{2} /);
    await expect(handset.body).toContainText(`SEP${PHONE_MAC}.cnf.xml`);
    const selectedBefore = await handset.selectedRow().textContent();
    await handset.press('nav-up');
    await expect(handset.selectedRow()).not.toHaveText(selectedBefore ?? '');
    await status.handset.pressSoftkey('Exit');
    await expect(handset.title).toHaveText('Status');
  });

  test('closes Settings with the Settings key and with Escape', async ({ handset }) => {
    await handset.waitForIdle();
    await handset.openSettings();
    await handset.press('key-settings');
    await expect(handset.title).toHaveCount(0);
    await handset.openSettings();
    await handset.page.keyboard.press('Escape');
    await expect(handset.title).toHaveCount(0);
  });
});
