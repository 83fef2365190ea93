import { dialCharOf, softkeyIndexOf, type PhoneKey } from '../keys';
import { MultiTapEntry, TELEPHONE_KEYS } from '../text-entry/multi-tap';
import type { Screen, ScreenHost, ScreenView } from './screen';

/**
 * Dialling: digits, `*` and `#` build the number; Dial sends it, `<<` drops
 * the last digit, EndCall abandons. Opened by a digit at idle, by lifting the
 * handset, by Speaker/Headset or by NewCall.
 */
export class DialScreen implements Screen {
  readonly app = 'dial';
  private readonly entry: MultiTapEntry;

  constructor(
    private readonly host: ScreenHost,
    private readonly lineLabel: string,
    private readonly onDial: (number: string) => void,
    private readonly onEnd: () => void,
    initialDigits = '',
  ) {
    this.entry = new MultiTapEntry(host.clock, TELEPHONE_KEYS, initialDigits, 32, () => host.refresh());
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
      return true;
    }
    const softkey = softkeyIndexOf(key);
    if (softkey === null) return false;
    const label = this.view().softkeys[softkey];
    if (label === 'Dial' || label === 'Redial') this.onDial(label === 'Dial' ? this.entry.value : '');
    else if (label === '<<') this.entry.backspace();
    else if (label === 'EndCall') this.back();
    return true;
  }

  back(): void {
    this.host.close(this);
    this.onEnd();
  }

  dispose(): void {
    this.entry.dispose();
  }
}
