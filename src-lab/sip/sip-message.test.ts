import { describe, expect, it } from 'vitest';
import {
  getHeader, getHeaders, parseSipMessage, serializeSipMessage, SipParseError, withHeaderOnTop, withoutTopHeader,
  type SipRequest,
} from './sip-message';
import { formatNameAddr, formatSipUri, parseDigest, parseNameAddr, parseSipUri, parseVia, tagOf } from './sip-header-values';

const INVITE = [
  'INVITE sip:2001@branch.lab SIP/2.0',
  'v: SIP/2.0/WSS abc.invalid;branch=z9hG4bK776asdhds, SIP/2.0/WS 127.0.0.1:5060;branch=z9hG4bKxyz;received=127.0.0.1',
  'Max-Forwards: 70',
  't: "Branch Phone" <sip:2001@branch.lab>',
  'f: "Alice, HQ" <sip:1001@hq.lab>;tag=1928301774',
  'i: a84b4c76e66710@pc33.atlanta.com',
  'CSeq: 314159 INVITE',
  'm: <sip:k3l@abc.invalid;transport=ws>;expires=60, <sip:other@abc.invalid;transport=ws>',
  'Route: <sip:a@127.0.0.1:1;lr>,',
  ' <sip:b@127.0.0.1:2;lr>',
  'c: application/sdp',
  'l: 8',
  '',
  'v=0\r\nxyz',
].join('\r\n');

describe('the SIP message codec', () => {
  it('expands compact forms, splits list headers and unfolds continuation lines', () => {
    const msg = parseSipMessage(INVITE) as SipRequest;
    expect(msg.kind).toBe('request');
    expect(msg.method).toBe('INVITE');
    expect(msg.uri).toBe('sip:2001@branch.lab');
    expect(getHeaders(msg, 'Via')).toHaveLength(2);
    expect(getHeaders(msg, 'Contact')).toHaveLength(2);
    expect(getHeaders(msg, 'Route')).toEqual(['<sip:a@127.0.0.1:1;lr>', '<sip:b@127.0.0.1:2;lr>']);
    expect(getHeader(msg, 'From')).toBe('"Alice, HQ" <sip:1001@hq.lab>;tag=1928301774');
    expect(getHeader(msg, 'call-id')).toBe('a84b4c76e66710@pc33.atlanta.com');
    expect(getHeader(msg, 'Content-Type')).toBe('application/sdp');
    expect(msg.body).toBe('v=0\r\nxyz');
  });

  it('round-trips through serialise and parse with a recomputed Content-Length', () => {
    const msg = parseSipMessage(INVITE);
    const text = serializeSipMessage({ ...msg, body: 'héllo' });
    expect(text).toContain('Content-Length: 6\r\n\r\nhéllo');
    const again = parseSipMessage(text);
    expect(again.headers.filter((h) => h.name !== 'Content-Length')).toEqual(msg.headers.filter((h) => h.name !== 'Content-Length'));
    expect(again.body).toBe('héllo');
  });

  it('parses responses and edits headers without mutating', () => {
    const res = parseSipMessage('SIP/2.0 486 Busy Here\r\nVia: SIP/2.0/WS a.invalid;branch=z9hG4bK1\r\nVia: SIP/2.0/WS b.invalid;branch=z9hG4bK2\r\nContent-Length: 0\r\n\r\n');
    expect(res.kind === 'response' && res.status).toBe(486);
    const popped = withoutTopHeader(res, 'Via');
    expect(getHeaders(popped, 'Via')).toEqual(['SIP/2.0/WS b.invalid;branch=z9hG4bK2']);
    expect(getHeaders(res, 'Via')).toHaveLength(2);
    expect(getHeaders(withHeaderOnTop(res, 'Via', 'SIP/2.0/WS c;branch=z9hG4bK3'), 'Via')[0]).toContain('c;branch');
  });

  it.each([
    ['empty', ''],
    ['start-line', 'HELLO WORLD\r\n\r\n'],
    ['start-line', 'INVITE nouri SIP/2.0\r\n\r\n'],
    ['header-syntax', 'OPTIONS sip:x@y SIP/2.0\r\nVia: SIP/2.0/WS a;branch=z9hG4bK1\r\nthis is not a header\r\n\r\n'],
    ['content-length', 'OPTIONS sip:x@y SIP/2.0\r\nContent-Length: 50\r\n\r\nshort'],
    ['content-length', 'OPTIONS sip:x@y SIP/2.0\r\nContent-Length: -1\r\n\r\n'],
    ['missing-header', 'OPTIONS sip:x@y SIP/2.0\r\nVia: SIP/2.0/WS a;branch=z9hG4bK1\r\n\r\n'],
    ['cseq', 'OPTIONS sip:x@y SIP/2.0\r\nVia: SIP/2.0/WS a;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:x@y>\r\nCall-ID: 1\r\nCSeq: 1 INVITE\r\n\r\n'],
  ])('rejects malformed input with a typed error (%s)', (code, text) => {
    try {
      parseSipMessage(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SipParseError);
      expect((error as SipParseError).code).toBe(code);
    }
  });

  it('keeps the headers it could read so a 400 can be built', () => {
    const text = 'OPTIONS sip:x@y SIP/2.0\r\nVia: SIP/2.0/WS a;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:x@y>\r\nCall-ID: 1\r\nCSeq: 1 OPTIONS\r\n@@@\r\n\r\n';
    try {
      parseSipMessage(text);
    } catch (error) {
      expect((error as SipParseError).partial?.headers.map((h) => h.name)).toEqual(['Via', 'From', 'To', 'Call-ID', 'CSeq']);
    }
  });
});

