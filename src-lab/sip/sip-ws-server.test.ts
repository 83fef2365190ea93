import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocketImpl from 'ws';
import { RawSipClient } from './testing/raw-sip-client';
import { installNodeWebSocket, TestPhone, waitFor } from './testing/sip-test-phone';
import { memoryCredentials, startTestCluster, type TestCluster } from './testing/lab-fixtures';
import { getHeader } from './sip-message';

const OPTIONS = (uri: string, branch: string, mf = 70): string => [
  `OPTIONS ${uri} SIP/2.0`,
  `Via: SIP/2.0/WS tester.invalid;branch=z9hG4bK${branch}`,
  `Max-Forwards: ${mf}`,
  'From: <sip:tester@lab.invalid>;tag=t1',
  'To: <sip:hq>',
  `Call-ID: ${branch}@tester`,
  'CSeq: 1 OPTIONS',
  'Content-Length: 0',
  '', '',
].join('\r\n');

describe('the SIP WebSocket server survives whatever a client sends', () => {
  let cluster: TestCluster;

  beforeAll(async () => {
    installNodeWebSocket();
    cluster = await startTestCluster({ clusterId: 'hq', credentials: memoryCredentials([{ dn: '1001', authName: '1001', password: 'a' }]) });
  });

  afterAll(async () => {
    await cluster?.server.close();
  });

  it('refuses a WebSocket handshake that does not offer the sip subprotocol (RFC 7118 §5)', async () => {
    await expect(RawSipClient.connect(cluster.server.url, 'chat')).rejects.toThrow();
    const client = await RawSipClient.connect(cluster.server.url, ['chat', 'sip']);
    expect(client.socket.protocol).toBe('sip');
    client.close();
  });

  it('answers OPTIONS addressed to itself with 200 and Allow', async () => {
    const client = await RawSipClient.connect(cluster.server.url);
    client.send(OPTIONS('sip:127.0.0.1', 'opt1'));
    const response = await client.next();
    expect(response.kind === 'response' && response.status).toBe(200);
    expect(getHeader(response, 'Allow')).toContain('INVITE');
    expect(getHeader(response, 'Via')).toContain('received=127.0.0.1');
    client.close();
  });

  it('answers 483 when Max-Forwards is exhausted on a request to forward', async () => {
    const client = await RawSipClient.connect(cluster.server.url);
    client.send(OPTIONS('sip:1001@hq', 'mf0', 0));
    const response = await client.next();
    expect(response.kind === 'response' && response.status).toBe(483);
    client.close();
  });

  it('answers 400 to a malformed request it can still address, drops garbage, and keeps serving', async () => {
    const client = await RawSipClient.connect(cluster.server.url);
    client.send('complete garbage \u0000\u0001');
    client.send(Buffer.from([0xff, 0xfe, 0x00]).toString('latin1'));
    client.send('SIP/2.0 200 OK\r\nVia: SIP/2.0/WS nowhere.invalid;branch=z9hG4bKstray\r\n\r\n');
    client.socket.send(Buffer.from('INVITE sip:x SIP/2.0\r\n\r\n'));
    client.send(OPTIONS('sip:1001@hq', 'bad').replace('Content-Length: 0', 'Content-Length: 999'));
    const bad = await client.next((m) => m.kind === 'response' && getHeader(m, 'Call-ID') === 'bad@tester');
    expect(bad.kind === 'response' && bad.status).toBe(400);
    client.send(OPTIONS('sip:127.0.0.1', 'after'));
    const ok = await client.next((m) => m.kind === 'response' && getHeader(m, 'Call-ID') === 'after@tester');
    expect(ok.kind === 'response' && ok.status).toBe(200);
    expect(cluster.events.filter((e) => e.kind === 'error').length).toBeGreaterThanOrEqual(4);
    client.close();

    const phone = new TestPhone({ server: cluster.server.url, dn: '1001', password: 'a' });
    await phone.start();
    expect((await phone.register()).status).toBe(200);
    await phone.stop();
  });

  it('answers a double-CRLF keep-alive ping with a CRLF pong (RFC 5626 §4.4.1)', async () => {
    const client = await RawSipClient.connect(cluster.server.url);
    client.send('\r\n\r\n');
    await waitFor(() => client.received.includes('\r\n'), 2000, 'pong');
    client.close();
  });

  it('answers plain HTTP with 426', async () => {
    const response = await fetch(cluster.server.url.replace('ws:', 'http:'));
    expect(response.status).toBe(426);
  });

  it('answers CANCEL for an unknown transaction with 481', async () => {
    const client = await RawSipClient.connect(cluster.server.url);
    client.send(OPTIONS('sip:1001@hq', 'nocancel').replace(/OPTIONS/g, 'CANCEL'));
    const response = await client.next();
    expect(response.kind === 'response' && response.status).toBe(481);
    client.close();
  });

  it('keeps working when a client disappears mid-frame', async () => {
    const ws = new WebSocketImpl(cluster.server.url, 'sip');
    await new Promise((resolve) => ws.once('open', resolve));
    ws.terminate();
    const client = await RawSipClient.connect(cluster.server.url);
    client.send(OPTIONS('sip:127.0.0.1', 'alive'));
    expect((await client.next()).kind).toBe('response');
    client.close();
  });
});
