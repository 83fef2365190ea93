/**
 * Binds every `HostApi` channel to `ipcMain.handle`. Each call is answered
 * only for a trusted sender (src-main/sender-policy.ts) and its payload is
 * validated by the host bridge before anything touches a socket or a file.
 * Takes `ipcMain` as a parameter, so tests run it without Electron.
 */
import type { IpcMainInvokeEvent } from 'electron';
import { HOST_CHANNELS } from '../src-shared/host-contract';
import type { HostBridge } from '../src-host/host-bridge';
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

/** Returns a function that removes the handlers again. */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  bridge: HostBridge,
  isTrusted: (sender: SenderFacts) => boolean,
): () => void {
  const channels = Object.values(HOST_CHANNELS);
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, payload) => {
      if (!isTrusted(senderFactsOf(event))) throw new UntrustedSender(channel);
      return bridge(channel, payload);
    });
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel));
}
