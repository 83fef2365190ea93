import type { TimerHandle } from '../board';
import { dialCharOf, softkeyIndexOf, type PhoneKey } from '../keys';
import type { LcdImage, LcdRow } from '../phone-snapshot';
import type { Screen, ScreenHost, ScreenView, Softkeys } from '../screens/screen';
import {
  ALPHANUMERIC_KEYS, DIGIT_KEYS, LOWER_KEYS, MultiTapEntry, TELEPHONE_KEYS, UPPER_KEYS, type KeyCharacters,
} from '../text-entry/multi-tap';
import type { ImageData, InputItemObject, PhoneObject, SoftKeyItem } from './phone-objects';
import type { Refresh } from './service-client';
import { withQuery } from './service-url';

/** What a service screen asks of the browser that opened it. */
export interface ServiceNavigator {
  /** Loads a URL or runs an internal URI; `replace` swaps this screen for the answer (Update, Next, Refresh). */
  follow(from: ServiceScreen, url: string, replace: boolean): void;
  dial(number: string): void;
  editDial(number: string): void;
}

/** Columns of text on the 7960's LCD body. */
export const LCD_COLUMNS = 32;

type Displayable = Extract<PhoneObject, { title: string }> | Extract<PhoneObject, { type: 'Response' | 'Error' }>;

const EQUATION_KEYS: KeyCharacters = { ...DIGIT_KEYS, '*': '.*+-/', '#': '#=^%()' };

/** InputFlags → the keypad's characters (SDK: A, T, N, E, U, L; P masks). */
export function charactersForFlags(flags: string): KeyCharacters {
  const base = flags.replace(/P/g, '');
  switch (base) {
    case 'T': return TELEPHONE_KEYS;
    case 'N': return DIGIT_KEYS;
    case 'E': return EQUATION_KEYS;
    case 'U': return UPPER_KEYS;
    case 'L': return LOWER_KEYS;
    default: return ALPHANUMERIC_KEYS;
  }
}

/** Wraps text to the LCD's width at spaces, keeping the object's own line breaks. */
export function wrapText(text: string, columns = LCD_COLUMNS): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      if (line.length === 0) line = word;
      else if (line.length + 1 + word.length <= columns) line += ` ${word}`;
      else {
        lines.push(line);
        line = word;
      }
      while (line.length > columns) {
        lines.push(line.slice(0, columns));
        line = line.slice(columns);
      }
    }
    lines.push(line);
  }
  return lines;
}

function toLcdImage(image: ImageData): LcdImage {
  const x = image.x === -1 ? Math.max(0, Math.floor((133 - image.width) / 2)) : Math.max(0, image.x);
  const y = image.y === -1 ? Math.max(0, Math.floor((65 - image.height) / 2)) : Math.max(0, image.y);
  return { x, y, width: image.width, height: image.height, pixels: image.pixels };
}

/**
 * One CiscoIPPhone object on the LCD, driven by the real keys: the rocker
 * and digits pick items, the softkeys run the object's own SoftKeyItems or,
 * when it defines none, the 7960's defaults for that object.
 */
export class ServiceScreen implements Screen {
  private selected = 0;
  private readonly entries: MultiTapEntry[] = [];
  private refreshTimer: TimerHandle | null = null;

  constructor(
    readonly app: string,
    private readonly host: ScreenHost,
    private readonly navigator: ServiceNavigator,
    readonly object: Displayable,
    /** Where the object came from; '' for objects the phone made itself (call history). */
    readonly url: string,
    readonly refresh?: Refresh,
    readonly expiresAt?: number,
  ) {
    if (object.type === 'Input') {
      for (const item of object.items) {
        this.entries.push(new MultiTapEntry(host.clock, charactersForFlags(item.flags), item.defaultValue, 255, () => host.refresh()));
      }
    }
    if (refresh && refresh.seconds > 0) {
      this.refreshTimer = host.clock.setTimeout(() => {
        this.refreshTimer = null;
        navigator.follow(this, refresh.url, true);
      }, refresh.seconds * 1000);
    }
  }

