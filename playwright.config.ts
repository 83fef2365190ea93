/**
 * E2E against the browser shell in Debian's Chromium (never `npx playwright
 * install`). `PHONE_SHELL=electron` targets Electron through `_electron` where
 * its runtime exists; otherwise every spec says it is skipped and why
 * (e2e/fixtures.ts). The web shell runs the embedded lab on ephemeral ports
 * with a fresh data directory per run.
 *
 * Calls use WebRTC on loopback with Chromium's fake microphone and no
 * permission prompt. `calls.spec.ts` runs after every other spec (its own
 * project): while it rings the HQ demo phone, no other page may have that
 * phone registered, or the lab's registrar would fork the call to it too.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.PHONE_E2E_PORT ?? 5199);
const baseURL = `http://127.0.0.1:${PORT}`;
process.env.PHONE_E2E_LAB_DATA ??= mkdtempSync(join(tmpdir(), 'phone-e2e-lab-'));

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 2,
  reporter: [['list']],
  use: {
    baseURL,
    headless: true,
    viewport: { width: 1000, height: 740 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--allow-loopback-in-peer-connection',
        '--autoplay-policy=no-user-gesture-required'],
    },
  },
  projects: [
    { name: 'handset', testIgnore: /calls\.spec\.ts$/ },
    { name: 'calls', testMatch: /calls\.spec\.ts$/, dependencies: ['handset'] },
  ],
  webServer: {
    command: `node scripts/web.mjs --port ${PORT} --lab-data ${process.env.PHONE_E2E_LAB_DATA} --ephemeral`,
    url: baseURL,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  },
});
