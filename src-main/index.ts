/**
 * Electron main: starts the embedded lab, opens one hardened window with the
 * renderer, and answers the renderer's `HostApi` calls (src-main/ipc-handlers.ts).
 * Kept thin: the logic lives in electron-free modules beside it.
 */
import { app, BrowserWindow, ipcMain, session, webContents } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileStorage } from '../src-board/file-storage';
import { CONTENT_SECURITY_POLICY } from '../src-host/content-security-policy';
import { startEmbeddedLab } from '../src-host/embedded-lab';
import { createHostBridge } from '../src-host/host-bridge';
import type { Storage } from '../src-firmware/board';
import { DEFAULT_MAC } from '../src-firmware/network-settings';
import { registerIpcHandlers, registerPhoneReplies } from './ipc-handlers';
import { createMainPages } from './main-pages';
import { macFromArgv } from './main-args';
import { createSenderPolicy } from './sender-policy';

const rendererFile = join(import.meta.dirname, '../renderer/index.html');
const rendererUrl = process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(rendererFile).href;

async function main(): Promise<void> {
  await app.whenReady();
  const userData = app.getPath('userData');
  const { lab, problem } = await startEmbeddedLab({ dataDir: join(userData, 'lab') });
  if (problem) console.warn(`ipphone: ${problem}`);

  const storages = new Map<string, Storage>();
  const bridge = createHostBridge({
    shellConfig: () => ({
      shell: 'electron',
      phones: lab ? lab.defaultPhones() : [{ mac: DEFAULT_MAC, tftpServers: [], httpPort: 0 }],
      ...(lab ? { labApi: lab.apiUrl } : {}),
    }),
    storageFor: (scope) => {
      let storage = storages.get(scope);
      if (!storage) {
        storage = new FileStorage(join(userData, 'phones', `${scope}.json`));
        storages.set(scope, storage);
      }
      return storage;
    },
  });
  const policy = createSenderPolicy(rendererUrl);
  const pages = createMainPages(
    (id, channel, envelope) => webContents.fromId(id)?.send(channel, envelope),
    (text) => console.log(`ipphone: ${text}`),
  );
  registerIpcHandlers(ipcMain, bridge, policy.isTrusted, pages.pageOf);
  registerPhoneReplies(ipcMain, policy.isTrusted, pages.pageIfAny);

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, permission, allow) => allow(permission === 'media'));

  const window = new BrowserWindow({
    width: 920,
    height: 720,
    title: 'IP Phone',
    backgroundColor: '#cfcac0',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  const contentsId = window.webContents.id;
  policy.trustWindow(contentsId);
  window.on('closed', () => {
    policy.forgetWindow(contentsId);
    void pages.forget(contentsId);
  });
  /* A reload is a new page: its phones attach again, so the old servers go. */
  window.webContents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) void pages.forget(contentsId);
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));

  const mac = macFromArgv(process.argv);
  const query = mac ? `?mac=${mac}` : '';
  await window.loadURL(`${rendererUrl}${query}`);

  app.on('window-all-closed', () => {
    void pages.closeAll().then(() => lab?.stop()).finally(() => app.quit());
  });
}

main().catch((error: unknown) => {
  console.error('ipphone: main process failed', error);
  app.exit(1);
});
