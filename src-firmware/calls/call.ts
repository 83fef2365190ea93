import type { Session } from 'sip.js';
import type { CallTone } from '../phone-snapshot';

/**
 * One call on a line, as the 7960 shows it.
 *
 *   outgoing:  proceeding ──180──► ringback ──200──► connected ◄──Resume── held
 *   incoming:  ringing ──Answer──► connected ──Hold──► held
 *   any ──EndCall / BYE / CANCEL / 4xx-6xx──► ended
 */
export type CallState = 'proceeding' | 'ringback' | 'ringing' | 'connected' | 'held' | 'ended';

export interface Call {
  readonly id: number;
  readonly direction: 'outgoing' | 'incoming';
  /** The line (DN) the call is on. */
  readonly lineDn: string;
  /** The other party's number and name as the phone shows them. */
  peerNumber: string;
  peerName: string;
  state: CallState;
  /** The far end put us on hold (a=sendonly / inactive). */
  remoteHold: boolean;
  readonly startedAt: number;
  connectedAt: number | null;
  /** Why it ended ("Busy", "No answer", …), for the prompt line. */
  endReason: string;
  session: Session;
  /** Member of a three-party conference this phone bridges. */
  conference: boolean;
  /** A consultation leg of a transfer or conference in progress, and the call it consults for. */
  consultFor: Call | null;
  consultKind: 'transfer' | 'conference' | null;
  /** The hold/resume re-INVITEs, one at a time (RFC 3261 §14.1: no re-INVITE while one is pending). */
  mediaUpdate: Promise<void>;
}

/** Digits of a SIP URI's user part, or the whole user part. */
export function numberOfUri(uri: string): string {
  const match = /^sips?:([^@;>]+)/i.exec(uri.replace(/^.*</, ''));
  return match?.[1] ?? uri;
}

/** "00:42" or "1:02:03" for the call timer. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const pad = (value: number): string => String(value).padStart(2, '0');
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${pad(minutes)}:${pad(seconds)}`;
}

/** What the LCD says about a call in each state. */
export function stateLabel(call: Call): string {
  switch (call.state) {
    case 'proceeding': return 'Dialing';
    case 'ringback': return 'Ring Out';
    case 'ringing': return 'Ringing';
    case 'connected': return call.conference ? 'Conference' : call.remoteHold ? 'Held by peer' : 'Connected';
    case 'held': return 'On Hold';
    case 'ended': return call.endReason || 'Ended';
  }
}

/**
 * The tone the calls ask for: the ringer while a call rings and none is
 * connected (a connected user hears no ringer), else ringback while an
 * outgoing call alerts, else silence.
 */
export function callTone(calls: readonly Pick<Call, 'state'>[]): CallTone {
  const connected = calls.some((call) => call.state === 'connected');
  if (!connected && calls.some((call) => call.state === 'ringing')) return 'ringing';
  if (calls.some((call) => call.state === 'ringback')) return 'ringback';
  return 'none';
}