describe('structured header values', () => {
  it('parses SIP URIs with user, port, params and headers', () => {
    const uri = parseSipUri('sip:1001:secret@127.0.0.1:5080;transport=ws;lr?subject=x');
    expect(uri).toMatchObject({ scheme: 'sip', user: '1001', password: 'secret', host: '127.0.0.1', port: 5080, params: { transport: 'ws', lr: null }, headers: 'subject=x' });
    expect(formatSipUri(uri!)).toBe('sip:1001:secret@127.0.0.1:5080;transport=ws;lr?subject=x');
    expect(parseSipUri('sip:hq')).toMatchObject({ host: 'hq' });
    expect(parseSipUri('mailto:x@y')).toBeNull();
  });

  it('parses name-addr and addr-spec forms with header params', () => {
    expect(parseNameAddr('"A \\"B\\"" <sip:1@h>;tag=9')).toEqual({ displayName: 'A "B"', uri: 'sip:1@h', params: { tag: '9' } });
    expect(parseNameAddr('sip:1@h;tag=9')).toEqual({ uri: 'sip:1@h', params: { tag: '9' } });
    expect(parseNameAddr('Bob <sip:2@h;transport=ws>;expires=30')).toMatchObject({ displayName: 'Bob', uri: 'sip:2@h;transport=ws', params: { expires: '30' } });
    expect(formatNameAddr({ uri: 'sip:1@h', params: { tag: 'x' } })).toBe('<sip:1@h>;tag=x');
    expect(tagOf('<sip:1@h>;tag=abc')).toBe('abc');
    expect(parseNameAddr('<sip:1@h')).toBeNull();
  });

  it('parses Via and digest parameters', () => {
    expect(parseVia('SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bK56;rport')).toMatchObject({
      transport: 'WSS', host: 'df7jal23ls0d.invalid', params: { branch: 'z9hG4bK56', rport: null },
    });
    expect(parseVia('SIP/2.0/WS 127.0.0.1:9000;branch=z9hG4bK1')?.port).toBe(9000);
    expect(parseDigest('Digest username="1001", realm="hq", nonce="a,b", uri="sip:hq", response="00", qop=auth, nc=00000001')).toEqual({
      scheme: 'digest', params: { username: '1001', realm: 'hq', nonce: 'a,b', uri: 'sip:hq', response: '00', qop: 'auth', nc: '00000001' },
    });
  });
});
