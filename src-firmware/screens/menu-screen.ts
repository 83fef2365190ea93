import { dialCharOf, softkeyIndexOf, type PhoneKey } from '../keys';
import type { LcdRow } from '../phone-snapshot';
import type { Screen, ScreenHost, ScreenView, Softkeys } from './screen';

/** One entry of a numbered menu: a label, an optional value, an optional action. */
export interface MenuItem {
  readonly label: string;
  readonly value?: () => string;
  /** Select (or the item's number on the keypad). */
  readonly select?: () => void;
  /** The Edit softkey, on menus that show one. */
  readonly edit?: () => void;
}

export interface MenuOptions {
  readonly app: string;
  readonly title: string;
  readonly items: () => readonly MenuItem[];
  /** Softkey labels; the actions of `Select`, `Edit`, `Exit` and `Back` are built in. */
  readonly softkeys?: Softkeys;
  readonly numbered?: boolean;
  readonly prompt?: string;
  /** Select on the last row jumps to it when the list grows (Status Messages). */
  readonly startAtEnd?: boolean;
}

/**
 * A numbered list driven by the rocker, the keypad digits and the softkeys,
 * as the 7960's Settings menus are.
 */
export class MenuScreen implements Screen {
  readonly app: string;
  private selected: number;

  constructor(private readonly host: ScreenHost, private readonly options: MenuOptions) {
    this.app = options.app;
    this.selected = options.startAtEnd ? Math.max(0, options.items().length - 1) : 0;
  }

  view(): ScreenView {
    const items = this.options.items();
    this.selected = Math.min(this.selected, Math.max(0, items.length - 1));
    const numbered = this.options.numbered ?? true;
    const rows: LcdRow[] = items.map((item, index) => {
      const value = item.value?.();
      return {
        text: numbered ? `${index + 1} ${item.label}` : item.label,
        ...(value !== undefined ? { value } : {}),
        ...(index === this.selected ? { selected: true } : {}),
      };
    });
    return {
      title: this.options.title,
      rows,
      softkeys: this.options.softkeys ?? ['Select', 'Exit', '', ''],
      ...(this.options.prompt !== undefined ? { prompt: this.options.prompt } : {}),
    };
  }

  onKey(key: PhoneKey): boolean {
    const items = this.options.items();
    if (key === 'NavUp' || key === 'NavDwn') {
      if (items.length > 0) {
        const step = key === 'NavUp' ? -1 : 1;
        this.selected = (this.selected + step + items.length) % items.length;
        this.host.refresh();
      }
      return true;
    }
    const digit = dialCharOf(key);
    if (digit !== null) {
      const index = Number(digit) - 1;
      if ((this.options.numbered ?? true) && Number.isInteger(index) && index >= 0 && index < items.length) {
        this.selected = index;
        this.host.refresh();
        items[index]?.select?.();
      }
      return true;
    }
    const softkey = softkeyIndexOf(key);
    if (softkey !== null) {
      const label = this.view().softkeys[softkey] ?? '';
      this.runSoftkey(label, items);
      return true;
    }
    return false;
  }

  back(): void {
    this.host.close(this);
  }

  private runSoftkey(label: string, items: readonly MenuItem[]): void {
    const item = items[this.selected];
    switch (label) {
      case 'Select':
        item?.select?.();
        break;
      case 'Edit':
        if (item?.edit) item.edit();
        else this.host.flash('Not editable');
        break;
      case 'Exit':
      case 'Back':
      case 'Cancel':
        this.back();
        break;
      default:
        break;
    }
  }
}
