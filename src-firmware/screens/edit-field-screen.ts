import { dialCharOf, softkeyIndexOf, type PhoneKey } from '../keys';
import { MultiTapEntry, type KeyCharacters } from '../text-entry/multi-tap';
import type { Screen, ScreenHost, ScreenView } from './screen';

export interface EditFieldOptions {
  readonly app: string;
  readonly title: string;
  readonly initial: string;
  readonly characters: KeyCharacters;
  readonly maxLength: number;
  readonly hint: string;
  /** Validates and stores the value; returns an error to show, or null when saved. */
  readonly save: (value: string) => Promise<string | null>;
}

/**
 * Editing one setting with the keypad: Save, `<<` (backspace), Cancel.
 * Invalid input keeps the screen open with the reason on the status line.
 */
export class EditFieldScreen implements Screen {
  readonly app: string;
  private readonly entry: MultiTapEntry;
  private problem = '';
  private saving = false;

  constructor(private readonly host: ScreenHost, private readonly options: EditFieldOptions) {
    this.app = options.app;
    this.entry = new MultiTapEntry(host.clock, options.characters, options.initial, options.maxLength, () => host.refresh());
  }

  view(): ScreenView {
    return {
      title: this.options.title,
      rows: [{ text: `${this.entry.value}${this.entry.isPending ? '' : '_'}`, selected: true }, { text: this.options.hint }],
      softkeys: ['Save', '<<', 'Cancel', ''],
      prompt: this.problem || 'Edit, then Save',
    };
  }

  onKey(key: PhoneKey): boolean {
    const char = dialCharOf(key);
    if (char !== null) {
      this.problem = '';
      this.entry.press(char);
      return true;
    }
    const softkey = softkeyIndexOf(key);
    if (softkey === 0) void this.save();
    else if (softkey === 1) this.entry.backspace();
    else if (softkey === 2) this.back();
    return softkey !== null || key === 'NavUp' || key === 'NavDwn';
  }

  back(): void {
    this.host.close(this);
  }

  dispose(): void {
    this.entry.dispose();
  }

  private async save(): Promise<void> {
    if (this.saving) return;
    this.saving = true;
    this.entry.commit();
    const problem = await this.options.save(this.entry.value);
    this.saving = false;
    if (problem) {
      this.problem = problem;
      this.host.refresh();
    } else {
      this.host.close(this);
      this.host.flash('Saved');
    }
  }
}
