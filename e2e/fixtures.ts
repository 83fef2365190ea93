/**
 * Every spec imports `test` and `expect` from here. `handset` is the
 * single-phone page of `PHONE_MAC`, in the browser shell, or in Electron when
 * `PHONE_SHELL=electron` and Electron's runtime exists; without that runtime
 * each spec is skipped with the reason, printed and recorded.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, test as base, expect, type Page } from '@playwright/test';
import { findElectronRuntime } from '../src-main/electron-binary';
import { HandsetPage } from './pages/handset-page';

/** The HQ demo phone of the default topology. */
export const PHONE_MAC = '00AABB000001';

const wantsElectron = process.env.PHONE_SHELL === 'electron';
const runtime = wantsElectron ? findElectronRuntime(process.cwd(), { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: undefined }) : null;

interface Fixtures {
  /** The page the handset lives in (a Chromium tab, or Electron's window). */
  phonePage: Page;
  handset: HandsetPage;
}

export const test = base.extend<Fixtures>({
  phonePage: async ({ page }, use, testInfo) => {
    if (!wantsElectron) {
      await use(page);
      return;
    }
    if (runtime?.kind !== 'present') {
      const reason = `PHONE_SHELL=electron: ${runtime?.reason ?? 'no runtime'}; skipped`;
      console.log(`[e2e] ${testInfo.title}: ${reason}`);
      testInfo.skip(true, reason);
      return;
    }
    const app = await electron.launch({
      executablePath: runtime.binary,
      args: [
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        'out/main/index.js', '--mac', PHONE_MAC, `--user-data-dir=${mkdtempSync(join(tmpdir(), 'phone-e2e-electron-'))}`,
      ],
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } as Record<string, string>,
    });
    try {
      await use(await app.firstWindow());
    } finally {
      await app.close();
    }
  },
  handset: async ({ phonePage }, use) => {
    if (wantsElectron) {
      const handset = new HandsetPage(phonePage);
      await expect(handset.lcd).toBeVisible();
      await use(handset);
      return;
    }
    await use(await HandsetPage.open(phonePage, PHONE_MAC));
  },
});

export { expect };

/** Reloads the page (browser tab or Electron window) and returns the fresh handset. */
export async function reloadHandset(handset: HandsetPage): Promise<HandsetPage> {
  await handset.page.reload();
  const fresh = new HandsetPage(handset.page);
  await expect(fresh.lcd).toBeVisible();
  return fresh;
}
