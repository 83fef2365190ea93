/**
 * An in-process headless phone (real Node board: UDP TFTP, SIP over
 * WebSocket) that boots from any TFTP server — tftpd-hpa serving a
 * hand-written cnf.xml — with its events recorded, plus the LCD walks the
 * stories need (Settings › Network Configuration, Status Messages).
 */
import { Phone, type PhoneOptions } from '../src-firmware/phone';
import type { FirmwareEvent, TftpServerAddress } from '../src-firmware/board';
import { MemoryStorage } from '../src-board/file-storage';
import { createNodeBoard } from '../src-board/node-board';
import { FAST_REGISTRATION } from './lab-phones';
import { waitUntil } from './wait-until';

export class FolderPhone {
  readonly events: FirmwareEvent[] = [];
  /** Called with each event as the firmware emits it (the bench answers and hangs up from here). */
  readonly listeners = new Set<(event: FirmwareEvent) => void>();
  readonly phone: Phone;

  constructor(tftp: TftpServerAddress, mac: string, options: PhoneOptions = {}) {
    this.phone = new Phone(createNodeBoard({ storage: new MemoryStorage(), emit: (event) => this.record(event) }),
      { mac, tftpServers: [tftp], alternateTftp: false, httpPort: 0 },
      { registrationPolicy: FAST_REGISTRATION, ...options });
  }

  private record(event: FirmwareEvent): void {
    this.events.push(event);
    for (const listener of this.listeners) listener(event);
  }

  /** The next event (from now on) that matches, with when it came (performance.now()). */
  nextEvent(match: (event: FirmwareEvent) => boolean, timeoutMs = 5000): Promise<{ event: FirmwareEvent; at: number }> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`no matching event within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (event: FirmwareEvent): void => {
        if (!match(event)) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve({ event, at: performance.now() });
      };
      this.listeners.add(listener);
    });
  }

  async start(): Promise<this> {
    await this.phone.start();
    return this;
  }

  press(...names: string[]): void {
    for (const name of names) if (!this.phone.pressControl(name)) throw new Error(`no key ${name}`);
  }

  /** Events of one type, in order. */
  eventsOf(type: string): FirmwareEvent[] {
    return this.events.filter((event) => event.type === type);
  }

  /** Waits for the `count`-th `registered` event (1 = the first) and returns it. */
  async waitForRegistered(count = 1, timeoutMs = 5000): Promise<FirmwareEvent> {
    return waitUntil(() => this.eventsOf('registered')[count - 1], timeoutMs,
      `registered event #${count} (events: ${JSON.stringify(this.events.filter((event) => event.type !== 'tftp'))})`);
  }

  /** Settings › Network Configuration as the LCD lists it, then back to idle. */
  networkConfigurationRows(): string[] {
    this.press('settings', '3');
    const { title, rows } = this.phone.getSnapshot().body;
    if (title !== 'Network Configuration') throw new Error(`Settings › 3 shows ${title}`);
    const shown = rows.map((row) => (row.value !== undefined ? `${row.text}: ${row.value}` : row.text));
    this.press('settings');
    return shown;
  }

  stop(): void {
    this.phone.stop();
  }
}
