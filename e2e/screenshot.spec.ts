import { copyFileSync, mkdirSync } from 'node:fs';
import { expect, PHONE_MAC, test } from './fixtures';
import { HandsetPage } from './pages/handset-page';

/** A fixed wall clock, so the README picture only changes when the handset does. */
const PICTURE_TIME = new Date('2026-03-12T09:41:00Z');

test('saves a screenshot of the idle handset for the README', async ({ phonePage }) => {
  await phonePage.clock.setFixedTime(PICTURE_TIME);
  const handset = process.env.PHONE_SHELL === 'electron' ? new HandsetPage(phonePage) : await HandsetPage.open(phonePage, PHONE_MAC);
  if (process.env.PHONE_SHELL === 'electron') await phonePage.reload();
  await handset.waitForIdle();
  await expect(handset.lineLabel(1)).not.toBeEmpty();
  // A settled idle screen: registration done (or given up on), no transient prompt.
  await handset.prompt.filter({ hasNotText: /Registering|Requesting|Configuring/ }).waitFor({ timeout: 10_000 }).catch(() => undefined);
  await phonePage.mouse.move(0, 0);
  mkdirSync('e2e/screenshots', { recursive: true });
  mkdirSync('assets', { recursive: true });
  await handset.root.screenshot({ path: 'e2e/screenshots/handset.png', animations: 'disabled' });
  copyFileSync('e2e/screenshots/handset.png', 'assets/screenshot-handset.png');
});
