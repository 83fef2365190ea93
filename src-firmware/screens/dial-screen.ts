import { dialCharOf, softkeyIndexOf, type PhoneKey } from '../keys';
import { MultiTapEntry, TELEPHONE_KEYS } from '../text-entry/multi-tap';
import type { TimerHandle } from '../board';
import type { Screen, ScreenHost, ScreenView } from './screen';

/**
 * Dialling: digits, `*` and `#` build the number; Dial sends it, and so does
 * a pause after the last digit (the inter-digit timeout, Q.931's T302);
 * `<<` drops the last digit, EndCall abandons. Opened by a digit at idle, by
 * lifting the handset, by Speaker/Headset or by NewCall.
 */
export class DialScreen implements Screen {
  readonly app = 'dial';
  private readonly entry: MultiTapEntry;
  private interDigitTimer: TimerHandle | null = null;

  constructor(
    private readonly host: ScreenHost,
    private readonly lineLabel: string,
    private readonly onDial: (number: string) => void,
    private readonly onEnd: () => void,
    initialDigits = '',
    /** Sends the digits after this much silence; 0 never does. */
    private readonly interDigitTimeoutMs = 0,
  ) {
    this.entry = new MultiTapEntry(host.clock, TELEPHONE_KEYS, initialDigits, 32, () => host.refresh());
    if (initialDigits) this.armInterDigitTimer();
  }

  get digits(): string {
    return this.entry.value;
  }

  view(): ScreenView {
    const digits = this.entry.value;
    return {
      title: this.lineLabel,
      rows: [{ text: digits.length > 0 ? digits : '', selected: true }],
      softkeys: digits.length > 0 ? ['Dial', '<<', 'EndCall', ''] : ['Redial', '', 'EndCall', ''],
      prompt: digits.length > 0 ? digits : 'Enter number',
    };
  }

  onKey(key: PhoneKey): boolean {
    const char = dialCharOf(key);
    if (char !== null) {
      this.entry.press(char);
      this.armInterDigitTimer();
      return true;
    }
    const softkey = softkeyIndexOf(key);
    if (softkey === null) return false;
    const label = this.view().softkeys[softkey];
    if (label === 'Dial' || label === 'Redial') this.send(label === 'Dial' ? this.entry.value : '');
    else if (label === '<<') {
      this.entry.backspace();
      this.armInterDigitTimer();
    }
    else if (label === 'EndCall') this.back();
    return true;
  }

  back(): void {
    this.clearInterDigitTimer();
    this.host.close(this);
    this.onEnd();
  }

  dispose(): void {
    this.clearInterDigitTimer();
    this.entry.dispose();
  }

  private send(number: string): void {
    this.clearInterDigitTimer();
    this.onDial(number);
  }

  private armInterDigitTimer(): void {
    this.clearInterDigitTimer();
    if (this.interDigitTimeoutMs <= 0) return;
    this.interDigitTimer = this.host.clock.setTimeout(() => {
      this.interDigitTimer = null;
      this.entry.commit();
      if (this.entry.value) this.send(this.entry.value);
    }, this.interDigitTimeoutMs);
  }

  private clearInterDigitTimer(): void {
    if (this.interDigitTimer !== null) this.host.clock.clearTimeout(this.interDigitTimer);
    this.interDigitTimer = null;
  }
}
