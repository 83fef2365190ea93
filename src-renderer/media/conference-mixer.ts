/**
 * The three-party conference this phone bridges: each party is sent the mix
 * of our microphone and every other party's voice (Web Audio), so all three
 * hear each other. Without a conference, each call sends the microphone alone.
 */
import type { Web } from 'sip.js';

type WebSdh = Web.SessionDescriptionHandler;

interface Leg {
  readonly sender: RTCRtpSender;
  readonly microphone: MediaStreamTrack;
  readonly destination: MediaStreamAudioDestinationNode;
}

export class ConferenceMixer {
  private readonly context = new AudioContext();
  private legs = new Map<WebSdh, Leg>();

  /** Rebuilds the mix for the calls now live (a party may have joined or left). */
  update(handlers: ReadonlySet<WebSdh>): void {
    this.restore();
    const parties = [...handlers].filter((handler) => handler.peerConnection && microphoneOf(handler));
    for (const handler of parties) {
      const sender = handler.peerConnection?.getSenders().find((candidate) => candidate.track?.kind === 'audio');
      const microphone = microphoneOf(handler);
      if (!sender || !microphone) continue;
      const destination = this.context.createMediaStreamDestination();
      this.context.createMediaStreamSource(new MediaStream([microphone])).connect(destination);
      for (const other of parties) {
        if (other === handler) continue;
        const voices = other.remoteMediaStream.getAudioTracks();
        if (voices.length > 0) this.context.createMediaStreamSource(new MediaStream(voices)).connect(destination);
      }
      const mixed = destination.stream.getAudioTracks()[0];
      if (!mixed) continue;
      void sender.replaceTrack(mixed);
      this.legs.set(handler, { sender, microphone, destination });
    }
    void this.context.resume().catch(() => undefined);
  }

  /** How many parties currently get a mix (test hook). */
  parties(): number {
    return this.legs.size;
  }

  close(): void {
    this.restore();
    void this.context.close().catch(() => undefined);
  }

  /** Every party back to the plain microphone. */
  private restore(): void {
    for (const leg of this.legs.values()) {
      void leg.sender.replaceTrack(leg.microphone).catch(() => undefined);
      leg.destination.disconnect();
    }
    this.legs = new Map();
  }
}

/** The microphone track sip.js attached to this call. */
export function microphoneOf(handler: WebSdh): MediaStreamTrack | undefined {
  return handler.localMediaStream.getAudioTracks()[0];
}
