/**
 * E2E against the browser shell in Debian's Chromium (never `npx playwright
 * install`). `PHONE_SHELL=electron` targets Electron through `_electron` where
 * its runtime exists; otherwise every spec says it is skipped and why
 * (e2e/fixtures.ts). The web shell runs the embedded lab on ephemeral ports
 * with a fresh data directory per run.
 *
 * Calls use WebRTC on loopback with Chromium's fake microphone and no
 * permission prompt. `calls.spec.ts` is its own project against its own
 * shell and lab (port + 1): while it rings the HQ demo phone, no other
 * spec's page may have that phone registered with the same registrar, or the
 * call would fork to it too.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.PHONE_E2E_PORT ?? 5199);
const CALLS_PORT = PORT + 1;
/** The CCEM demo renames and restarts the demo phones: it gets a shell and lab of its own too. */
const CCEM_PORT = PORT + 2;
const baseURL = `http://127.0.0.1:${PORT}`;
process.env.PHONE_E2E_LAB_DATA ??= mkdtempSync(join(tmpdir(), 'phone-e2e-lab-'));
process.env.PHONE_E2E_CALLS_LAB_DATA ??= mkdtempSync(join(tmpdir(), 'phone-e2e-calls-lab-'));
process.env.PHONE_E2E_CCEM_LAB_DATA ??= mkdtempSync(join(tmpdir(), 'phone-e2e-ccem-lab-'));

const shell = (port: number, labData: string) => ({
  command: `node scripts/web.mjs --port ${port} --lab-data ${labData} --ephemeral`,
  url: `http://127.0.0.1:${port}`,
  reuseExistingServer: false,
  timeout: 120_000,
  stdout: 'pipe' as const,
  env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
});

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
    { name: 'handset', testIgnore: /(calls|ccem)\.spec\.ts$/ },
    { name: 'calls', testMatch: /calls\.spec\.ts$/, use: { baseURL: `http://127.0.0.1:${CALLS_PORT}` } },
    { name: 'ccem', testMatch: /ccem\.spec\.ts$/, use: { baseURL: `http://127.0.0.1:${CCEM_PORT}` } },
  ],
  webServer: [
    shell(PORT, process.env.PHONE_E2E_LAB_DATA),
    shell(CALLS_PORT, process.env.PHONE_E2E_CALLS_LAB_DATA),
    shell(CCEM_PORT, process.env.PHONE_E2E_CCEM_LAB_DATA),
  ],
});
