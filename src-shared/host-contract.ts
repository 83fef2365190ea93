/**
 * The one contract between the UI shells and their hosts.
 *
 * The renderer (in Electron or in a plain browser page) runs the firmware and
 * needs the board's Node-side ports: TFTP over UDP and HTTP without CORS.
 * Electron's preload exposes `HostApi` as named functions over these IPC
 * channels; the browser shell's Node host implements the same calls over one
 * WebSocket (`/host`), with the same channel names and payloads.
 *
 * To add a call: 1. add its channel and its request/response types here;
 * 2. handle it in `src-main/ipc-handlers.ts` and `src-host/host-bridge.ts`;
 * 3. expose it in `src-main/preload.ts` and `src-renderer/host/ws-host-client.ts`.
 */
import type { HttpRequest, HttpResult, TftpGetOptions, TftpGetResult, TftpServerAddress } from '../src-firmware/board';

export const HOST_CHANNELS = {
  tftpGet: 'board:tftp-get',
  httpRequest: 'board:http-request',
  storageLoad: 'board:storage-load',
  storageSave: 'board:storage-save',
  shellConfig: 'shell:config',
  firmwareEvent: 'board:firmware-event',
} as const;

export type HostChannel = (typeof HOST_CHANNELS)[keyof typeof HOST_CHANNELS];

/** A phone the shell should show, with its launch defaults. */
export interface PhoneLaunch {
  readonly mac: string;
  readonly tftpServers: readonly TftpServerAddress[];
  readonly httpPort: number;
  /** A caption under the handset in multi-phone pages ("branch phone"). */
  readonly caption?: string;
}

export interface ShellConfig {
  /** Where this renderer runs. */
  readonly shell: 'electron' | 'browser';
  /** Phones to show when the page does not name one. */
  readonly phones: readonly PhoneLaunch[];
  /** The embedded lab's state API, when a lab runs beside the shell. */
  readonly labApi?: string;
}

export interface TftpGetCall {
  readonly server: TftpServerAddress;
  readonly file: string;
  readonly options: TftpGetOptions;
}

export interface StorageLoadCall {
  readonly scope: string;
  readonly key: string;
}

export interface StorageSaveCall extends StorageLoadCall {
  readonly value: string;
}

export interface FirmwareEventCall {
  readonly scope: string;
  readonly event: { readonly type: string; readonly [field: string]: unknown };
}

/** Everything the renderer may ask of its host. */
export interface HostApi {
  tftpGet(call: TftpGetCall): Promise<TftpGetResult>;
  httpRequest(call: HttpRequest): Promise<HttpResult>;
  storageLoad(call: StorageLoadCall): Promise<string | null>;
  storageSave(call: StorageSaveCall): Promise<void>;
  shellConfig(): Promise<ShellConfig>;
  firmwareEvent(call: FirmwareEventCall): Promise<void>;
}

/** Runtime checks for renderer-supplied arguments (main and the web host never trust them). */
export function isTftpGetCall(value: unknown): value is TftpGetCall {
  const call = value as TftpGetCall | null;
  return (
    typeof call === 'object' && call !== null &&
    typeof call.file === 'string' && call.file.length > 0 && call.file.length < 256 &&
    typeof call.server === 'object' && call.server !== null &&
    typeof call.server.host === 'string' && Number.isInteger(call.server.port) &&
    call.server.port > 0 && call.server.port < 65536 &&
    typeof call.options === 'object' && call.options !== null &&
    Number.isFinite(call.options.timeoutMs) && call.options.timeoutMs > 0 && call.options.timeoutMs <= 60_000 &&
    Number.isInteger(call.options.retries) && call.options.retries >= 0 && call.options.retries <= 10
  );
}

export function isHttpRequest(value: unknown): value is HttpRequest {
  const request = value as HttpRequest | null;
  return (
    typeof request === 'object' && request !== null &&
    (request.method === 'GET' || request.method === 'POST') &&
    typeof request.url === 'string' && /^https?:\/\//i.test(request.url) &&
    typeof request.headers === 'object' && request.headers !== null &&
    Object.values(request.headers).every((header) => typeof header === 'string') &&
    (request.body === undefined || typeof request.body === 'string') &&
    Number.isFinite(request.timeoutMs) && request.timeoutMs > 0 && request.timeoutMs <= 120_000 &&
    Number.isFinite(request.maxBytes) && request.maxBytes > 0 && request.maxBytes <= 16 * 1024 * 1024
  );
}

const SCOPE_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const KEY_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

export function isStorageLoadCall(value: unknown): value is StorageLoadCall {
  const call = value as StorageLoadCall | null;
  return typeof call === 'object' && call !== null &&
    typeof call.scope === 'string' && SCOPE_PATTERN.test(call.scope) &&
    typeof call.key === 'string' && KEY_PATTERN.test(call.key);
}

export function isStorageSaveCall(value: unknown): value is StorageSaveCall {
  return isStorageLoadCall(value) && typeof (value as StorageSaveCall).value === 'string' &&
    (value as StorageSaveCall).value.length <= 64 * 1024;
}

export function isFirmwareEventCall(value: unknown): value is FirmwareEventCall {
  const call = value as FirmwareEventCall | null;
  return typeof call === 'object' && call !== null && typeof call.scope === 'string' && SCOPE_PATTERN.test(call.scope) &&
    typeof call.event === 'object' && call.event !== null && typeof call.event.type === 'string';
}