  view(): ScreenView {
    const object = this.object;
    const softkeys = this.softkeyLabels();
    switch (object.type) {
      case 'Menu':
      case 'GraphicMenu':
      case 'IconMenu': {
        const icons = object.type === 'IconMenu' ? object.icons : [];
        const rows: LcdRow[] = object.items.map((item, index) => {
          const icon = item.iconIndex === undefined ? undefined : icons.find((entry) => entry.index === item.iconIndex);
          return {
            text: `${index + 1} ${item.name}`,
            ...(icon ? { icon: { ...toLcdImage(icon.image), x: 0, y: 0 } } : {}),
            ...(index === this.selected ? { selected: true } : {}),
          };
        });
        return {
          title: object.title, prompt: object.prompt, softkeys,
          rows: object.type === 'GraphicMenu' ? [] : rows,
          ...(object.type === 'GraphicMenu' ? { image: toLcdImage(object.image) } : {}),
        };
      }
      case 'Text':
        return { title: object.title, prompt: object.prompt, softkeys, rows: wrapText(object.text).map((text) => ({ text })) };
      case 'Input':
        return { title: object.title, prompt: object.prompt || inputHint(object.items[this.selected]), softkeys, rows: this.inputRows(object.items) };
      case 'Directory':
        return {
          title: object.title, prompt: object.prompt, softkeys,
          rows: object.entries.map((entry, index) => ({
            text: `${index + 1} ${entry.name}`, value: entry.telephone, ...(index === this.selected ? { selected: true } : {}),
          })),
        };
      case 'Image':
        return { title: object.title, prompt: object.prompt, softkeys, rows: [], image: toLcdImage(object.image) };
      case 'Response':
        return {
          title: 'Response', softkeys,
          rows: object.items.map((item) => ({ text: `${item.status === 0 ? 'OK' : `Status ${item.status}`} ${item.data}`, value: item.url })),
        };
      case 'Error':
        return { title: 'Error', prompt: `Error [${object.number}]`, softkeys, rows: wrapText(object.text || `CiscoIPPhoneError ${object.number}`).map((text) => ({ text })) };
    }
  }

  onKey(key: PhoneKey): boolean {
    const object = this.object;
    if (key === 'NavUp' || key === 'NavDwn') {
      const count = this.itemCount();
      if (count > 0) {
        for (const entry of this.entries) entry.commit();
        this.selected = (this.selected + (key === 'NavUp' ? count - 1 : 1)) % count;
        this.host.refresh();
      }
      return true;
    }
    const char = dialCharOf(key);
    if (char !== null) {
      if (object.type === 'Input') {
        this.entries[this.selected]?.press(char);
      } else if (object.type === 'Menu' || object.type === 'GraphicMenu' || object.type === 'IconMenu' || object.type === 'Directory') {
        const index = Number(char) - 1;
        if (index >= 0 && index < this.itemCount()) {
          this.selected = index;
          this.host.refresh();
          if (object.type !== 'Directory') this.runAction('Select');
        }
      }
      return true;
    }
    const softkey = softkeyIndexOf(key);
    if (softkey === null) return false;
    const custom = this.customSoftKey(softkey + 1);
    if (custom) {
      this.runUrl(custom.url);
    } else if (this.object.type === 'Input' || !('softKeys' in this.object) || this.object.softKeys.length === 0) {
      const label = this.softkeyLabels()[softkey] ?? '';
      if (label) this.runAction(label);
    }
    return true;
  }

  back(): void {
    this.host.close(this);
  }

  dispose(): void {
    if (this.refreshTimer !== null) this.host.clock.clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
    for (const entry of this.entries) entry.dispose();
  }

