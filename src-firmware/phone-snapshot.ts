/**
 * What the phone shows, as plain data: the LCD, the lamps and the hook.
 *
 * The firmware owns it; every UI (React handset, headless `snapshot`,
 * `/CGI/Screenshot`) only renders it. It is immutable: the phone publishes a
 * new object on every change.
 */

/**
 * The firmware's top-level state (`data-phone-state` on the LCD).
 *
 *   booting ──► idle ──► (restart/reset) ──► booting
 *      │                                      ▲
 *      └──► error ── (retry timer) ───────────┘
 */
export type PhoneState = 'booting' | 'idle' | 'error';

export type LampState = 'off' | 'green' | 'green-flash' | 'amber' | 'amber-flash' | 'red' | 'red-flash';

export type LineButtonKind = 'line' | 'speed-dial' | 'service' | 'feature' | 'none';

/** Line icon beside a line button, as on a 7960. */
export type LineIcon =
  | 'none'
  | 'line-unregistered'
  | 'line-idle'
  | 'line-offhook'
  | 'line-ringing'
  | 'line-connected'
  | 'line-hold'
  | 'speed-dial'
  | 'service';

export interface LineButtonView {
  readonly label: string;
  readonly kind: LineButtonKind;
  readonly icon: LineIcon;
  readonly lamp: LampState;
}

/** One row of the LCD's middle area. */
export interface LcdRow {
  readonly text: string;
  /** The row the rocker points at, drawn inverted. */
  readonly selected?: boolean;
  /** `label: value` rows show the value right-aligned. */
  readonly value?: string;
  /** A CiscoIPPhoneIconMenu item's icon, drawn before the text (x and y are 0). */
  readonly icon?: LcdImage;
}

/** A 2-bit greyscale picture in the services area (CiscoIPPhoneImage). */
export interface LcdImage {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** One grey level (0 = lightest … 3 = darkest) per pixel, row-major. */
  readonly pixels: readonly number[];
}

export interface LcdBody {
  /** The title bar of an application screen (Settings, a service), empty at idle. */
  readonly title: string;
  readonly rows: readonly LcdRow[];
  /** Index of the first row shown (the body scrolls). */
  readonly scrollTop: number;
  readonly image?: LcdImage;
}

/**
 * The call-progress tone the phone should be sounding (the board's media
 * plays it): `ringing` (the ringer: a call is offered and none is connected),
 * `ringback` (our outgoing call is alerting the far end), or `none`.
 */
export type CallTone = 'none' | 'ringing' | 'ringback';

export interface PhoneSnapshot {
  readonly state: PhoneState;
  /** Which application holds the screen: 'idle', 'settings', 'services', 'call', … */
  readonly screen: string;
  readonly header: { readonly clock: string; readonly label: string };
  readonly body: LcdBody;
  /** The status/prompt line just above the softkeys. */
  readonly prompt: string;
  readonly softkeys: readonly [string, string, string, string];
  readonly lines: readonly [LineButtonView, LineButtonView, LineButtonView, LineButtonView, LineButtonView, LineButtonView];
  readonly hook: 'on-hook' | 'off-hook';
  /** Speaker, headset, mute: lit or not. */
  readonly audio: { readonly speaker: boolean; readonly headset: boolean; readonly mute: boolean; readonly volume: number };
  /** The red strip on the handset (ringing, message waiting). */
  readonly handsetLamp: LampState;
  /** What the ringer / earpiece should sound now (see `CallTone`). */
  readonly tone: CallTone;
  /** This phone bridges a three-party conference: its media must mix the parties' audio. */
  readonly conference: boolean;
  readonly contrast: number;
  readonly deviceName: string;
}

export const BLANK_LINE: LineButtonView = { label: '', kind: 'none', icon: 'none', lamp: 'off' };
