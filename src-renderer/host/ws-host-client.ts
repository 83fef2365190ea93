/**
 * `HostApi` over one WebSocket to the browser shell's Node host (`/host`),
 * wire format in src-shared/host-wire.ts. Calls made before the socket opens
 * wait for it; a call in flight when the socket closes is rejected, and the
 * next call opens a new socket.
 */
import {
  HOST_CHANNELS,
  type FirmwareEventCall,
  type HostApi,
  type HostChannel,
  type ShellConfig,
  type StorageLoadCall,
  type StorageSaveCall,
  type TftpGetCall,
} from '../../src-shared/host-contract';
import { decodeWire, encodeWire, type WireResponse } from '../../src-shared/host-wire';
import type { HttpRequest, HttpResult, TftpGetResult } from '../../src-firmware/board';

export class HostConnectionLost extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HostConnectionLost';
  }
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export class WsHostClient implements HostApi {
  private socket: Promise<WebSocket> | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /** `url` is the host endpoint, e.g. `ws://127.0.0.1:5173/host`. */
  constructor(private readonly url: string) {}

  /** The endpoint of the page's own origin. */
  static forLocation(location: Location): WsHostClient {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    return new WsHostClient(`${scheme}//${location.host}/host`);
  }

  tftpGet(call: TftpGetCall): Promise<TftpGetResult> {
    return this.call(HOST_CHANNELS.tftpGet, call) as Promise<TftpGetResult>;
  }

  httpRequest(call: HttpRequest): Promise<HttpResult> {
    return this.call(HOST_CHANNELS.httpRequest, call) as Promise<HttpResult>;
  }

  storageLoad(call: StorageLoadCall): Promise<string | null> {
    return this.call(HOST_CHANNELS.storageLoad, call) as Promise<string | null>;
  }

  async storageSave(call: StorageSaveCall): Promise<void> {
    await this.call(HOST_CHANNELS.storageSave, call);
  }

  shellConfig(): Promise<ShellConfig> {
    return this.call(HOST_CHANNELS.shellConfig, null) as Promise<ShellConfig>;
  }

  async firmwareEvent(call: FirmwareEventCall): Promise<void> {
    await this.call(HOST_CHANNELS.firmwareEvent, call);
  }

  close(): void {
    void this.socket?.then((socket) => socket.close());
    this.socket = null;
  }

  private async call(channel: HostChannel, payload: unknown): Promise<unknown> {
    const socket = await this.open();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, channel, payload: encodeWire(payload) }));
    });
  }

  private open(): Promise<WebSocket> {
    if (this.socket) return this.socket;
    const opening = new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(this.url);
      socket.addEventListener('open', () => resolve(socket), { once: true });
      socket.addEventListener('message', (event) => this.receive(String(event.data)));
      /* A failed socket reports here first; 'close' follows and settles every call. */
      socket.addEventListener('error', () => undefined);
      socket.addEventListener('close', () => {
        reject(new HostConnectionLost(`Cannot reach the host at ${this.url}`));
        if (this.socket === opening) this.socket = null;
        const lost = new HostConnectionLost('The host connection closed');
        for (const entry of this.pending.values()) entry.reject(lost);
        this.pending.clear();
      });
    });
    this.socket = opening;
    return opening;
  }

  private receive(text: string): void {
    const message = JSON.parse(text) as WireResponse;
    const entry = this.pending.get(message.id);
    if (!entry) return;
    this.pending.delete(message.id);
    if ('error' in message) entry.reject(new Error(message.error));
    else entry.resolve(decodeWire(message.result));
  }
}
