import { expect, test } from './fixtures';
import { BOOT_TIMEOUT_MS, HandsetPage } from './pages/handset-page';

/**
 * The boot as a person watching the LCD sees it: every status line the
 * firmware shows is recorded from the page's first paint (the boot takes a
 * few milliseconds on loopback), then the idle screen shows the config's lines.
 */
test('the phone shows its boot progress, then the lines of its cnf.xml', async ({ page }) => {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { promptHistory: string[] }).promptHistory = seen;
    const record = (): void => {
      const prompt = document.querySelector('[data-testid="lcd-prompt"]')?.textContent ?? '';
      if (prompt && seen[seen.length - 1] !== prompt) seen.push(prompt);
    };
    new MutationObserver(record).observe(document, { subtree: true, childList: true, characterData: true });
  });
  const handset = await HandsetPage.open(page, '00AABB000001');
  await expect(handset.lcd).toHaveAttribute('data-phone-state', 'idle', { timeout: BOOT_TIMEOUT_MS });
  const history = await page.evaluate(() => (window as unknown as { promptHistory: string[] }).promptHistory);
  expect(history).toEqual(expect.arrayContaining([
    'Requesting CTLSEP00AABB000001.tlv',
    'Requesting SEP00AABB000001.cnf.xml',
  ]));
  expect(history.indexOf('Requesting CTLSEP00AABB000001.tlv')).toBeLessThan(history.indexOf('Requesting SEP00AABB000001.cnf.xml'));
  await expect(handset.lineLabel(1)).toHaveText(/HQ Hot Desk/);
  await expect(handset.header).toContainText('1000');
  await expect(handset.header).toContainText(/\d{1,2}:\d{2}/);
});
