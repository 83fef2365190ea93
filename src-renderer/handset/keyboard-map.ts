/**
 * The computer keyboard as a second way to press the handset's keys.
 * Digits, `*`, `#`, F1–F4 (softkeys), ArrowUp/ArrowDown (rocker), and Escape
 * (the screen's Exit/Back/Cancel). Enter and Space are left to the focused
 * button, so Tab + Enter presses any key.
 */
import { keyFromControlName, type PhoneKey } from '../../src-firmware/keys';

export interface KeyboardPress {
  /** The handset control that depresses (its test ID). */
  readonly control: string;
  /** What the firmware is told. */
  readonly action: PhoneKey | 'Handset' | 'back';
}

const CONTROL_BY_KEY: Readonly<Record<string, string>> = {
  '*': 'key-star',
  '#': 'key-pound',
  F1: 'softkey-1',
  F2: 'softkey-2',
  F3: 'softkey-3',
  F4: 'softkey-4',
  ArrowUp: 'nav-up',
  ArrowDown: 'nav-down',
};

/** Null for keys the handset ignores and for chords with Ctrl, Alt or Meta. */
export function keyboardPressOf(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey'>): KeyboardPress | null {
  if (event.ctrlKey || event.altKey || event.metaKey) return null;
  if (event.key === 'Escape') return { control: 'softkey-back', action: 'back' };
  const control = /^[0-9]$/.test(event.key) ? `key-${event.key}` : CONTROL_BY_KEY[event.key];
  if (control === undefined) return null;
  const action = keyFromControlName(control);
  return action === null ? null : { control, action };
}
