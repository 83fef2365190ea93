import { describe, expect, it } from 'vitest';
import { digestResponse } from './digest';
import { Registrar, type RegistrarEvent } from './registrar';
import { getHeader, getHeaders, parseSipMessage, type SipRequest, type SipResponse } from './sip-message';
import { parseDigest } from './sip-header-values';
import { memoryCredentials } from './testing/lab-fixtures';
import { ManualClock } from './testing/manual-clock';

const LINES = [{ dn: '1001', authName: 'alice', password: 'secret' }];

function register(options: { cseq: number; callId?: string; contact?: string; expires?: number; authorization?: string }): SipRequest {
  const lines = [
    'REGISTER sip:hq SIP/2.0',
    `Via: SIP/2.0/WS a.invalid;branch=z9hG4bK${options.cseq}`,
    'Max-Forwards: 70',
    'From: <sip:1001@hq>;tag=f1',
    'To: <sip:1001@hq>',
    `Call-ID: ${options.callId ?? 'reg-1'}`,
    `CSeq: ${options.cseq} REGISTER`,
  ];
  if (options.contact !== undefined) lines.push(`Contact: ${options.contact}`);
  if (options.expires !== undefined) lines.push(`Expires: ${options.expires}`);
  if (options.authorization) lines.push(`Authorization: ${options.authorization}`);
  return parseSipMessage(`${lines.join('\r\n')}\r\n\r\n`) as SipRequest;
}

function answer(challenge: SipResponse, nc: string, password = 'secret', username = 'alice'): string {
  const params = parseDigest(getHeader(challenge, 'WWW-Authenticate') ?? '')?.params ?? {};
  const nonce = params['nonce'] ?? '';
  const response = digestResponse({ username, realm: 'hq', password, method: 'REGISTER', uri: 'sip:hq', nonce, qop: 'auth', nc, cnonce: 'c1' });
  return `Digest username="${username}", realm="hq", nonce="${nonce}", uri="sip:hq", response="${response}", algorithm=MD5, qop=auth, nc=${nc}, cnonce="c1"`;
}

function setup(): { registrar: Registrar; clock: ManualClock; events: RegistrarEvent[] } {
  const clock = new ManualClock();
  const events: RegistrarEvent[] = [];
  const registrar = new Registrar({ realm: 'hq', credentials: memoryCredentials(LINES), clock, minExpires: 60, maxExpires: 3600, nonceTtlSeconds: 30, onEvent: (e) => events.push(e) });
  return { registrar, clock, events };
}

const CONTACT = '<sip:x@a.invalid;transport=ws>';

