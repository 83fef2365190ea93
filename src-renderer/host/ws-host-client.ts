/**
 * `HostApi` over one WebSocket to the browser shell's Node host (`/host`),
 * wire format in src-shared/host-wire.ts. Calls made before the socket opens
 * wait for it; a call in flight when the socket closes is rejected, and the
 * next call opens a new socket. The host's `PhoneRequest`s (push messages)
 * go to the handler given to `servePhoneRequests`, and its answer goes back
 * as a `reply`.
 */
import {
  HOST_CHANNELS,
  type FirmwareEventCall,
  type HostApi,
  type HostChannel,
  type PhoneAttachCall,
  type PhoneAttachResult,
  type PhoneReplyEnvelope,
  type PhoneRequestHandler,
  type ShellConfig,
  type StorageLoadCall,
  type StorageSaveCall,
  type TftpGetCall,
} from '../../src-shared/host-contract';
import { decodeWire, encodeWire, type WirePush, type WireResponse } from '../../src-shared/host-wire';
import { isPhoneRequest } from '../../src-shared/host-contract';
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
  private phoneRequests: PhoneRequestHandler | null = null;

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

  phoneAttach(call: PhoneAttachCall): Promise<PhoneAttachResult> {
    return this.call(HOST_CHANNELS.phoneAttach, call) as Promise<PhoneAttachResult>;
  }

  async servePhoneRequests(handler: PhoneRequestHandler): Promise<void> {
    this.phoneRequests = handler;
    await this.call(HOST_CHANNELS.phoneRequestsReady, null);
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
      socket.addEventListener('message', (event) => this.receive(socket, String(event.data)));
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

  private receive(socket: WebSocket, text: string): void {
    const parsed = JSON.parse(text) as WireResponse | WirePush;
    if ('push' in parsed) {
      this.answer(socket, decodeWire(parsed.push) as { id?: unknown; request?: unknown });
      return;
    }
    const message = parsed;
    const entry = this.pending.get(message.id);
    if (!entry) return;
    this.pending.delete(message.id);
    if ('error' in message) entry.reject(new Error(message.error));
    else entry.resolve(decodeWire(message.result));
  }

  private answer(socket: WebSocket, envelope: { id?: unknown; request?: unknown }): void {
    const id = envelope.id;
    if (typeof id !== 'number') return;
    const reply = (message: PhoneReplyEnvelope): void => {
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ reply: encodeWire(message) }));
    };
    const handler = this.phoneRequests;
    if (!handler || !isPhoneRequest(envelope.request)) {
      reply({ id, error: { name: 'PhoneRequestRefused', message: handler ? 'malformed request' : 'this page answers no phone requests' } });
      return;
    }
    handler(envelope.request).then(
      (result) => reply({ id, result: result ?? null }),
      (error: unknown) => reply({
        id,
        error: { name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) },
      }),
    );
  }
}
