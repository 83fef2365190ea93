/**
 * Binds every `HostApi` channel to `ipcMain.handle`. Each call is answered
 * only for a trusted sender (src-main/sender-policy.ts) and its payload is
 * validated by the host bridge before anything touches a socket or a file.
 * Takes `ipcMain` as a parameter, so tests run it without Electron.
 */
import type { IpcMainInvokeEvent } from 'electron';
import { HOST_CHANNELS, PHONE_REPLY_IPC } from '../src-shared/host-contract';
import type { HostBridge, HostPage } from '../src-host/host-bridge';
import type { SenderFacts } from './sender-policy';

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export class UntrustedSender extends Error {
  constructor(channel: string) {
    super(`${channel}: refused, the sender is not this app's window`);
    this.name = 'UntrustedSender';
  }
}

export function senderFactsOf(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): SenderFacts {
  return { webContentsId: event.sender.id, frameUrl: event.senderFrame?.url ?? null };
}

/**
 * Returns a function that removes the handlers again. `pageOf` gives the
 * host's state for a trusted window (its push port and phone web servers).
 */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  bridge: HostBridge,
  isTrusted: (sender: SenderFacts) => boolean,
  pageOf?: (webContentsId: number) => HostPage,
): () => void {
  const channels = Object.values(HOST_CHANNELS);
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, payload) => {
      const sender = senderFactsOf(event);
      if (!isTrusted(sender)) throw new UntrustedSender(channel);
      return bridge(channel, payload, pageOf?.(sender.webContentsId));
    });
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel));
}

export interface IpcMainEventsLike {
  on(channel: string, listener: (event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, payload: unknown) => void): void;
  removeListener(channel: string, listener: (event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, payload: unknown) => void): void;
}

/** The renderer's replies to main's phone requests; from untrusted senders or for no page they are dropped. */
export function registerPhoneReplies(
  ipcMain: IpcMainEventsLike,
  isTrusted: (sender: SenderFacts) => boolean,
  pageIfAny: (webContentsId: number) => HostPage | undefined,
): () => void {
  const listener = (event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, payload: unknown): void => {
    const sender = senderFactsOf(event);
    if (!isTrusted(sender)) return;
    pageIfAny(sender.webContentsId)?.requests.reply(payload);
  };
  ipcMain.on(PHONE_REPLY_IPC, listener);
  return () => ipcMain.removeListener(PHONE_REPLY_IPC, listener);
}
