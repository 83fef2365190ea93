import type { BodyAndContentType, SessionDescriptionHandler, SessionDescriptionHandlerFactory } from 'sip.js';

/** A minimal SDP offer/answer with one inactive audio stream on loopback (RFC 4566, RFC 3264). */
export const NULL_SDP = [
  'v=0',
  'o=- 0 0 IN IP4 127.0.0.1',
  's=-',
  'c=IN IP4 127.0.0.1',
  't=0 0',
  'm=audio 9 RTP/AVP 0',
  'a=rtpmap:0 PCMU/8000',
  'a=inactive',
  '',
].join('\r\n');

/**
 * A session description handler with no media, for sip.js in Node: it always
 * offers/answers `NULL_SDP` and accepts whatever the peer sends.
 */
export class NullSessionDescriptionHandler implements SessionDescriptionHandler {
  readonly received: string[] = [];

  close(): void {}

  getDescription(): Promise<BodyAndContentType> {
    return Promise.resolve({ body: NULL_SDP, contentType: 'application/sdp' });
  }

  hasDescription(contentType: string): boolean {
    return contentType === 'application/sdp';
  }

  setDescription(sdp: string): Promise<void> {
    this.received.push(sdp);
    return Promise.resolve();
  }

  sendDtmf(): boolean {
    return false;
  }
}

export const nullSessionDescriptionHandlerFactory: SessionDescriptionHandlerFactory = () => new NullSessionDescriptionHandler();
