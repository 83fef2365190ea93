import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../src-board/file-storage';
import { createHostBridge } from '../src-host/host-bridge';
import { HOST_CHANNELS } from '../src-shared/host-contract';
import { registerIpcHandlers, type IpcMainLike } from './ipc-handlers';
import { createSenderPolicy } from './sender-policy';

type Listener = (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>;

function fakeIpcMain(): IpcMainLike & { invoke(channel: string, sender: number, url: string, payload: unknown): Promise<unknown> } {
  const handlers = new Map<string, Listener>();
  return {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
    invoke: (channel, sender, url, payload) => {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`no handler for ${channel}`);
      const event = { sender: { id: sender }, senderFrame: { url } } as unknown as IpcMainInvokeEvent;
      return handler(event, payload);
    },
  };
}

describe('Electron main answering its renderer', () => {
  const appUrl = 'file:///app/out/renderer/index.html';
  const storages = new Map<string, MemoryStorage>();
  const bridge = createHostBridge({
    shellConfig: () => ({ shell: 'electron', phones: [] }),
    storageFor: (scope) => storages.get(scope) ?? storages.set(scope, new MemoryStorage()).get(scope)!,
  });
  const policy = createSenderPolicy(appUrl);
  policy.trustWindow(1);
  const ipc = fakeIpcMain();
  registerIpcHandlers(ipc, bridge, policy.isTrusted);

  it('serves its own window: shell config and per-phone storage', async () => {
    expect(await ipc.invoke(HOST_CHANNELS.shellConfig, 1, appUrl, null)).toEqual({ shell: 'electron', phones: [] });
    await ipc.invoke(HOST_CHANNELS.storageSave, 1, appUrl, { scope: '00AABB000001', key: 'network-settings', value: '{}' });
    expect(await ipc.invoke(HOST_CHANNELS.storageLoad, 1, appUrl, { scope: '00AABB000001', key: 'network-settings' })).toBe('{}');
    expect(await ipc.invoke(HOST_CHANNELS.storageLoad, 1, appUrl, { scope: '00AABB000002', key: 'network-settings' })).toBeNull();
  });

  it('refuses a window it did not create', async () => {
    await expect(ipc.invoke(HOST_CHANNELS.shellConfig, 2, appUrl, null)).rejects.toThrow(/not this app's window/);
  });

  it('refuses payloads that fail the contract guards', async () => {
    await expect(ipc.invoke(HOST_CHANNELS.storageLoad, 1, appUrl, { scope: '../../etc', key: 'passwd' })).rejects.toThrow(/invalid storage key/);
    await expect(ipc.invoke(HOST_CHANNELS.tftpGet, 1, appUrl, { server: { host: 'x', port: 70000 }, file: 'a', options: { timeoutMs: 1, retries: 0 } }))
      .rejects.toThrow(/invalid TFTP request/);
    await expect(ipc.invoke(HOST_CHANNELS.httpRequest, 1, appUrl, { method: 'DELETE', url: 'file:///etc/passwd' })).rejects.toThrow(/invalid HTTP request/);
  });
});
