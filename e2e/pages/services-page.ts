/**
 * The Services application as a tester sees it: the cluster's menu, an
 * Input filled with the keypad (multi-tap letters), a Text, an Image.
 */
import { expect, type Locator } from '@playwright/test';
import { HandsetPage, SettingsListPage } from './handset-page';

/** Keypad presses for one letter with the A (alphanumeric) flag: 2 = a b c 2 A B C … */
const LETTER_KEYS: Readonly<Record<string, string>> = {
  a: '2', b: '22', c: '222', d: '3', e: '33', f: '333', g: '4', h: '44', i: '444', j: '5', k: '55', l: '555',
  m: '6', n: '66', o: '666', p: '7', q: '77', r: '777', s: '7777', t: '8', u: '88', v: '888', w: '9', x: '99', y: '999', z: '9999',
};

export class ServicesMenuPage extends SettingsListPage {
  static async open(handset: HandsetPage): Promise<ServicesMenuPage> {
    await handset.press('key-services');
    await expect(handset.title).toHaveText('Services');
    return new ServicesMenuPage(handset);
  }

  /** Moves to `name` with the rocker and presses Select; the service's title shows. */
  async openService(name: string, title = name): Promise<ServiceScreenPage> {
    await this.selectRow(name);
    await this.handset.pressSoftkey('Select');
    await expect(this.handset.title).toHaveText(title);
    return new ServiceScreenPage(this.handset);
  }
}

export class ServiceScreenPage {
  constructor(readonly handset: HandsetPage) {}

  get image(): Locator {
    return this.handset.body.getByTestId('lcd-image');
  }

  /** The value shown for an Input field (masked fields show `*`). */
  fieldValue(label: string): Locator {
    return this.handset.row(label).locator('.lcd-row-value');
  }

  /**
   * Types lower-case letters with multi-tap. The LCD does not tell a pending
   * letter from a committed one, so neighbouring letters must sit on different
   * keys (another key commits the pending letter at once; no waiting).
   */
  async typeLetters(word: string): Promise<this> {
    let shown = ((await this.handset.selectedRow().locator('.lcd-row-value').textContent()) ?? '').trim();
    let previousKey = '';
    for (const letter of word) {
      const keys = LETTER_KEYS[letter];
      if (!keys) throw new Error(`No multi-tap keys for ${JSON.stringify(letter)}`);
      if (keys[0] === previousKey) throw new Error(`"${word}": neighbouring letters on key ${previousKey}`);
      previousKey = keys[0] ?? '';
      for (const key of keys) await this.handset.press(`key-${key}`);
      shown += letter;
      await expect(this.handset.selectedRow().locator('.lcd-row-value')).toHaveText(shown);
    }
    return this;
  }

  /** Presses digit keys in a numeric field. */
  async typeDigits(digits: string): Promise<this> {
    await this.handset.clickDigits(digits);
    return this;
  }

  async nextField(): Promise<this> {
    const before = await this.handset.selectedRow().getAttribute('data-testid');
    await this.handset.press('nav-down');
    await expect(this.handset.selectedRow()).not.toHaveAttribute('data-testid', before ?? '');
    return this;
  }

  async submit(resultTitle: string): Promise<ServiceScreenPage> {
    await this.handset.pressSoftkey('Submit');
    await expect(this.handset.title).toHaveText(resultTitle);
    await expect(this.handset.softkeyLabel(1)).not.toHaveText('Submit');
    return this;
  }

  /** Exit until the idle screen is back. */
  async exitToIdle(): Promise<HandsetPage> {
    const screen = async (): Promise<string> => `${await this.handset.body.textContent()}|${await this.handset.root.locator('.lcd-softkeys').textContent()}`;
    for (let step = 0; step < 6 && (await this.handset.title.count()) > 0; step++) {
      const before = await screen();
      await this.handset.pressSoftkey(before.includes('Exit') ? 'Exit' : 'Cancel');
      await expect.poll(screen).not.toBe(before);
    }
    await expect(this.handset.title).toHaveCount(0);
    await expect(this.handset.lcd).toHaveAttribute('data-screen', 'idle');
    return this.handset;
  }
}
