import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabPhone, startLabWithSip, type LabWithSip } from '../testing/lab-phones';
import { waitUntil } from '../testing/wait-until';

/** A real HTTP server that misbehaves on purpose, one path per fault. */
async function startFaultyServices(): Promise<{ url: string; server: Server; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(request.url ?? '');
    const path = (request.url ?? '').split('?')[0];
    const xml = (body: string, headers: Record<string, string> = {}): void => {
      response.writeHead(200, { 'Content-Type': 'text/xml', ...headers });
      response.end(body);
    };
    switch (path) {
      case '/missing': response.writeHead(404).end('nope'); return;
      case '/huge': {
        response.writeHead(200, { 'Content-Type': 'text/xml' });
        const chunk = Buffer.alloc(64 * 1024, 0x41);
        let sent = 0;
        const pump = (): void => {
          while (sent < 5 * 1024 * 1024) {
            sent += chunk.length;
            if (!response.write(chunk)) { response.once('drain', pump); return; }
          }
          response.end();
        };
        response.on('error', () => undefined);
        pump();
        return;
      }
      case '/laughs': xml('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><CiscoIPPhoneText><Text>&lol3;</Text></CiscoIPPhoneText>'); return;
      case '/xxe': xml('<?xml version="1.0"?><!DOCTYPE t [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><CiscoIPPhoneText><Text>&xxe;</Text></CiscoIPPhoneText>'); return;
      case '/markup': xml('<CiscoIPPhoneText><Title>&lt;b&gt;bold&lt;/b&gt;</Title><Text>&lt;script&gt;alert(1)&lt;/script&gt;</Text></CiscoIPPhoneText>'); return;
      case '/tick': xml(`<CiscoIPPhoneText><Title>Tick</Title><Text>${requests.filter((entry) => entry.startsWith('/tick')).length}</Text></CiscoIPPhoneText>`, { Refresh: '1; url=/tick' }); return;
      case '/slow': setTimeout(() => xml('<CiscoIPPhoneText><Text>late</Text></CiscoIPPhoneText>'), 15_000).unref(); return;
      default: response.writeHead(500).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, requests };
}

describe('a headless phone using IP Phone Services over real HTTP', () => {
  let lab: LabWithSip;
  let phone: LabPhone;
  let faulty: Awaited<ReturnType<typeof startFaultyServices>>;

  beforeAll(async () => {
    lab = await startLabWithSip();
    phone = await new LabPhone(lab.lab, '00AABB000002', 'branch').boot();
    faulty = await startFaultyServices();
  });

  afterAll(async () => {
    phone?.stop();
    await lab?.lab.stop();
    faulty?.server.closeAllConnections();
    await new Promise((resolve) => faulty?.server.close(resolve));
  });

  const snapshot = () => phone.phone.getSnapshot();

  it('an Input round trip sends the exact query string and shows the answer', async () => {
    phone.press('services');
    await waitUntil(() => snapshot().body.title === 'Services', 5000, 'the services menu');
    const echo = snapshot().body.rows.findIndex((row) => row.text.endsWith('Echo'));
    phone.press(String(echo + 1));
    await waitUntil(() => snapshot().body.title === 'Echo', 5000, 'the Echo input');
    phone.press('4', '4', '4', '3');
    await waitUntil(() => snapshot().body.rows[0]?.value === 'id', 3000, 'multi-tap to settle on "id"');
    phone.press('nav-down', '2', '0', '0', '1', 'nav-down', '9', '9');
    expect(snapshot().body.rows[2]?.value).toBe('**');
    phone.press('softkey-1');
    await waitUntil(() => snapshot().body.rows.some((row) => row.text === 'text=id&number=2001&secret=99'), 5000, 'the echoed query');
    phone.press('softkey-3', 'softkey-3', 'softkey-3');
    await waitUntil(() => snapshot().screen === 'idle', 5000, 'idle again');
  });

  it.each([
    ['a 404', '/missing', 'HTTP Error [404]'],
    ['a 5 MB body', '/huge', 'Data too large!'],
    ['a billion-laughs document', '/laughs', 'XML Error [4]: Parse Error'],
    ['an external-entity document', '/xxe', 'XML Error [4]: Parse Error'],
  ])('%s ends in the right error on the prompt line', async (_what, path, message) => {
    await phone.phone.openService(`${faulty.url}${path}`);
    expect(snapshot().prompt).toBe(message);
    phone.press('nav-down');
  });

  it('an unreachable host says Host Not Found', async () => {
    await phone.phone.openService('http://127.0.0.1:1/services');
    expect(snapshot().prompt).toBe('Host Not Found');
    await phone.phone.openService('http://no-such-host.invalid/services');
    expect(snapshot().prompt).toBe('Host Not Found');
    phone.press('nav-down');
  });

  it('a service that never answers times out', async () => {
    await phone.phone.openService(`${faulty.url}/slow`);
    expect(snapshot().prompt).toBe('HTTP Error [10]: Request Timed Out');
    phone.press('nav-down');
  }, 20_000);

  it('text is shown as text, never as markup', async () => {
    await phone.phone.openService(`${faulty.url}/markup`);
    expect(snapshot().body.title).toBe('<b>bold</b>');
    expect(snapshot().body.rows.map((row) => row.text)).toEqual(['<script>alert(1)</script>']);
    phone.press('softkey-3');
  });

  it('Refresh reloads the page on its own', async () => {
    await phone.phone.openService(`${faulty.url}/tick`);
    const first = Number(snapshot().body.rows[0]?.text);
    await waitUntil(() => Number(snapshot().body.rows[0]?.text) > first, 5000, 'a refreshed page');
    phone.press('softkey-3');
  });
});
