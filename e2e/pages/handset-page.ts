/**
 * The handset as a tester sees it: keys by test ID, the LCD's parts, and
 * verbs that return the page model of the screen they lead to. No sleeps:
 * every verb waits for the LCD to show its result.
 */
import { expect, type Locator, type Page } from '@playwright/test';

/** How long a phone may take to boot against the lab (TFTP, config, registration). */
export const BOOT_TIMEOUT_MS = 30_000;

export class HandsetPage {
  readonly lcd: Locator;
  readonly header: Locator;
  readonly body: Locator;
  readonly title: Locator;
  readonly prompt: Locator;

  constructor(readonly page: Page, readonly root: Locator = page.locator('.phone').first()) {
    this.lcd = root.getByTestId('lcd');
    this.header = root.getByTestId('lcd-header');
    this.body = root.getByTestId('lcd-body');
    this.title = root.getByTestId('lcd-title');
    this.prompt = root.getByTestId('lcd-prompt');
  }

  /** Opens the single-phone page of `mac` in the browser shell. */
  static async open(page: Page, mac: string): Promise<HandsetPage> {
    await page.goto(`/?mac=${mac}`);
    const handset = new HandsetPage(page);
    await expect(handset.lcd).toBeVisible();
    return handset;
  }

  key(control: string): Locator {
    return this.root.getByTestId(control);
  }

  softkeyLabel(index: number): Locator {
    return this.root.getByTestId(`lcd-softkey-${index}`);
  }

  lineLabel(index: number): Locator {
    return this.root.getByTestId(`lcd-line-${index}`);
  }

  rows(): Locator {
    return this.body.locator('[data-testid^="lcd-row-"]');
  }

  selectedRow(): Locator {
    return this.body.locator('[data-selected="true"]');
  }

  /** The body row whose label is exactly `label` (numbered "3 TFTP Server 1" or bare). */
  row(label: string): Locator {
    const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return this.rows().filter({ has: this.page.locator('.lcd-row-text', { hasText: new RegExp(`^(\\d+ )?${escaped}$`) }) });
  }

  async waitForIdle(): Promise<this> {
    await expect(this.lcd).toHaveAttribute('data-phone-state', 'idle', { timeout: BOOT_TIMEOUT_MS });
    return this;
  }

  async press(control: string): Promise<this> {
    await this.key(control).click();
    return this;
  }

  /** Presses the softkey whose LCD label is `label`. */
  async pressSoftkey(label: string): Promise<this> {
    await expect(this.root.locator('.lcd-softkeys')).toContainText(label);
    for (let index = 1; index <= 4; index++) {
      if ((await this.softkeyLabel(index).textContent())?.trim() === label) {
        await this.press(`softkey-${index}`);
        return this;
      }
    }
    throw new Error(`No softkey labelled ${label}`);
  }

  /** Dials by clicking keypad keys; `*` and `#` are the star and pound keys. */
  async clickDigits(digits: string): Promise<this> {
    for (const char of digits) await this.press(char === '*' ? 'key-star' : char === '#' ? 'key-pound' : `key-${char}`);
    return this;
  }

  /** Types on the computer keyboard (digits, `*`, `#`). */
  async typeDigits(digits: string): Promise<this> {
    for (const char of digits) await this.page.keyboard.press(char);
    return this;
  }

  async openSettings(): Promise<SettingsMenuPage> {
    await this.press('key-settings');
    await expect(this.title).toHaveText('Settings');
    return new SettingsMenuPage(this);
  }
}

/** Any list screen of the Settings application. */
export class SettingsListPage {
  constructor(readonly handset: HandsetPage) {}

  /** Scrolls with the rocker until the row labelled `label` is on screen; returns it. */
  async revealRow(label: string): Promise<Locator> {
    const row = this.handset.row(label);
    for (let step = 0; step < 20 && (await row.count()) === 0; step++) await this.handset.press('nav-down');
    await expect(row).toHaveCount(1);
    return row;
  }

  async valueOf(label: string): Promise<Locator> {
    return (await this.revealRow(label)).locator('.lcd-row-value');
  }

  /** Moves the selection to `label` with the rocker. */
  async selectRow(label: string): Promise<Locator> {
    const row = await this.revealRow(label);
    for (let step = 0; step < 20 && (await row.getAttribute('data-selected')) !== 'true'; step++) {
      const rows = await this.handset.rows().evaluateAll((elements) =>
        elements.map((element) => ({ id: element.getAttribute('data-testid') ?? '', selected: element.getAttribute('data-selected') === 'true' })));
      const target = await row.getAttribute('data-testid');
      const selectedIndex = rows.findIndex((entry) => entry.selected);
      const targetIndex = rows.findIndex((entry) => entry.id === target);
      await this.handset.press(selectedIndex > targetIndex ? 'nav-up' : 'nav-down');
    }
    await expect(row).toHaveAttribute('data-selected', 'true');
    return row;
  }
}

export class SettingsMenuPage extends SettingsListPage {
  async openItem(digit: number, title: string): Promise<SettingsListPage> {
    await this.handset.press(`key-${digit}`);
    await expect(this.handset.title).toHaveText(title);
    return new SettingsListPage(this.handset);
  }

  async openNetworkConfiguration(): Promise<NetworkConfigurationPage> {
    await this.openItem(3, 'Network Configuration');
    return new NetworkConfigurationPage(this.handset);
  }

  /** Exit from the top of Settings returns to the idle screen. */
  async exit(): Promise<HandsetPage> {
    await this.handset.pressSoftkey('Exit');
    await expect(this.handset.title).toHaveCount(0);
    return this.handset;
  }
}

export class NetworkConfigurationPage extends SettingsListPage {
  async edit(label: string): Promise<EditFieldPage> {
    await this.selectRow(label);
    await this.handset.pressSoftkey('Edit');
    await expect(this.handset.title).toHaveText(label);
    return new EditFieldPage(this.handset, label);
  }

  async exitToSettings(): Promise<SettingsMenuPage> {
    await this.handset.pressSoftkey('Exit');
    await expect(this.handset.title).toHaveText('Settings');
    return new SettingsMenuPage(this.handset);
  }
}

export class EditFieldPage {
  constructor(readonly handset: HandsetPage, readonly field: string) {}

  /** The value being edited (the first body row, without the cursor). */
  async value(): Promise<string> {
    const text = (await this.handset.rows().first().locator('.lcd-row-text').textContent()) ?? '';
    return text.replace(/_$/, '').trim();
  }

  async clear(): Promise<this> {
    for (let step = 0; step < 64 && (await this.value()) !== ''; step++) await this.handset.pressSoftkey('<<');
    expect(await this.value()).toBe('');
    return this;
  }

  /** Saves and expects the phone to accept the value. */
  async save(): Promise<NetworkConfigurationPage> {
    await this.handset.pressSoftkey('Save');
    await expect(this.handset.title).toHaveText('Network Configuration');
    return new NetworkConfigurationPage(this.handset);
  }

  /** Saves a value the phone must refuse: an error on the prompt line, still editing. */
  async saveRefused(): Promise<this> {
    await this.handset.pressSoftkey('Save');
    await expect(this.handset.title).toHaveText(this.field);
    return this;
  }
}
