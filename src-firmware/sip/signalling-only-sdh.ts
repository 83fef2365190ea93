/**
 * A session description handler for phones without media (headless phones,
 * tests): it offers and answers one audio stream on a discard port (RFC 4566
 * SDP, PCMU/8000 and telephone-event), accepts whatever the peer describes,
 * and counts DTMF sent. Calls then carry signalling only, and say so.
 */
export class SignallingOnlyDescriptionHandler {
  private remote: string | null = null;
  private local: string | null = null;
  readonly dtmfSent: string[] = [];

  private version = 0;

  constructor(private readonly sessionId: number) {}

  close(): void {
    this.remote = null;
  }

  /** `options.hold` (sip.js's re-INVITE options) offers a=sendonly, RFC 3264 §8.4. */
  getDescription(options?: { hold?: boolean }): Promise<{ body: string; contentType: string }> {
    const remote = this.remoteDirection();
    const direction = options?.hold ? (remote === 'sendonly' || remote === 'inactive' ? 'inactive' : 'sendonly')
      : remote === 'sendonly' ? 'recvonly' : remote === 'inactive' ? 'inactive' : 'sendrecv';
    this.version++;
    this.local = [
      'v=0',
      `o=- ${this.sessionId} ${this.version} IN IP4 127.0.0.1`,
      's=CP-7960G emulator (signalling only)',
      'c=IN IP4 127.0.0.1',
      't=0 0',
      'm=audio 9 RTP/AVP 0 101',
      'a=rtpmap:0 PCMU/8000',
      'a=rtpmap:101 telephone-event/8000',
      'a=fmtp:101 0-15',
      `a=${direction}`,
      '',
    ].join('\r\n');
    return Promise.resolve({ body: this.local, contentType: 'application/sdp' });
  }

  hasDescription(contentType: string): boolean {
    return contentType === 'application/sdp';
  }

  setDescription(sdp: string): Promise<void> {
    if (!/^v=0/m.test(sdp)) return Promise.reject(new Error('Not an SDP body'));
    this.remote = sdp;
    return Promise.resolve();
  }

  sendDtmf(tones: string): boolean {
    if (!/^[0-9A-D#*,]+$/i.test(tones)) return false;
    this.dtmfSent.push(tones);
    return true;
  }

  /** The peer's a=sendonly / a=inactive: the other side put us on hold. */
  remoteDirection(): string {
    const match = /^a=(sendrecv|sendonly|recvonly|inactive)\s*$/m.exec(this.remote ?? '');
    return match?.[1] ?? 'sendrecv';
  }
}
