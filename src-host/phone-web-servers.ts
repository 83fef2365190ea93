/**
 * The phones' own web servers in a shell's host (issue 5): the page attaches
 * each phone it runs (`phone:attach {mac, httpPort}`), the host starts
 * `startPhoneWebServer` for it on loopback with a `PhoneWebTarget` that
 * forwards over the page's `PhoneRequestPort`, and closes those servers when
 * the page goes. What the page answers is checked before the server uses it.
 */
import type { ExecuteResult } from '../src-firmware/services/service-browser';
import type { PhoneSnapshot } from '../src-firmware/phone-snapshot';
import { startPhoneWebServer, type PhoneWebTarget, type RunningPhoneWebServer } from '../src-board/phone-web-server';
import type { PhoneAttachCall, PhoneAttachResult } from '../src-shared/host-contract';
import { PhoneRequestFailed, type PhoneRequestPort } from './phone-request-port';

export interface AttachedPhone {
  readonly mac: string;
  readonly url: string;
}

export function isExecuteResults(value: unknown): value is ExecuteResult[] {
  return Array.isArray(value) && value.length <= 3 && value.every((item: Partial<ExecuteResult> | null) =>
    typeof item === 'object' && item !== null && typeof item.url === 'string' && typeof item.data === 'string' && Number.isInteger(item.status));
}

export function isFieldList(value: unknown): value is [string, string][] {
  return Array.isArray(value) && value.length <= 64 &&
    value.every((pair) => Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string' && typeof pair[1] === 'string');
}

/** Enough of a snapshot for the LCD raster (src-firmware/lcd/lcd-raster.ts) to draw safely. */
export function isPhoneSnapshot(value: unknown): value is PhoneSnapshot {
  const snapshot = value as Partial<PhoneSnapshot> | null;
  if (typeof snapshot !== 'object' || snapshot === null) return false;
  const body = snapshot.body;
  return typeof snapshot.state === 'string' && typeof snapshot.prompt === 'string' && typeof snapshot.deviceName === 'string' &&
    typeof snapshot.header === 'object' && snapshot.header !== null && typeof snapshot.header.clock === 'string' && typeof snapshot.header.label === 'string' &&
    Array.isArray(snapshot.softkeys) && snapshot.softkeys.length === 4 && snapshot.softkeys.every((key) => typeof key === 'string') &&
    Array.isArray(snapshot.lines) && snapshot.lines.length === 6 &&
    snapshot.lines.every((line) => typeof line === 'object' && line !== null && typeof line.label === 'string' && typeof line.icon === 'string') &&
    typeof body === 'object' && body !== null && typeof body.title === 'string' && Number.isInteger(body.scrollTop) &&
    Array.isArray(body.rows) && body.rows.length <= 200 && body.rows.every((row) => typeof row === 'object' && row !== null && typeof row.text === 'string') &&
    (body.image === undefined || isLcdImage(body.image));
}

function isLcdImage(image: NonNullable<PhoneSnapshot['body']['image']>): boolean {
  return typeof image === 'object' && image !== null && Number.isInteger(image.width) && Number.isInteger(image.height) &&
    image.width >= 0 && image.width <= 320 && image.height >= 0 && image.height <= 240 &&
    Array.isArray(image.pixels) && image.pixels.length === image.width * image.height && Number.isInteger(image.x) && Number.isInteger(image.y);
}

function checked<T>(value: unknown, guard: (value: unknown) => value is T, what: string): T {
  if (!guard(value)) throw new PhoneRequestFailed(`The page answered ${what} with something malformed`);
  return value;
}

/** A `PhoneWebTarget` for the phone `mac` in the page behind `port`. */
export function remotePhoneTarget(port: PhoneRequestPort, mac: string): PhoneWebTarget {
  const snapshot = async (): Promise<PhoneSnapshot> => checked(await port.request({ channel: 'phone:snapshot', mac }), isPhoneSnapshot, 'phone:snapshot');
  return {
    execute: async (xml) => checked(await port.request({ channel: 'phone:execute', mac, xml }), isExecuteResults, 'phone:execute'),
    snapshot,
    deviceInformation: async () => checked(await port.request({ channel: 'phone:device-information', mac }), isFieldList, 'phone:device-information'),
    networkConfiguration: async () => checked(await port.request({ channel: 'phone:network-configuration', mac }), isFieldList, 'phone:network-configuration'),
    authenticationUrl: async () => {
      const url = await port.request({ channel: 'phone:auth-url', mac });
      if (typeof url !== 'string' || (url !== '' && !/^https?:\/\//i.test(url))) throw new PhoneRequestFailed('The page answered phone:auth-url with something malformed');
      return url;
    },
    deviceName: async () => (await snapshot()).deviceName,
  };
}

/** The web servers of the phones one page runs. */
export class PhoneWebServers {
  private readonly servers = new Map<string, RunningPhoneWebServer>();
  private closed = false;

  constructor(
    private readonly port: PhoneRequestPort,
    private readonly options: { readonly host?: string; log?(text: string): void } = {},
  ) {}

  /** Starts (or restarts, on a new port) the server of `call.mac`. */
  async attach(call: PhoneAttachCall): Promise<PhoneAttachResult> {
    if (this.closed) throw new PhoneRequestFailed('The page is gone');
    const running = this.servers.get(call.mac);
    if (running && (call.httpPort === 0 || running.port === call.httpPort)) return { url: running.url };
    await running?.close();
    this.servers.delete(call.mac);
    const target = remotePhoneTarget(this.port, call.mac);
    const host = this.options.host ?? '127.0.0.1';
    let server: RunningPhoneWebServer;
    let note: string | undefined;
    try {
      server = await startPhoneWebServer(target, { port: call.httpPort, host });
    } catch (error) {
      if (call.httpPort === 0) throw error;
      note = `HTTP port ${call.httpPort} is taken (${(error as Error).message}); using a free port`;
      server = await startPhoneWebServer(target, { port: 0, host });
    }
    if (this.closed) {
      await server.close();
      throw new PhoneRequestFailed('The page is gone');
    }
    this.servers.set(call.mac, server);
    this.options.log?.(`SEP${call.mac} web server: ${server.url}${note ? ` (${note})` : ''}`);
    return note ? { url: server.url, note } : { url: server.url };
  }

  list(): AttachedPhone[] {
    return [...this.servers].map(([mac, server]) => ({ mac, url: server.url }));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.port.close();
    const servers = [...this.servers.values()];
    this.servers.clear();
    await Promise.all(servers.map((server) => server.close()));
  }
}
