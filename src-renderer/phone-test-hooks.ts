/**
 * `window.__phones[mac]`: a test hook only (Playwright reads it), never used
 * by the app. Media stats come from the RTCPeerConnections of the phone's live
 * calls; `tone` is what the tone player sounds now.
 */
import type { PhoneSnapshot } from '../src-firmware/phone-snapshot';
import type { CallMediaStats } from './media/phone-media';

export interface PhoneTestHook {
  stats(): Promise<CallMediaStats>;
  tone(): string;
  /** Parties receiving this phone's conference mix (0 without a conference). */
  conferenceParties(): number;
  /** Whether the microphones of the live calls are on; null without a call. */
  microphoneOn(): boolean | null;
  snapshot(): PhoneSnapshot;
  webUrl(): string;
}

declare global {
  interface Window {
    __phones?: Record<string, PhoneTestHook>;
  }
}

export function exposePhoneTestHook(mac: string, hook: PhoneTestHook): void {
  const phones = (window.__phones ??= {});
  phones[mac] = hook;
}
