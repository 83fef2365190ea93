import type { Clock } from '../board';
import type { PhoneKey } from '../keys';
import type { LcdImage, LcdRow } from '../phone-snapshot';

/** What one application screen puts on the LCD between header and softkeys. */
export interface ScreenView {
  readonly title: string;
  readonly rows: readonly LcdRow[];
  readonly softkeys: readonly [string, string, string, string];
  /** Overrides the phone's status line while this screen is on top. */
  readonly prompt?: string;
  readonly image?: LcdImage;
}

/**
 * An application on the phone's screen stack (Settings, a menu, the dialler).
 * The topmost screen gets every key first; `onKey` returns false for keys it
 * leaves to the phone (hard keys, the hook).
 */
export interface Screen {
  /** The application this belongs to ('settings', 'dial', …): the snapshot's `screen`. */
  readonly app: string;
  view(): ScreenView;
  onKey(key: PhoneKey): boolean;
  /** Escape on a keyboard: what the screen's Exit/Back/Cancel softkey does. */
  back(): void;
  dispose?(): void;
}

/** What the phone lends its screens. */
export interface ScreenHost {
  readonly clock: Clock;
  /** Redraw: the screen's view changed. */
  refresh(): void;
  push(screen: Screen): void;
  /** Removes this screen (and any above it). */
  close(screen: Screen): void;
  /** Puts `next` where `current` is (Update, Next, Refresh, an expired page reloaded); pushes it when `current` is gone. */
  replace(current: Screen, next: Screen): void;
  /** Closes every screen of an application. */
  closeApp(app: string): void;
  /** A transient message on the status line. */
  flash(text: string, ms?: number): void;
}

export type Softkeys = readonly [string, string, string, string];
