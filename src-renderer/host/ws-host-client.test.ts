import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebShell, type RunningWebShell } from '../../src-host/web-shell-server';
import { HostConnectionLost, WsHostClient } from './ws-host-client';

describe('the renderer reaching the browser shell host over /host', () => {
  let shell: RunningWebShell;
  const globals = globalThis as { WebSocket?: unknown };
  const original = globals.WebSocket;

  beforeAll(async () => {
    globals.WebSocket = WebSocket;
    shell = await startWebShell({ port: 0, webRoot: '/nonexistent', dataDir: null, phones: [] });
  });

  afterAll(async () => {
    await shell.close();
    globals.WebSocket = original;
  });

  const client = () => new WsHostClient(`${shell.url.replace('http', 'ws')}host`);

  it('calls the host before the socket is open and gets typed answers', async () => {
    const host = client();
    const [config, missing] = await Promise.all([
      host.shellConfig(),
      host.storageLoad({ scope: '00AABB000001', key: 'network-settings' }),
    ]);
    expect(config).toEqual({ shell: 'browser', phones: [] });
    expect(missing).toBeNull();
    await host.storageSave({ scope: '00AABB000001', key: 'network-settings', value: 'x' });
    expect(await host.storageLoad({ scope: '00AABB000001', key: 'network-settings' })).toBe('x');
    host.close();
  });

  it('receives bytes as Uint8Array and host refusals as errors', async () => {
    const host = client();
    const result = await host.httpRequest({ method: 'GET', url: shell.url, headers: {}, timeoutMs: 5000, maxBytes: 4096 });
    expect(result.outcome).toBe('ok');
    if (result.outcome === 'ok') expect(result.body).toBeInstanceOf(Uint8Array);
    await expect(host.storageLoad({ scope: 'bad scope!', key: 'k' })).rejects.toThrow(/invalid storage key/);
    host.close();
  });

  it('rejects with HostConnectionLost when no host answers', async () => {
    const host = new WsHostClient('ws://127.0.0.1:1/host');
    await expect(host.shellConfig()).rejects.toBeInstanceOf(HostConnectionLost);
  });
});
