import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { HOST_CHANNELS } from '../src-shared/host-contract';
import { decodeWire, encodeWire } from '../src-shared/host-wire';
import { startWebShell, type RunningWebShell } from './web-shell-server';

describe('the browser shell host over real loopback sockets', () => {
  let root: string;
  let shell: RunningWebShell;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'web-shell-'));
    mkdirSync(join(root, 'web', 'assets'), { recursive: true });
    writeFileSync(join(root, 'web', 'index.html'), '<!doctype html><title>phone</title>');
    writeFileSync(join(root, 'web', 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.txt'), 'do not serve');
    shell = await startWebShell({
      port: 0,
      webRoot: join(root, 'web'),
      dataDir: join(root, 'data'),
      phones: [{ mac: '00AABB000009', tftpServers: [{ host: '127.0.0.1', port: 69 }], httpPort: 0 }],
    });
  });

  afterAll(async () => {
    await shell.close();
    rmSync(root, { recursive: true, force: true });
  });

  async function call(channel: string, payload: unknown, origin?: string): Promise<{ result?: unknown; error?: string }> {
    const socket = new WebSocket(`${shell.url.replace('http', 'ws')}host`, origin ? { origin } : {});
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    try {
      socket.send(JSON.stringify({ id: 1, channel, payload: encodeWire(payload) }));
      const reply = await new Promise<string>((resolve) => socket.once('message', (data) => resolve(String(data))));
      const parsed = JSON.parse(reply) as { result?: unknown; error?: string };
      return { ...parsed, result: decodeWire(parsed.result) };
    } finally {
      socket.close();
    }
  }

  it('serves the renderer with a CSP, and index.html for page paths', async () => {
    const page = await fetch(shell.url + '?mac=00AABB000009');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('<title>phone</title>');
    expect((await fetch(shell.url + 'assets/app.js')).headers.get('content-type')).toContain('javascript');
  });

  it('never serves files outside the renderer', async () => {
    expect((await fetch(shell.url + '..%2Fsecret.txt')).status).toBe(404);
    expect((await fetch(shell.url + 'assets/..%2F..%2Fsecret.txt')).status).toBe(404);
    expect((await fetch(shell.url + 'missing.js')).status).toBe(404);
  });

  it('answers shellConfig with the browser shell and its phones', async () => {
    const { result } = await call(HOST_CHANNELS.shellConfig, null);
    expect(result).toMatchObject({ shell: 'browser', phones: [{ mac: '00AABB000009' }] });
  });

  it('stores per phone scope, in files under the data directory', async () => {
    await call(HOST_CHANNELS.storageSave, { scope: '00AABB000009', key: 'network-settings', value: '{"mac":"x"}' });
    expect((await call(HOST_CHANNELS.storageLoad, { scope: '00AABB000009', key: 'network-settings' })).result).toBe('{"mac":"x"}');
    expect((await call(HOST_CHANNELS.storageLoad, { scope: '00AABB000010', key: 'network-settings' })).result).toBeNull();
  });

  it('refuses invalid payloads and unknown channels with an error reply', async () => {
    expect((await call(HOST_CHANNELS.storageLoad, { scope: '../x', key: 'k' })).error).toMatch(/invalid storage key/);
    expect((await call('fs:read', { path: '/etc/passwd' })).error).toMatch(/unknown channel/);
  });

  it('carries HTTP bodies as bytes through the socket', async () => {
    const { result } = await call(HOST_CHANNELS.httpRequest, {
      method: 'GET', url: shell.url, headers: {}, timeoutMs: 5000, maxBytes: 65536,
    });
    expect(result).toMatchObject({ outcome: 'ok', status: 200 });
    expect((result as { body: unknown }).body).toBeInstanceOf(Uint8Array);
  });

  it('refuses WebSocket upgrades from other origins', async () => {
    await expect(call(HOST_CHANNELS.shellConfig, null, 'http://evil.example')).rejects.toThrow();
  });
});
