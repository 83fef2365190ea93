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
 *
 * The host also asks the page (the push channel, issue 5): it runs each
 * phone's own web server (`/CGI/Execute`, `/CGI/Screenshot`, …) and forwards
 * what that server needs to the firmware in the page as `PhoneRequest`s. The
 * page answers once it has called `servePhoneRequests` (its "ready"); the host
 * queues requests until then. Over Electron IPC: `PHONE_REQUEST_IPC` to the
 * window and `PHONE_REPLY_IPC` back; over the browser shell's socket: the
 * `push` messages of `host-wire.ts`.
 */
import type { HttpRequest, HttpResult, TftpGetOptions, TftpGetResult, TftpServerAddress } from '../src-firmware/board';
import type { PhoneSnapshot } from '../src-firmware/phone-snapshot';
import type { ExecuteResult } from '../src-firmware/services/service-browser';

export const HOST_CHANNELS = {
  tftpGet: 'board:tftp-get',
  httpRequest: 'board:http-request',
  storageLoad: 'board:storage-load',
  storageSave: 'board:storage-save',
  shellConfig: 'shell:config',
  firmwareEvent: 'board:firmware-event',
  /** The page will answer `PhoneRequest`s from now on; the host flushes what it queued. */
  phoneRequestsReady: 'host:phone-requests-ready',
  /** Run this phone's web server; answers with its URL. */
  phoneAttach: 'phone:attach',
} as const;

/** Electron only: main → renderer requests, and the renderer's replies. */
export const PHONE_REQUEST_IPC = 'host:phone-request';
export const PHONE_REPLY_IPC = 'host:phone-reply';

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

export interface PhoneAttachCall {
  readonly mac: string;
  /** The phone's configured HTTP port; 0 picks a free one. */
  readonly httpPort: number;
}

export interface PhoneAttachResult {
  /** Where the phone's web server listens, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Set when the configured port was taken and a free one was used instead. */
  readonly note?: string;
}

/** What the host asks a phone in the page, for that phone's web server. */
export type PhoneRequest =
  | { readonly channel: 'phone:execute'; readonly mac: string; readonly xml: string }
  | { readonly channel: 'phone:snapshot'; readonly mac: string }
  | { readonly channel: 'phone:device-information'; readonly mac: string }
  | { readonly channel: 'phone:network-configuration'; readonly mac: string }
  | { readonly channel: 'phone:auth-url'; readonly mac: string };

export type PhoneRequestChannel = PhoneRequest['channel'];

/** The answer the host expects for each request. */
export interface PhoneRequestResults {
  readonly 'phone:execute': readonly ExecuteResult[];
  readonly 'phone:snapshot': PhoneSnapshot;
  readonly 'phone:device-information': readonly (readonly [string, string])[];
  readonly 'phone:network-configuration': readonly (readonly [string, string])[];
  /** The config's authenticationURL, '' when none. */
  readonly 'phone:auth-url': string;
}

export const PHONE_REQUEST_CHANNELS: readonly PhoneRequestChannel[] = [
  'phone:execute', 'phone:snapshot', 'phone:device-information', 'phone:network-configuration', 'phone:auth-url',
];

/** Answers one request; a rejection's `name` travels back (e.g. `PhoneObjectError`). */
export type PhoneRequestHandler = (request: PhoneRequest) => Promise<unknown>;

/** A request as it travels host → renderer, and the renderer's reply. */
export interface PhoneRequestEnvelope {
  readonly id: number;
  readonly request: PhoneRequest;
}

export type PhoneReplyEnvelope =
  | { readonly id: number; readonly result: unknown }
  | { readonly id: number; readonly error: { readonly name: string; readonly message: string } };

/** Everything the renderer may ask of its host. */
export interface HostApi {
  tftpGet(call: TftpGetCall): Promise<TftpGetResult>;
  httpRequest(call: HttpRequest): Promise<HttpResult>;
  storageLoad(call: StorageLoadCall): Promise<string | null>;
  storageSave(call: StorageSaveCall): Promise<void>;
  shellConfig(): Promise<ShellConfig>;
  firmwareEvent(call: FirmwareEventCall): Promise<void>;
  /** Runs the phone's web server in the host (issue 5); call after `servePhoneRequests`. */
  phoneAttach(call: PhoneAttachCall): Promise<PhoneAttachResult>;
  /** Answers the host's `PhoneRequest`s with `handler` from now on (one handler per page). */
  servePhoneRequests(handler: PhoneRequestHandler): Promise<void>;
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

const MAC_PATTERN = /^[0-9A-F]{12}$/;

export function isPhoneAttachCall(value: unknown): value is PhoneAttachCall {
  const call = value as PhoneAttachCall | null;
  return typeof call === 'object' && call !== null && typeof call.mac === 'string' && MAC_PATTERN.test(call.mac) &&
    Number.isInteger(call.httpPort) && call.httpPort >= 0 && call.httpPort <= 65535;
}

/** Checked by the page before it touches a phone (the host is trusted, the shape still is not). */
export function isPhoneRequest(value: unknown): value is PhoneRequest {
  const request = value as { channel?: unknown; mac?: unknown; xml?: unknown } | null;
  if (typeof request !== 'object' || request === null) return false;
  if (typeof request.mac !== 'string' || !MAC_PATTERN.test(request.mac)) return false;
  if (!PHONE_REQUEST_CHANNELS.includes(request.channel as PhoneRequestChannel)) return false;
  return request.channel !== 'phone:execute' || (typeof request.xml === 'string' && request.xml.length <= 64 * 1024);
}

export function isPhoneReplyEnvelope(value: unknown): value is PhoneReplyEnvelope {
  const reply = value as { id?: unknown; result?: unknown; error?: { name?: unknown; message?: unknown } } | null;
  if (typeof reply !== 'object' || reply === null || !Number.isInteger(reply.id)) return false;
  if ('error' in reply) {
    return typeof reply.error === 'object' && reply.error !== null &&
      typeof reply.error.name === 'string' && typeof reply.error.message === 'string';
  }
  return 'result' in reply;
}
