import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../src-board/file-storage';
import { createHostBridge } from '../src-host/host-bridge';
import { HOST_CHANNELS, PHONE_REPLY_IPC, PHONE_REQUEST_IPC, type PhoneRequestEnvelope } from '../src-shared/host-contract';
import { registerIpcHandlers, registerPhoneReplies, type IpcMainEventsLike, type IpcMainLike } from './ipc-handlers';
import { createMainPages } from './main-pages';
import { createSenderPolicy } from './sender-policy';

type Sender = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

describe('Electron main pushing phone requests to its own window only', () => {
  const appUrl = 'file:///app/out/renderer/index.html';
  const sent: { id: number; channel: string; envelope: PhoneRequestEnvelope }[] = [];
  const pages = createMainPages((id, channel, envelope) => void sent.push({ id, channel, envelope }));
  const policy = createSenderPolicy(appUrl);
  policy.trustWindow(1);
  const invokeHandlers = new Map<string, (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>>();
  const replyListeners: ((event: Sender, payload: unknown) => void)[] = [];
  const ipc: IpcMainLike & IpcMainEventsLike = {
    handle: (channel, listener) => void invokeHandlers.set(channel, listener),
    removeHandler: (channel) => void invokeHandlers.delete(channel),
    on: (channel, listener) => void (channel === PHONE_REPLY_IPC && replyListeners.push(listener)),
    removeListener: () => undefined,
  };
  const bridge = createHostBridge({ shellConfig: () => ({ shell: 'electron', phones: [] }), storageFor: () => new MemoryStorage() });
  registerIpcHandlers(ipc, bridge, policy.isTrusted, pages.pageOf);
  registerPhoneReplies(ipc, policy.isTrusted, pages.pageIfAny);
  const event = (id: number, url = appUrl): IpcMainInvokeEvent => ({ sender: { id }, senderFrame: { url } }) as unknown as IpcMainInvokeEvent;
  const invoke = (channel: string, id: number, payload: unknown): Promise<unknown> => invokeHandlers.get(channel)!(event(id), payload);

  it('queues requests until the window is ready, sends them to that window, and takes its replies only', async () => {
    const attached = (await invoke(HOST_CHANNELS.phoneAttach, 1, { mac: '00AABB000001', httpPort: 0 })) as { url: string };
    const answer = fetch(`${attached.url}/NetworkConfigurationX`);
    await expect.poll(() => pages.pageIfAny(1)?.requests.state).toBe('waiting');
    expect(sent).toHaveLength(0);
    await invoke(HOST_CHANNELS.phoneRequestsReady, 1, null);
    await expect.poll(() => sent.length).toBe(1);
    const [push] = sent;
    expect(push).toMatchObject({ id: 1, channel: PHONE_REQUEST_IPC, envelope: { request: { channel: 'phone:network-configuration', mac: '00AABB000001' } } });
    /* A window main did not create cannot answer for ours. */
    for (const listener of replyListeners) listener(event(2), { id: push?.envelope.id, result: [['HTTPPort', 'forged']] });
    for (const listener of replyListeners) listener(event(1), { id: push?.envelope.id, result: [['HTTPPort', '0']] });
    expect(await (await answer).text()).toContain('<HTTPPort>0</HTTPPort>');
    await pages.forget(1);
    await expect(fetch(`${attached.url}/NetworkConfigurationX`)).rejects.toThrow();
  });

  it('refuses attach from an untrusted window and bad payloads', async () => {
    await expect(invoke(HOST_CHANNELS.phoneAttach, 2, { mac: '00AABB000001', httpPort: 0 })).rejects.toThrow(/not this app's window/);
    await expect(invoke(HOST_CHANNELS.phoneAttach, 1, { mac: '00aabb000001', httpPort: -1 })).rejects.toThrow(/invalid phone/);
    await pages.closeAll();
  });
});
