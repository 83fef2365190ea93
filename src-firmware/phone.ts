import type { Board } from './board';
import type { PhoneKey } from './keys';
import { BLANK_LINE, type PhoneSnapshot } from './phone-snapshot';
import { deviceNameOf, loadNetworkSettings, type NetworkSettings } from './network-settings';

/**
 * The phone's firmware: owns every bit of phone state and publishes it as
 * immutable snapshots. Hosts call `press()` and render `getSnapshot()`.
 *
 * (Placeholder body while the firmware is being written; the API is final.)
 */
export class Phone {
  private snapshot: PhoneSnapshot;
  private readonly listeners = new Set<(snapshot: PhoneSnapshot) => void>();
  private settings: NetworkSettings;

  constructor(private readonly board: Board, launchDefaults: NetworkSettings) {
    this.settings = launchDefaults;
    this.snapshot = {
      state: 'booting',
      screen: 'boot',
      header: { clock: '', label: '' },
      body: { title: '', rows: [], scrollTop: 0 },
      prompt: 'Configuring IP',
      softkeys: ['', '', '', ''],
      lines: [BLANK_LINE, BLANK_LINE, BLANK_LINE, BLANK_LINE, BLANK_LINE, BLANK_LINE],
      hook: 'on-hook',
      audio: { speaker: false, headset: false, mute: false, volume: 4 },
      handsetLamp: 'off',
      contrast: 8,
      deviceName: deviceNameOf(launchDefaults.mac),
    };
  }

  async start(): Promise<void> {
    const { settings } = await loadNetworkSettings(this.board.storage, this.settings);
    this.settings = settings;
    this.publish({ ...this.snapshot, deviceName: deviceNameOf(settings.mac) });
  }

  stop(): void {
    this.listeners.clear();
  }

  press(key: PhoneKey | 'Handset'): void {
    this.publish({ ...this.snapshot, prompt: `pressed ${key}` });
  }

  /** Escape on a keyboard: the Exit, Back or Cancel softkey, whichever the screen shows. */
  back(): void {
    this.press('Soft3');
  }

  getSnapshot(): PhoneSnapshot {
    return this.snapshot;
  }

  getNetworkSettings(): NetworkSettings {
    return this.settings;
  }

  subscribe(listener: (snapshot: PhoneSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private publish(next: PhoneSnapshot): void {
    this.snapshot = next;
    for (const listener of this.listeners) listener(next);
  }
}