  /** `SoftKey:<name>` from a SoftKeyItem, an Execute or `/CGI/Execute`. */
  runAction(name: string): void {
    const object = this.object;
    switch (name) {
      case 'Exit':
      case 'Back':
      case 'Cancel':
        this.back();
        return;
      case 'Update':
        if (this.url) this.navigator.follow(this, this.url, true);
        return;
      case 'Next':
        if (this.refresh) this.navigator.follow(this, this.refresh.url, true);
        else if (this.url) this.navigator.follow(this, this.url, true);
        return;
      case 'Select': {
        if (object.type === 'Menu' || object.type === 'GraphicMenu' || object.type === 'IconMenu') {
          const item = object.items[this.selected];
          if (item?.url) this.navigator.follow(this, item.url, false);
        } else if (object.type === 'Directory') {
          this.runAction('Dial');
        }
        return;
      }
      case 'Submit':
        if (object.type === 'Input') this.submit(object.url, object.items);
        return;
      case '<<':
        this.entries[this.selected]?.backspace();
        return;
      case 'Dial':
      case 'EditDial': {
        if (object.type !== 'Directory') return;
        const entry = object.entries[this.selected];
        if (!entry) return;
        if (name === 'Dial') this.navigator.dial(entry.telephone);
        else this.navigator.editDial(entry.telephone);
        return;
      }
      default:
        return;
    }
  }

  /** The values an Input would submit now (for tests and `/CGI/Execute`). */
  inputValues(): string[] {
    return this.entries.map((entry) => entry.value);
  }

  private submit(url: string, items: readonly InputItemObject[]): void {
    for (const entry of this.entries) entry.commit();
    const pairs = items.map((item, index) => [item.param, this.entries[index]?.value ?? ''] as const);
    this.navigator.follow(this, withQuery(url, pairs), false);
  }

  private runUrl(url: string): void {
    if (url.startsWith('SoftKey:')) this.runAction(url.slice('SoftKey:'.length));
    else if (url.startsWith('QueryStringParam:') && this.object.type === 'Input') {
      const [name = '', value = ''] = url.slice('QueryStringParam:'.length).split('=');
      this.submit(withQuery(this.object.url, [[name, value]]), this.object.items);
    } else if (url) this.navigator.follow(this, url, false);
  }

  private inputRows(items: readonly InputItemObject[]): LcdRow[] {
    const rows: LcdRow[] = [];
    items.forEach((item, index) => {
      const entry = this.entries[index];
      const raw = entry?.value ?? '';
      const masked = item.flags.includes('P')
        ? '*'.repeat(Math.max(0, raw.length - (entry?.isPending ? 1 : 0))) + (entry?.isPending ? raw.slice(-1) : '')
        : raw;
      rows.push({ text: item.displayName, value: masked, ...(index === this.selected ? { selected: true } : {}) });
    });
    return rows;
  }

  private itemCount(): number {
    const object = this.object;
    if (object.type === 'Menu' || object.type === 'GraphicMenu' || object.type === 'IconMenu') return object.items.length;
    if (object.type === 'Directory') return object.entries.length;
    if (object.type === 'Input') return object.items.length;
    return 0;
  }

  private customSoftKey(position: number): SoftKeyItem | undefined {
    return 'softKeys' in this.object ? this.object.softKeys.find((key) => key.position === position) : undefined;
  }

  /** Custom SoftKeyItems replace every default key (SDK, "SoftKeyItem"). */
  private softkeyLabels(): Softkeys {
    const object = this.object;
    if ('softKeys' in object && object.softKeys.length > 0) {
      const labels: [string, string, string, string] = ['', '', '', ''];
      for (const key of object.softKeys) labels[key.position - 1] = key.name;
      return labels;
    }
    const firstDefault = this.refresh ? 'Next' : 'Update';
    switch (object.type) {
      case 'Menu':
      case 'GraphicMenu':
      case 'IconMenu':
        return ['Select', firstDefault, 'Exit', ''];
      case 'Input':
        return ['Submit', '<<', 'Cancel', ''];
      case 'Directory':
        return ['Dial', 'EditDial', 'Exit', this.refresh ? 'Next' : ''];
      default:
        return [this.url ? firstDefault : '', '', 'Exit', ''];
    }
  }
}

function inputHint(item: InputItemObject | undefined): string {
  if (!item) return '';
  const base = item.flags.replace(/P/g, '');
  const kind = base === 'T' ? 'Telephone' : base === 'N' ? 'Numeric' : base === 'E' ? 'Equation' : base === 'U' ? 'Uppercase' : base === 'L' ? 'Lowercase' : 'Alphanumeric';
  return `Input: ${kind}`;
}
