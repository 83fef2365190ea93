/**
 * Main's state per window it created: the push port to the renderer (queued
 * until the renderer says it is ready) and the web servers of the phones it
 * runs. Electron-free: `send` is `webContents.send` in main, a fake in tests.
 */
import { PHONE_REQUEST_IPC, type PhoneRequestEnvelope } from '../src-shared/host-contract';
import type { HostPage } from '../src-host/host-bridge';
import { PhoneRequestPort } from '../src-host/phone-request-port';
import { PhoneWebServers } from '../src-host/phone-web-servers';

export interface MainPages {
  /** The page of a window main trusts, made on first use. */
  pageOf(webContentsId: number): HostPage;
  pageIfAny(webContentsId: number): HostPage | undefined;
  /** The window closed or navigated away: its servers close, pending requests fail. */
  forget(webContentsId: number): Promise<void>;
  closeAll(): Promise<void>;
}

export function createMainPages(
  sendTo: (webContentsId: number, channel: string, envelope: PhoneRequestEnvelope) => void,
  log?: (text: string) => void,
): MainPages {
  const pages = new Map<number, HostPage>();
  const forget = async (id: number): Promise<void> => {
    const page = pages.get(id);
    pages.delete(id);
    await page?.webServers.close();
  };
  return {
    pageOf: (id) => {
      let page = pages.get(id);
      if (!page) {
        const requests = new PhoneRequestPort({ send: (envelope) => sendTo(id, PHONE_REQUEST_IPC, envelope) });
        page = { requests, webServers: new PhoneWebServers(requests, log ? { log } : {}) };
        pages.set(id, page);
      }
      return page;
    },
    pageIfAny: (id) => pages.get(id),
    forget,
    closeAll: async () => {
      await Promise.all([...pages.keys()].map(forget));
    },
  };
}
