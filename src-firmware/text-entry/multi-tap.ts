import type { Clock, TimerHandle } from '../board';

/**
 * Multi-tap text entry as on a phone keypad: pressing the same key again
 * within the commit delay cycles through its characters; another key, the
 * delay running out, or `commit()` fixes the pending character.
 *
 *   empty ──key──► pending(key, i) ──same key──► pending(key, i+1 mod n)
 *                     │ other key / timeout / commit
 *                     ▼
 *                  committed
 */
export type KeyCharacters = Readonly<Record<string, string>>;

/** Cisco's keypad letters (2 ABC … 9 WXYZ), letters before the digit. */
export const ALPHANUMERIC_KEYS: KeyCharacters = {
  '1': '1', '2': 'abc2ABC', '3': 'def3DEF', '4': 'ghi4GHI', '5': 'jkl5JKL', '6': 'mno6MNO',
  '7': 'pqrs7PQRS', '8': 'tuv8TUV', '9': 'wxyz9WXYZ', '0': '0 ', '*': '*.@-_/:', '#': '#',
};
export const UPPER_KEYS: KeyCharacters = {
  '1': '1', '2': 'ABC2', '3': 'DEF3', '4': 'GHI4', '5': 'JKL5', '6': 'MNO6',
  '7': 'PQRS7', '8': 'TUV8', '9': 'WXYZ9', '0': '0 ', '*': '*.@-_/:', '#': '#',
};
export const LOWER_KEYS: KeyCharacters = Object.fromEntries(
  Object.entries(UPPER_KEYS).map(([key, chars]) => [key, chars.toLowerCase()]),
);
/** Hexadecimal entry (a MAC address): letters A–F on 2 and 3. */
export const HEX_KEYS: KeyCharacters = {
  '0': '0', '1': '1', '2': 'ABC2', '3': 'DEF3', '4': '4', '5': '5', '6': '6', '7': '7', '8': '8', '9': '9',
};
/** Digits only, with `*` → `.` and `#` → `:` (an address such as 127.0.0.1:6969). */
export const ADDRESS_KEYS: KeyCharacters = {
  '0': '0', '1': '1', '2': '2', '3': '3', '4': '4', '5': '5', '6': '6', '7': '7', '8': '8', '9': '9', '*': '.', '#': ':',
};
export const DIGIT_KEYS: KeyCharacters = {
  '0': '0', '1': '1', '2': '2', '3': '3', '4': '4', '5': '5', '6': '6', '7': '7', '8': '8', '9': '9',
};
export const TELEPHONE_KEYS: KeyCharacters = { ...DIGIT_KEYS, '*': '*', '#': '#' };

export class MultiTapEntry {
  private committed: string;
  private pending: { key: string; index: number; timer: TimerHandle } | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly characters: KeyCharacters,
    initial = '',
    private readonly maxLength = 255,
    private readonly onChange: () => void = () => undefined,
    private readonly commitDelayMs = 1000,
  ) {
    this.committed = initial;
  }

  /** The text as shown, pending character included. */
  get value(): string {
    if (!this.pending) return this.committed;
    const chars = this.characters[this.pending.key] ?? '';
    return this.committed + (chars[this.pending.index] ?? '');
  }

  /** Whether the last character is still cycling (shown underlined on a phone). */
  get isPending(): boolean {
    return this.pending !== null;
  }

  /** A keypad character ('0'–'9', '*', '#'); false when this entry has no use for it. */
  press(key: string): boolean {
    const chars = this.characters[key];
    if (!chars) return false;
    if (this.pending && this.pending.key === key && chars.length > 1) {
      this.clock.clearTimeout(this.pending.timer);
      this.pending = { key, index: (this.pending.index + 1) % chars.length, timer: this.armCommit() };
    } else {
      this.commit();
      if (this.committed.length >= this.maxLength) return true;
      if (chars.length === 1) {
        this.committed += chars;
      } else {
        this.pending = { key, index: 0, timer: this.armCommit() };
      }
    }
    this.onChange();
    return true;
  }

  /** `<<`: drops the pending character, else the last committed one. */
  backspace(): void {
    if (this.pending) {
      this.clock.clearTimeout(this.pending.timer);
      this.pending = null;
    } else {
      this.committed = this.committed.slice(0, -1);
    }
    this.onChange();
  }

  commit(): void {
    if (!this.pending) return;
    this.clock.clearTimeout(this.pending.timer);
    this.committed = this.value;
    this.pending = null;
  }

  clear(): void {
    this.commit();
    this.committed = '';
    this.onChange();
  }

  dispose(): void {
    if (this.pending) this.clock.clearTimeout(this.pending.timer);
    this.pending = null;
  }

  private armCommit(): TimerHandle {
    return this.clock.setTimeout(() => {
      this.commit();
      this.onChange();
    }, this.commitDelayMs);
  }
}
