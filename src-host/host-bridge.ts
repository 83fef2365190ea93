/**
 * The Node side of `HostApi`: one function per channel, shared by the browser
 * shell's WebSocket host and Electron's IPC handlers. Every payload comes from
 * a renderer and is checked with the contract's guards before it reaches a
 * socket or a file; a payload that fails is refused with `HostCallRefused`.
 */
import type { Storage } from '../src-firmware/board';
import {
  HOST_CHANNELS,
  isFirmwareEventCall,
  isHttpRequest,
  isPhoneAttachCall,
  isStorageLoadCall,
  isStorageSaveCall,
  isTftpGetCall,
  type FirmwareEventCall,
  type HostChannel,
  type ShellConfig,
} from '../src-shared/host-contract';
import { httpRequest } from '../src-board/http-client';
import { tftpGet } from '../src-board/tftp-client';
import type { PhoneRequestPort } from './phone-request-port';
import type { PhoneWebServers } from './phone-web-servers';

export class HostCallRefused extends Error {
  constructor(readonly channel: string, reason: string) {
    super(`${channel}: ${reason}`);
    this.name = 'HostCallRefused';
  }
}

export interface HostBridgeOptions {
  shellConfig(): ShellConfig;
  /** The phone's flash for one scope (its launch MAC). */
  storageFor(scope: string): Storage;
  onFirmwareEvent?(call: FirmwareEventCall): void;
}

/** The page a call came from (one browser-shell socket or one Electron window) and what the host keeps for it. */
export interface HostPage {
  readonly requests: PhoneRequestPort;
  readonly webServers: PhoneWebServers;
}

/** `page` is absent where the transport has none; page calls (`phone:attach`, ready) are then refused. */
export type HostBridge = (channel: string, payload: unknown, page?: HostPage) => Promise<unknown>;

const CHANNELS = new Set<string>(Object.values(HOST_CHANNELS));

export function isHostChannel(channel: unknown): channel is HostChannel {
  return typeof channel === 'string' && CHANNELS.has(channel);
}

export function createHostBridge(options: HostBridgeOptions): HostBridge {
  return async (channel, payload, page) => {
    switch (channel) {
      case HOST_CHANNELS.tftpGet:
        if (!isTftpGetCall(payload)) throw new HostCallRefused(channel, 'invalid TFTP request');
        return tftpGet(payload.server, payload.file, payload.options);
      case HOST_CHANNELS.httpRequest:
        if (!isHttpRequest(payload)) throw new HostCallRefused(channel, 'invalid HTTP request');
        return httpRequest(payload);
      case HOST_CHANNELS.storageLoad:
        if (!isStorageLoadCall(payload)) throw new HostCallRefused(channel, 'invalid storage key');
        return options.storageFor(payload.scope).load(payload.key);
      case HOST_CHANNELS.storageSave:
        if (!isStorageSaveCall(payload)) throw new HostCallRefused(channel, 'invalid storage record');
        await options.storageFor(payload.scope).save(payload.key, payload.value);
        return null;
      case HOST_CHANNELS.shellConfig:
        return options.shellConfig();
      case HOST_CHANNELS.firmwareEvent:
        if (!isFirmwareEventCall(payload)) throw new HostCallRefused(channel, 'invalid firmware event');
        options.onFirmwareEvent?.(payload);
        return null;
      case HOST_CHANNELS.phoneRequestsReady:
        if (!page) throw new HostCallRefused(channel, 'no page to answer requests');
        page.requests.ready();
        return null;
      case HOST_CHANNELS.phoneAttach:
        if (!isPhoneAttachCall(payload)) throw new HostCallRefused(channel, 'invalid phone (mac, httpPort)');
        if (!page) throw new HostCallRefused(channel, 'no page to forward to');
        return page.webServers.attach(payload);
      default:
        throw new HostCallRefused(String(channel), 'unknown channel');
    }
  };
}
