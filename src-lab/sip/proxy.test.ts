import { describe, expect, it } from 'vitest';
import type { FlowTransport } from './proxy';
import { SipProxy } from './proxy';
import { Registrar } from './registrar';
import { RouteTable } from './route-pattern';
import type { SipEventBody } from './sip-events';
import { getHeader, getHeaders, parseSipMessage, serializeSipMessage, type SipMessage, type SipRequest } from './sip-message';
import { responseTo } from './sip-status';
import { memoryCredentials } from './testing/lab-fixtures';
import { ManualClock } from './testing/manual-clock';

/** An in-memory transport: records what the engine sends per flow. */
class RecordingTransport implements FlowTransport {
  readonly sent: { flow: string; message: SipMessage }[] = [];
  closed = new Set<string>();

  send(flow: string, text: string): boolean {
    if (this.closed.has(flow)) return false;
    if (text.trim()) this.sent.push({ flow, message: parseSipMessage(text) });
    return true;
  }

  connect(): Promise<string> {
    return Promise.reject(new Error('no trunks here'));
  }

  to(flow: string): SipMessage[] {
    return this.sent.filter((s) => s.flow === flow).map((s) => s.message);
  }
}

function invite(dn: string, branch: string): string {
  return [
    `INVITE sip:${dn}@hq SIP/2.0`,
    `Via: SIP/2.0/WS caller.invalid;branch=z9hG4bK${branch}`,
    'Max-Forwards: 70',
    'From: <sip:1001@hq>;tag=a',
    `To: <sip:${dn}@hq>`,
    `Call-ID: ${branch}`,
    'CSeq: 1 INVITE',
    'Contact: <sip:c@caller.invalid;transport=ws>',
    '', '',
  ].join('\r\n');
}

async function setup(): Promise<{ proxy: SipProxy; transport: RecordingTransport; clock: ManualClock; events: SipEventBody[] }> {
  const clock = new ManualClock();
  const transport = new RecordingTransport();
  const events: SipEventBody[] = [];
  const registrar = new Registrar({ realm: 'hq', clock, credentials: memoryCredentials([{ dn: '1002', authName: '1002', password: 'b' }]) });
  const proxy = new SipProxy({
    clusterId: 'hq', host: '127.0.0.1', port: 5080, registrar, routes: new RouteTable([]), trunks: () => undefined,
    transport, clock, inviteTimeoutMs: 60_000, onEvent: (e) => events.push(e),
  });
  proxy.flowOpened('caller');
  proxy.flowOpened('callee');
  // Bind 1002 to the callee flow through the real REGISTER path (challenge, then digest).
  const { digestResponse } = await import('./digest');
  const reg = (cseq: number, auth?: string): SipRequest => parseSipMessage([
    'REGISTER sip:hq SIP/2.0', `Via: SIP/2.0/WS callee.invalid;branch=z9hG4bKr${cseq}`, 'From: <sip:1002@hq>;tag=r',
    'To: <sip:1002@hq>', 'Call-ID: reg', `CSeq: ${cseq} REGISTER`, 'Contact: <sip:b@callee.invalid;transport=ws>',
    ...(auth ? [`Authorization: ${auth}`] : []), '', '',
  ].join('\r\n')) as SipRequest;
  const challenge = await registrar.handleRegister(reg(1), 'callee');
  const nonce = /nonce="([^"]+)"/.exec(getHeader(challenge, 'WWW-Authenticate') ?? '')?.[1] ?? '';
  const response = digestResponse({ username: '1002', realm: 'hq', password: 'b', method: 'REGISTER', uri: 'sip:hq', nonce, qop: 'auth', nc: '00000001', cnonce: 'x' });
  await registrar.handleRegister(reg(2, `Digest username="1002", realm="hq", nonce="${nonce}", uri="sip:hq", response="${response}", qop=auth, nc=00000001, cnonce="x"`), 'callee');
  return { proxy, transport, clock, events };
}

describe('the proxy engine without sockets', () => {
  it('retargets an INVITE to the binding, adds Via and a flow-token Record-Route, and strips its Via on the way back', async () => {
    const { proxy, transport } = await setup();
    await proxy.receive('caller', invite('1002', 'i1'));
    expect(transport.to('caller').map((m) => m.kind === 'response' && m.status)).toEqual([100]);
    const forwarded = transport.to('callee')[0] as SipRequest;
    expect(forwarded.uri).toBe('sip:b@callee.invalid;transport=ws');
    expect(getHeaders(forwarded, 'Via')[0]).toMatch(/^SIP\/2\.0\/WS 127\.0\.0\.1:5080;branch=z9hG4bK-/);
    expect(getHeader(forwarded, 'Record-Route')).toBe('<sip:caller~callee@127.0.0.1:5080;transport=ws;lr>');
    expect(getHeader(forwarded, 'Max-Forwards')).toBe('69');
    await proxy.receive('callee', serializeSipMessage(responseTo(forwarded, 180, { toTag: 'b' })));
    const ringing = transport.to('caller').at(-1)!;
    expect(ringing.kind === 'response' && ringing.status).toBe(180);
    expect(getHeaders(ringing, 'Via')).toEqual(['SIP/2.0/WS caller.invalid;branch=z9hG4bKi1']);
  });

  it('answers 408 and CANCELs the branch when Timer C fires', async () => {
    const { proxy, transport, clock, events } = await setup();
    await proxy.receive('caller', invite('1002', 'i2'));
    clock.advance(60_001);
    expect(transport.to('callee').map((m) => m.kind === 'request' && m.method)).toEqual(['INVITE', 'CANCEL']);
    const final = transport.to('caller').at(-1)!;
    expect(final.kind === 'response' && final.status).toBe(408);
    expect(events.some((e) => e.kind === 'call' && e.state === 'failed' && e.status === 408)).toBe(true);
  });

  it('fails the branch when the callee\'s connection closes, and forgets its binding', async () => {
    const { proxy, transport } = await setup();
    await proxy.receive('caller', invite('1002', 'i3'));
    transport.closed.add('callee');
    proxy.flowClosed('callee');
    const final = transport.to('caller').at(-1)!;
    expect(final.kind === 'response' && final.status).toBe(408);
    await proxy.receive('caller', invite('1002', 'i4'));
    const next = transport.to('caller').at(-1)!;
    expect(next.kind === 'response' && next.status).toBe(480);
  });

  it('refuses to follow a Route to a host off loopback', async () => {
    const { proxy, transport } = await setup();
    await proxy.receive('caller', invite('1002', 'i5').replace('CSeq: 1 INVITE', 'CSeq: 1 INVITE\r\nRoute: <sip:10.0.0.1:5060;lr>'));
    const final = transport.to('caller').at(-1)!;
    expect(final.kind === 'response' && final.status).toBe(403);
  });
});
