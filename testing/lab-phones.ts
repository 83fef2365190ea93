/**
 * Headless phones (real Node board: UDP TFTP, SIP over WebSocket) booted
 * against a running lab, with their events recorded: the cast of the
 * integration stories.
 */
import { Phone, type PhoneOptions } from '../src-firmware/phone';
import type { FirmwareEvent } from '../src-firmware/board';
import { startLab, type RunningLab } from '../src-lab/lab';
import { createSipServiceStarter, type LabSipService } from '../src-lab/sip';
import { MemoryStorage } from '../src-board/file-storage';
import { createNodeBoard } from '../src-board/node-board';
import { clusterOf } from './lab-clusters';
import { waitUntil } from './wait-until';

export const FAST_REGISTRATION = { expires: 600, retryDelaysMs: [200, 400], rejectedRetryMs: 5000, primaryProbeMs: 300 };

export interface LabWithSip {
  readonly lab: RunningLab;
  readonly sip: ReadonlyMap<string, LabSipService>;
}

export async function startLabWithSip(): Promise<LabWithSip> {
  const sip = new Map<string, LabSipService>();
  const starter = createSipServiceStarter();
  const lab = await startLab({
    ephemeralPorts: true,
    dataDir: null,
    startSip: async (context) => {
      const service = (await starter(context)) as LabSipService;
      sip.set(context.spec.id, service);
      return service;
    },
  });
  return { lab, sip };
}

export class LabPhone {
  readonly events: FirmwareEvent[] = [];
  readonly phone: Phone;

  constructor(lab: RunningLab, mac: string, cluster: string, options: PhoneOptions = {}) {
    this.phone = new Phone(createNodeBoard({ storage: new MemoryStorage(), emit: (event) => this.events.push(event) }),
      { mac, tftpServers: [clusterOf(lab, cluster).tftp], alternateTftp: false, httpPort: 0 },
      { registrationPolicy: FAST_REGISTRATION, ...options });
  }

  async boot(): Promise<this> {
    await this.phone.start();
    await waitUntil(() => this.phone.getRegistrations().length > 0 && this.phone.getRegistrations().every((line) => line.state === 'registered'),
      5000, `${this.phone.getSnapshot().deviceName} to register`);
    return this;
  }

  press(...names: string[]): void {
    for (const name of names) if (!this.phone.pressControl(name)) throw new Error(`no key ${name}`);
  }

  dial(number: string): void {
    this.press(...[...number].map((digit) => (digit === '*' ? 'star' : digit === '#' ? 'pound' : digit)), 'softkey-1');
  }

  /** The state of the call with `peer` as the call screen shows it. */
  callRow(peer: string): string | undefined {
    const row = this.phone.getSnapshot().body.rows.find((entry) => entry.text.endsWith(peer));
    return row?.value;
  }

  async waitForCall(peer: string, state: RegExp, timeoutMs = 10_000): Promise<void> {
    await waitUntil(() => state.test(this.callRow(peer) ?? ''), timeoutMs,
      `${this.phone.getSnapshot().deviceName} to show ${peer} as ${state} (shows: ${JSON.stringify(this.phone.getSnapshot().body.rows)})`);
  }

  stop(): void {
    this.phone.stop();
  }
}
