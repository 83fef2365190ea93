import { copyFileSync, mkdirSync } from 'node:fs';
import { expect, test } from './fixtures';

test('saves a screenshot of the idle handset for the README', async ({ handset }) => {
  await handset.waitForIdle();
  await expect(handset.lineLabel(1)).not.toBeEmpty();
  await handset.page.mouse.move(0, 0);
  mkdirSync('e2e/screenshots', { recursive: true });
  mkdirSync('assets', { recursive: true });
  await handset.root.screenshot({ path: 'e2e/screenshots/handset.png', animations: 'disabled' });
  copyFileSync('e2e/screenshots/handset.png', 'assets/screenshot-handset.png');
});
