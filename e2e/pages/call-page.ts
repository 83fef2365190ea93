/**
 * Calls as a tester sees them on one handset: the call row on the LCD, the
 * line icon, the ringing lamp, and the WebRTC packet counts of the phone's
 * live calls (the page's test hook `window.__phones[mac]`).
 */
import { expect, type Locator } from '@playwright/test';
import { BOOT_TIMEOUT_MS, HandsetPage } from './handset-page';

declare global {
  interface Window {
    /** The renderer's test hook (src-renderer/phone-test-hooks.ts). */
    __phones?: Record<string, { stats(): Promise<MediaCounts>; tone(): string; conferenceParties(): number; microphoneOn(): boolean | null; webUrl(): string }>;
  }
}

export interface MediaCounts {
  readonly calls: number;
  readonly inboundPackets: number;
  readonly outboundPackets: number;
}

export class CallPhone {
  constructor(readonly handset: HandsetPage, readonly mac: string) {}

  /** The first line button's icon on the LCD. */
  get lineIcon(): Locator {
    return this.handset.lineLabel(1).locator('[data-icon]');
  }

  callRow(state: string | RegExp): Locator {
    return this.handset.rows().filter({ has: this.handset.page.locator('.lcd-row-value', { hasText: state }) });
  }

  /** Idle with line 1 registered and no prompt about registering. */
  async waitRegistered(): Promise<this> {
    await this.handset.waitForIdle();
    await expect(this.lineIcon).toHaveAttribute('data-icon', 'line-idle', { timeout: BOOT_TIMEOUT_MS });
    await expect(this.handset.prompt).not.toHaveText(/Registering/);
    return this;
  }

  /** Dials on the keypad and presses Dial. */
  async dial(number: string): Promise<this> {
    await this.handset.clickDigits(number);
    await this.handset.pressSoftkey('Dial');
    return this;
  }

  async waitRinging(): Promise<this> {
    await expect(this.handset.key('handset')).toHaveAttribute('data-lamp', 'red-flash');
    await expect(this.lineIcon).toHaveAttribute('data-icon', 'line-ringing');
    await expect(this.handset.softkeyLabel(1)).toHaveText('Answer');
    return this;
  }

  async waitConnected(): Promise<this> {
    await expect(this.callRow(/^Connected/)).toHaveCount(1);
    await expect(this.lineIcon).toHaveAttribute('data-icon', 'line-connected');
    return this;
  }

  async waitIdle(): Promise<this> {
    await expect(this.handset.lcd).toHaveAttribute('data-screen', 'idle');
    await expect(this.lineIcon).toHaveAttribute('data-icon', 'line-idle');
    await expect(this.handset.key('handset')).toHaveAttribute('data-lamp', 'off');
    return this;
  }

  /** The tone the page is sounding ('ringing', 'ringback', 'none'). */
  tone(): Promise<string> {
    return this.handset.page.evaluate((mac) => window.__phones?.[mac]?.tone() ?? 'none', this.mac);
  }

  /** Parties this phone sends its conference mix to. */
  conferenceParties(): Promise<number> {
    return this.handset.page.evaluate((mac) => window.__phones?.[mac]?.conferenceParties() ?? 0, this.mac);
  }

  /** Whether this phone's live calls send its microphone (false while muted). */
  microphoneOn(): Promise<boolean | null> {
    return this.handset.page.evaluate((mac) => window.__phones?.[mac]?.microphoneOn() ?? null, this.mac);
  }

  media(): Promise<MediaCounts> {
    return this.handset.page.evaluate(async (mac) => {
      const hook = window.__phones?.[mac];
      if (!hook) throw new Error(`no test hook for ${mac}`);
      return hook.stats();
    }, this.mac);
  }

  /** Waits until audio packets have flowed both ways beyond `since`. */
  async waitAudioFlowing(since: MediaCounts = { calls: 0, inboundPackets: 0, outboundPackets: 0 }): Promise<MediaCounts> {
    let now = since;
    await expect.poll(async () => {
      now = await this.media();
      return now.calls > 0 && now.inboundPackets > since.inboundPackets && now.outboundPackets > since.outboundPackets;
    }, { message: `audio both ways on SEP${this.mac}`, timeout: 15_000 }).toBe(true);
    return now;
  }
}
