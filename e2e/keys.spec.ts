import { expect, test } from './fixtures';

const EVERY_CONTROL = [
  ...Array.from({ length: 10 }, (_, digit) => `key-${digit}`), 'key-star', 'key-pound',
  'softkey-1', 'softkey-2', 'softkey-3', 'softkey-4',
  'line-1', 'line-2', 'line-3', 'line-4', 'line-5', 'line-6',
  'key-messages', 'key-directories', 'key-info', 'key-settings', 'key-services',
  'key-vol-down', 'key-vol-up', 'key-headset', 'key-speaker', 'key-mute',
  'nav-up', 'nav-down', 'handset',
];

test.describe('a person at the handset', () => {
  test('finds every key of a 7960, each a real button with a name', async ({ handset }) => {
    for (const control of EVERY_CONTROL) {
      const key = handset.key(control);
      await expect(key, control).toBeVisible();
      await expect(key, control).toBeEnabled();
      await expect(key, control).toHaveAttribute('aria-label', /.+/);
    }
    await expect(handset.page.getByRole('button', { name: 'Softkey 1' })).toBeVisible();
    await expect(handset.page.getByRole('button', { name: 'Services' })).toBeVisible();
    for (const part of ['lcd-header', 'lcd-body', 'lcd-prompt', 'lcd-softkey-1', 'lcd-softkey-4', 'lcd-line-1', 'lcd-line-6']) {
      await expect(handset.key(part), part).toHaveCount(1);
    }
  });

  test('clicks every key and the phone stays alive', async ({ handset }) => {
    await handset.waitForIdle();
    for (const control of EVERY_CONTROL) {
      await handset.press(control);
      if (control === 'handset') await handset.press('handset');
    }
    await expect(handset.lcd).toHaveAttribute('data-phone-state', /booting|idle|error/);
    await expect(handset.page.locator('.shell-problem')).toHaveCount(0);
  });

  test('sees the idle screen: clock, extension, line labels and the idle softkeys', async ({ handset }) => {
    await handset.waitForIdle();
    await expect(handset.root.getByTestId('lcd-clock')).toHaveText(/\d{1,2}:\d{2}/);
    await expect(handset.root.getByTestId('lcd-label')).not.toBeEmpty();
    await expect(handset.lineLabel(1)).not.toBeEmpty();
    await expect(handset.softkeyLabel(1)).toHaveText('Redial');
    await expect(handset.softkeyLabel(2)).toHaveText('NewCall');
    await expect(handset.softkeyLabel(3)).toHaveText('CFwdAll');
    await expect(handset.softkeyLabel(4)).toHaveText('more');
  });

  test('clicks digits and sees them on the LCD; << deletes one; EndCall returns to idle', async ({ handset }) => {
    await handset.waitForIdle();
    await handset.clickDigits('2001');
    await expect(handset.body).toContainText('2001');
    await expect(handset.softkeyLabel(1)).toHaveText('Dial');
    await handset.pressSoftkey('<<');
    await expect(handset.body).toContainText('200');
    await expect(handset.body).not.toContainText('2001');
    await handset.pressSoftkey('EndCall');
    await expect(handset.softkeyLabel(2)).toHaveText('NewCall');
  });

  test('types digits on the computer keyboard, sees them on the LCD and the keys go down', async ({ handset }) => {
    await handset.waitForIdle();
    await handset.typeDigits('555123');
    await handset.page.keyboard.down('4');
    await expect(handset.key('key-4')).toHaveClass(/key--pressed/);
    await handset.page.keyboard.up('4');
    await expect(handset.key('key-4')).not.toHaveClass(/key--pressed/);
    await expect(handset.body).toContainText('5551234');
    await handset.page.keyboard.press('Escape');
    await expect(handset.softkeyLabel(2)).toHaveText('NewCall');
  });

  test('works the handset with keyboard focus alone', async ({ handset }) => {
    await handset.waitForIdle();
    await handset.key('handset').focus();
    await handset.page.keyboard.press('Enter');
    await expect(handset.key('handset')).toHaveAttribute('data-hook', 'off-hook');
    await handset.page.keyboard.press('Tab');
    await handset.page.keyboard.press('Space');
    await handset.key('handset').focus();
    await handset.page.keyboard.press('Enter');
    await expect(handset.key('handset')).toHaveAttribute('data-hook', 'on-hook');
  });

  test('lifts the handset and hangs it up', async ({ handset }) => {
    await handset.waitForIdle();
    await handset.press('handset');
    await expect(handset.key('handset')).toHaveAttribute('data-hook', 'off-hook');
    await expect(handset.key('handset')).toHaveClass(/receiver--lifted/);
    await handset.press('handset');
    await expect(handset.key('handset')).toHaveAttribute('data-hook', 'on-hook');
  });

  test('changes the volume with −/+ and shows the volume bar', async ({ handset }) => {
    await handset.waitForIdle();
    const volume = handset.root.locator('.volume');
    const before = Number(await volume.getAttribute('data-volume'));
    await handset.press('key-vol-up');
    await expect(volume).toHaveAttribute('data-volume', String(before + 1));
    await expect(handset.prompt).toContainText('Volume');
    await handset.press('key-vol-down');
    await handset.press('key-vol-down');
    await expect(volume).toHaveAttribute('data-volume', String(before - 1));
  });

  test('lights and darkens the speaker, headset and mute lamps', async ({ handset }) => {
    await handset.waitForIdle();
    for (const [control, lit] of [['key-speaker', 'green'], ['key-headset', 'green'], ['key-mute', 'red']] as const) {
      const key = handset.key(control);
      await expect(key, control).toHaveAttribute('data-lamp', 'off');
      await handset.press(control);
      await expect(key, control).toHaveAttribute('data-lamp', lit);
      await handset.press(control);
      await expect(key, control).toHaveAttribute('data-lamp', 'off');
    }
  });
});
