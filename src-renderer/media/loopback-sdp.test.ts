import { describe, expect, it } from 'vitest';
import { candidateAddress, isLoopbackAddress, keepLoopbackCandidates, loopbackOnlyModifier } from './loopback-sdp';

const OFFER = [
  'v=0',
  'o=- 1 2 IN IP4 127.0.0.1',
  's=-',
  'c=IN IP4 127.0.0.1',
  'm=audio 40000 UDP/TLS/RTP/SAVPF 111',
  'a=candidate:1 1 udp 2122260223 127.0.0.1 40000 typ host generation 0',
  'a=candidate:2 1 udp 2122262783 ::1 40001 typ host generation 0',
  'a=candidate:3 1 udp 2122194687 192.168.1.20 40002 typ host generation 0',
  'a=candidate:4 1 udp 2122129151 3f2a9c1e-0b5d-4c6f-9e3a-1d2c3b4a5f6e.local 40003 typ host',
  'a=candidate:5 1 udp 1686052607 203.0.113.9 40004 typ srflx raddr 192.168.1.20 rport 40002',
  'a=candidate:6 1 tcp 1518280447 127.0.0.1 9 typ host tcptype active',
  'a=rtpmap:111 opus/48000/2',
  '',
].join('\r\n');

describe('media stays on loopback', () => {
  it('knows loopback addresses', () => {
    expect(isLoopbackAddress('127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('127.4.5.6')).toBe(true);
    expect(isLoopbackAddress('::1')).toBe(true);
    expect(isLoopbackAddress('[::1]')).toBe(true);
    expect(isLoopbackAddress('10.0.0.1')).toBe(false);
    expect(isLoopbackAddress('x.local')).toBe(false);
    expect(isLoopbackAddress('::2')).toBe(false);
  });

  it('reads the address of a candidate line', () => {
    expect(candidateAddress('a=candidate:1 1 udp 2122260223 127.0.0.1 40000 typ host')).toBe('127.0.0.1');
    expect(candidateAddress('a=candidate:broken')).toBeNull();
  });

  it('keeps loopback candidates and every other line, drops LAN, mDNS and reflexive ones', () => {
    const kept = keepLoopbackCandidates(OFFER);
    const candidates = kept.split('\r\n').filter((line) => line.startsWith('a=candidate'));
    expect(candidates.map(candidateAddress)).toEqual(['127.0.0.1', '::1', '127.0.0.1']);
    expect(kept).toContain('a=rtpmap:111 opus/48000/2');
    expect(kept.endsWith('\r\n')).toBe(true);
    expect(kept.split('\r\n')).toHaveLength(OFFER.split('\r\n').length - 3);
  });

  it('works as a sip.js modifier on a session description', async () => {
    const result = await loopbackOnlyModifier({ type: 'offer', sdp: OFFER });
    expect(result.type).toBe('offer');
    expect(result.sdp).not.toContain('192.168.1.20 40002');
  });
});