describe('the registrar engine (RFC 3261 §10.3, RFC 2617)', () => {
  it('challenges with MD5 qop=auth, then binds and lists the contact with its expiry', async () => {
    const { registrar } = setup();
    const challenge = await registrar.handleRegister(register({ cseq: 1, contact: CONTACT }), 'f1');
    expect(challenge.status).toBe(401);
    expect(getHeader(challenge, 'WWW-Authenticate')).toMatch(/^Digest realm="hq", nonce="[^"]+", algorithm=MD5, qop="auth"$/);
    const ok = await registrar.handleRegister(register({ cseq: 2, contact: CONTACT, expires: 7200, authorization: answer(challenge, '00000001') }), 'f1');
    expect(ok.status).toBe(200);
    expect(getHeaders(ok, 'Contact')).toEqual(['<sip:x@a.invalid;transport=ws>;expires=3600']);
    expect(registrar.bindingsOf('1001')[0]).toMatchObject({ callId: 'reg-1', flow: 'f1', authName: 'alice' });
  });

  it('rejects a replayed nonce count and answers an expired nonce with stale=true', async () => {
    const { registrar, clock } = setup();
    const challenge = await registrar.handleRegister(register({ cseq: 1, contact: CONTACT }), 'f1');
    expect((await registrar.handleRegister(register({ cseq: 2, contact: CONTACT, authorization: answer(challenge, '00000001') }), 'f1')).status).toBe(200);
    const replay = await registrar.handleRegister(register({ cseq: 3, contact: CONTACT, authorization: answer(challenge, '00000001') }), 'f1');
    expect(replay.status).toBe(401);
    expect((await registrar.handleRegister(register({ cseq: 4, contact: CONTACT, authorization: answer(challenge, '00000002') }), 'f1')).status).toBe(200);
    clock.advance(31_000);
    const stale = await registrar.handleRegister(register({ cseq: 5, contact: CONTACT, authorization: answer(challenge, '00000003') }), 'f1');
    expect(stale.status).toBe(401);
    expect(getHeader(stale, 'WWW-Authenticate')).toContain('stale=true');
  });

  it('refuses a forged nonce with a fresh challenge and a wrong password with 403', async () => {
    const { registrar, events } = setup();
    const forged = 'Digest username="alice", realm="hq", nonce="abc.def.00", uri="sip:hq", response="00000000000000000000000000000000"';
    expect((await registrar.handleRegister(register({ cseq: 1, contact: CONTACT, authorization: forged }), 'f1')).status).toBe(401);
    const challenge = await registrar.handleRegister(register({ cseq: 2, contact: CONTACT }), 'f1');
    expect((await registrar.handleRegister(register({ cseq: 3, contact: CONTACT, authorization: answer(challenge, '00000001', 'nope') }), 'f1')).status).toBe(403);
    expect(events.at(-1)).toMatchObject({ kind: 'auth-failed', status: 403 });
  });

  it('applies 423, out-of-order CSeq, per-contact expires, Contact: * and binding expiry', async () => {
    const { registrar, clock, events } = setup();
    let challenge = await registrar.handleRegister(register({ cseq: 1, contact: CONTACT }), 'f1');
    let nc = 1;
    const auth = (): string => answer(challenge, (nc++).toString(16).padStart(8, '0'));
    const brief = await registrar.handleRegister(register({ cseq: 2, contact: `${CONTACT};expires=10`, authorization: auth() }), 'f1');
    expect(brief.status).toBe(423);
    expect(getHeader(brief, 'Min-Expires')).toBe('60');
    expect((await registrar.handleRegister(register({ cseq: 3, contact: `${CONTACT};expires=120`, expires: 900, authorization: auth() }), 'f1')).status).toBe(200);
    expect(registrar.bindingsOf('1001')[0]?.expiresAt).toBe(clock.now() + 120_000);
    expect((await registrar.handleRegister(register({ cseq: 3, contact: CONTACT, authorization: auth() }), 'f1')).status).toBe(400);
    const other = '<sip:y@b.invalid;transport=ws>';
    expect((await registrar.handleRegister(register({ cseq: 1, callId: 'reg-2', contact: other, expires: 600, authorization: auth() }), 'f2')).status).toBe(200);
    expect(registrar.bindingsOf('1001')).toHaveLength(2);
    clock.advance(121_000);
    expect(registrar.bindingsOf('1001').map((b) => b.contact)).toEqual(['sip:y@b.invalid;transport=ws']);
    expect(events.some((e) => e.kind === 'expired')).toBe(true);
    challenge = await registrar.handleRegister(register({ cseq: 2, callId: 'reg-2' }), 'f2');
    nc = 1;
    expect((await registrar.handleRegister(register({ cseq: 2, callId: 'reg-2', contact: '*', authorization: auth() }), 'f2')).status).toBe(400);
    expect((await registrar.handleRegister(register({ cseq: 3, callId: 'reg-2', contact: '*', expires: 0, authorization: auth() }), 'f2')).status).toBe(200);
    expect(registrar.bindingsOf('1001')).toEqual([]);
  });

  it('answers a query REGISTER (no Contact) with the current bindings', async () => {
    const { registrar } = setup();
    const challenge = await registrar.handleRegister(register({ cseq: 1 }), 'f1');
    const ok = await registrar.handleRegister(register({ cseq: 2, authorization: answer(challenge, '00000001') }), 'f1');
    expect(ok.status).toBe(200);
    expect(getHeaders(ok, 'Contact')).toEqual([]);
  });
});
