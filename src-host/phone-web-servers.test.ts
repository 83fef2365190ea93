import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { BLANK_LINE, type PhoneSnapshot } from '../src-firmware/phone-snapshot';
import { createPhoneRequestAnswerer, type AnswerablePhone } from '../src-renderer/host/phone-request-answerer';
import { WsHostClient } from '../src-renderer/host/ws-host-client';
import { isExecuteResults, isFieldList, isPhoneSnapshot } from './phone-web-servers';
import { startWebShell, type RunningWebShell } from './web-shell-server';

const MAC = '00AABB000001';

function fakePhone(authUrl: string): AnswerablePhone & { executed: string[]; prompt: string } {
  const phone = {
    executed: [] as string[],
    prompt: '',
    execute: async (xml: string) => {
      phone.executed.push(xml);
      phone.prompt = 'Services';
      if (xml.includes('junk')) throw Object.assign(new Error('XML Error [4]: Parse Error'), { name: 'PhoneObjectError' });
      return [{ url: 'Key:Services', status: 0, data: 'Success' }];
    },
    getSnapshot: (): PhoneSnapshot => ({
      state: 'idle', screen: 'idle', header: { clock: '9:41a 03/12/26', label: '1000' },
      body: { title: '', rows: [], scrollTop: 0 }, prompt: phone.prompt, softkeys: ['Redial', 'NewCall', 'CFwdAll', 'more'],
      lines: [{ label: '1000', kind: 'line', icon: 'line-idle', lamp: 'off' }, BLANK_LINE, BLANK_LINE, BLANK_LINE, BLANK_LINE, BLANK_LINE],
      hook: 'on-hook', audio: { speaker: false, headset: false, mute: false, volume: 8 }, handsetLamp: 'off', tone: 'none', conference: false,
      contrast: 8, deviceName: `SEP${MAC}`,
    }),
    deviceInformation: () => [['MACAddress', MAC], ['HostName', `SEP${MAC}`]] as const,
    networkConfiguration: () => [['HTTPPort', '0']] as const,
    getConfig: () => ({ urls: { authentication: authUrl } }),
  };
  return phone;
}

const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('the browser shell runs the web server of each phone a page attaches', () => {
  let shell: RunningWebShell;
  let auth: Server;
  let authUrl: string;
  const globals = globalThis as { WebSocket?: unknown };
  const original = globals.WebSocket;

  beforeAll(async () => {
    globals.WebSocket = WebSocket;
    auth = createServer((request, response) => {
      const query = new URL(request.url ?? '/', 'http://x').searchParams;
      response.end(query.get('UserID') === 'alice' && query.get('Password') === '12345' ? 'AUTHORIZED' : 'ERROR');
    });
    await new Promise<void>((resolve) => auth.listen(0, '127.0.0.1', () => resolve()));
    authUrl = `http://127.0.0.1:${(auth.address() as AddressInfo).port}/ccmcip/authenticate.jsp`;
    shell = await startWebShell({ port: 0, webRoot: '/nonexistent', dataDir: null, phones: [] });
  });

  afterAll(async () => {
    await shell.close();
    await new Promise<void>((resolve) => auth.close(() => resolve()));
    globals.WebSocket = original;
  });

  it('forwards /CGI/Execute, /CGI/Screenshot and the XML pages to the page, and closes with the page', async () => {
    const page = new WsHostClient(`${shell.url.replace('http', 'ws')}host`);
    const phone = fakePhone(authUrl);
    await page.servePhoneRequests(createPhoneRequestAnswerer((mac) => (mac === MAC ? phone : undefined)));
    const { url } = await page.phoneAttach({ mac: MAC, httpPort: 0 });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${shell.url}api/shell`)).json()).toEqual({ shell: 'browser', phones: [{ mac: MAC, url }] });

    const form = new URLSearchParams({ XML: '<CiscoIPPhoneExecute><ExecuteItem URL="Key:Services"/></CiscoIPPhoneExecute>' });
    const pushed = await fetch(`${url}/CGI/Execute`, { method: 'POST', body: form, headers: { Authorization: basic('alice', '12345') } });
    expect(await pushed.text()).toContain('<ResponseItem Status="0" Data="Success" URL="Key:Services"/>');
    expect(phone.executed).toHaveLength(1);

    const refused = await fetch(`${url}/CGI/Execute`, { method: 'POST', body: form, headers: { Authorization: basic('alice', 'wrong') } });
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('CiscoIPPhoneError Number="4"');
    expect(phone.executed).toHaveLength(1);

    const junk = await fetch(`${url}/CGI/Execute`, { method: 'POST', body: new URLSearchParams({ XML: 'junk' }), headers: { Authorization: basic('alice', '12345') } });
    expect(await junk.text()).toContain('CiscoIPPhoneError Number="1"');

    const png = Buffer.from(await (await fetch(`${url}/CGI/Screenshot`)).arrayBuffer());
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(320);
    expect(png.readUInt32BE(20)).toBe(222);
    expect(await (await fetch(`${url}/DeviceInformationX`)).text()).toContain(`<HostName>SEP${MAC}</HostName>`);

    page.close();
    await expect.poll(async () => fetch(`${url}/DeviceInformationX`).then(() => 'up', () => 'down')).toBe('down');
    expect(await (await fetch(`${shell.url}api/shell`)).json()).toEqual({ shell: 'browser', phones: [] });
  });

  it('refuses a bad attach, and a page that serves no requests answers errors', async () => {
    const page = new WsHostClient(`${shell.url.replace('http', 'ws')}host`);
    await expect(page.phoneAttach({ mac: 'nope', httpPort: 0 })).rejects.toThrow(/invalid phone/);
    await expect(page.phoneAttach({ mac: MAC, httpPort: 70000 })).rejects.toThrow(/invalid phone/);
    const { url } = await page.phoneAttach({ mac: MAC, httpPort: 0 });
    await page.servePhoneRequests(createPhoneRequestAnswerer(() => undefined));
    const answer = await fetch(`${url}/DeviceInformationX`);
    expect(answer.status).toBe(500);
    expect(await answer.text()).toContain('CiscoIPPhoneError Number="3"');
    page.close();
  });
});

describe('what the host accepts from a page', () => {
  it('checks execute results, field lists and snapshots', () => {
    expect(isExecuteResults([{ url: 'Key:Services', status: 0, data: 'Success' }])).toBe(true);
    expect(isExecuteResults([{ url: 1 }])).toBe(false);
    expect(isExecuteResults(new Array(4).fill({ url: '', status: 0, data: '' }))).toBe(false);
    expect(isFieldList([['a', 'b']])).toBe(true);
    expect(isFieldList([['a']])).toBe(false);
    const snapshot = fakePhone('').getSnapshot();
    expect(isPhoneSnapshot(snapshot)).toBe(true);
    expect(isPhoneSnapshot({ ...snapshot, softkeys: ['a'] })).toBe(false);
    expect(isPhoneSnapshot({ ...snapshot, body: { ...snapshot.body, image: { x: 0, y: 0, width: 2, height: 2, pixels: [0] } } })).toBe(false);
    expect(isPhoneSnapshot(null)).toBe(false);
  });
});
