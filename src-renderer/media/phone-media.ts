/**
 * Real call audio for one phone in the renderer (issue 4): `Board.media`.
 *
 * A sip.js Web session description handler per call, made by
 * `Web.defaultSessionDescriptionHandlerFactory` with no STUN/TURN servers and
 * a short ICE gathering timeout; every description we send or accept keeps
 * only loopback candidates (loopback-sdp.ts). Hold is sip.js's own `hold`
 * option (the firmware sets it on re-INVITEs). The microphone comes from
 * `getUserMedia({ audio: true })`; the far ends play through one hidden
 * `<audio>` element per phone. Ringing and ringback follow the snapshot's
 * `tone`; mute and volume follow the snapshot's `audio`. While the phone
 * bridges a conference (`snapshot.conference`), each party is sent the mix of
 * the microphone and the other parties (conference-mixer.ts).
 */
import { Web, type Session, type SessionDescriptionHandlerModifier } from 'sip.js';
import type { MediaPort } from '../../src-firmware/board';
import type { CallTone, PhoneSnapshot } from '../../src-firmware/phone-snapshot';
import { WebAudioTonePlayer } from './call-tones';
import { loopbackOnlyModifier } from './loopback-sdp';
import { ConferenceMixer, microphoneOf } from './conference-mixer';

/** How long sip.js waits for ICE candidates; loopback gathers in a few ms. */
export const ICE_GATHERING_TIMEOUT_MS = 500;

/** Packet counts over the phone's live calls (RTCStatsReport `inbound-rtp` / `outbound-rtp`, kind audio). */
export interface CallMediaStats {
  readonly calls: number;
  readonly inboundPackets: number;
  readonly outboundPackets: number;
  readonly inboundBytes: number;
  readonly outboundBytes: number;
}

type WebSdh = Web.SessionDescriptionHandler;

export interface PhoneMedia {
  readonly port: MediaPort;
  /** Follow the phone's snapshot: tone, mute, volume. */
  follow(snapshot: PhoneSnapshot): void;
  stats(): Promise<CallMediaStats>;
  tone(): CallTone;
  /** Parties receiving the conference mix (0 without a conference). */
  conferenceParties(): number;
  /** Whether the live calls' microphones are on (false while Mute is lit); null without a call. */
  microphoneOn(): boolean | null;
  close(): void;
}

export function createPhoneMedia(mac: string): PhoneMedia {
  const live = new Set<WebSdh>();
  const remote = new MediaStream();
  const audio = document.createElement('audio');
  audio.autoplay = true;
  audio.hidden = true;
  audio.dataset.testid = `phone-audio-${mac}`;
  audio.srcObject = remote;
  document.body.append(audio);
  const tones = new WebAudioTonePlayer();
  let muted = false;

  const syncRemote = (): void => {
    const wanted = new Set<MediaStreamTrack>();
    for (const handler of live) for (const track of handler.remoteMediaStream.getAudioTracks()) wanted.add(track);
    for (const track of remote.getAudioTracks()) if (!wanted.has(track)) remote.removeTrack(track);
    for (const track of wanted) if (!remote.getTrackById(track.id)) remote.addTrack(track);
    if (wanted.size > 0) void audio.play().catch(() => undefined);
  };

  /** Mute silences the microphone itself, so a conference's parties still hear each other. */
  const applyMute = (): void => {
    for (const handler of live) {
      const microphone = microphoneOf(handler);
      if (microphone) microphone.enabled = !muted;
    }
  };

  let mixer: ConferenceMixer | null = null;
  let conference = false;
  const applyConference = (): void => {
    if (conference && live.size >= 2) {
      mixer ??= new ConferenceMixer();
      mixer.update(live);
    } else if (mixer) {
      mixer.close();
      mixer = null;
    }
  };

  const base = Web.defaultSessionDescriptionHandlerFactory();
  const factory = (session: Session, options?: Web.SessionDescriptionHandlerFactoryOptions): WebSdh => {
    const handler = base(session, {
      ...options,
      iceGatheringTimeout: ICE_GATHERING_TIMEOUT_MS,
      peerConnectionConfiguration: { ...options?.peerConnectionConfiguration, iceServers: [] },
    });
    restrictToLoopback(handler);
    live.add(handler);
    handler.remoteMediaStream.addEventListener('addtrack', syncRemote);
    handler.remoteMediaStream.addEventListener('removetrack', syncRemote);
    const close = handler.close.bind(handler);
    handler.close = () => {
      live.delete(handler);
      close();
      syncRemote();
      applyConference();
    };
    const setLocal = handler.getDescription.bind(handler);
    handler.getDescription = async (...args) => {
      const description = await setLocal(...args);
      applyMute();
      return description;
    };
    return handler;
  };

  return {
    port: { sessionDescriptionHandlerFactory: factory, description: 'WebRTC audio on loopback (sip.js Web SDH)' },
    follow: (snapshot) => {
      tones.play(snapshot.tone);
      tones.setVolume(snapshot.audio.volume / 15);
      audio.volume = Math.max(0, Math.min(1, snapshot.audio.volume / 15));
      if (snapshot.audio.mute !== muted) {
        muted = snapshot.audio.mute;
        applyMute();
      }
      if (snapshot.conference !== conference) {
        conference = snapshot.conference;
        applyConference();
      }
    },
    conferenceParties: () => mixer?.parties() ?? 0,
    microphoneOn: () => {
      const microphones = [...live].flatMap((handler) => microphoneOf(handler) ?? []);
      return microphones.length === 0 ? null : microphones.every((track) => track.enabled);
    },
    stats: () => collectStats(live),
    tone: () => tones.tone(),
    close: () => {
      mixer?.close();
      mixer = null;
      for (const handler of [...live]) handler.close();
      tones.close();
      audio.remove();
    },
  };
}

/** Every description this handler creates or accepts keeps only loopback candidates. */
function restrictToLoopback(handler: WebSdh): void {
  const modifier = loopbackOnlyModifier as SessionDescriptionHandlerModifier;
  const getDescription = handler.getDescription.bind(handler);
  const setDescription = handler.setDescription.bind(handler);
  handler.getDescription = (options, modifiers) => getDescription(options, [...(modifiers ?? []), modifier]);
  handler.setDescription = (sdp, options, modifiers) => setDescription(sdp, options, [...(modifiers ?? []), modifier]);
}

async function collectStats(live: ReadonlySet<WebSdh>): Promise<CallMediaStats> {
  let inboundPackets = 0;
  let outboundPackets = 0;
  let inboundBytes = 0;
  let outboundBytes = 0;
  let calls = 0;
  for (const handler of live) {
    const connection = handler.peerConnection;
    if (!connection) continue;
    calls++;
    const report = await connection.getStats();
    report.forEach((entry: { type?: string; kind?: string; packetsReceived?: number; packetsSent?: number; bytesReceived?: number; bytesSent?: number }) => {
      if (entry.kind !== 'audio') return;
      if (entry.type === 'inbound-rtp') {
        inboundPackets += entry.packetsReceived ?? 0;
        inboundBytes += entry.bytesReceived ?? 0;
      } else if (entry.type === 'outbound-rtp') {
        outboundPackets += entry.packetsSent ?? 0;
        outboundBytes += entry.bytesSent ?? 0;
      }
    });
  }
  return { calls, inboundPackets, outboundPackets, inboundBytes, outboundBytes };
}
