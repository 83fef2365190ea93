/**
 * The board: the only way the firmware reaches the world outside it.
 *
 * The firmware core imports no Electron, React or Node built-ins and touches
 * no browser globals. Each host (Electron renderer, browser shell, headless
 * Node phone, unit tests) hands the phone one `Board`. A unit test may fake one
 * port of it; every real host binds it to real sockets.
 */

/** A host:port pair as DHCP option 150 would give it (port defaults to 69). */
export interface TftpServerAddress {
  readonly host: string;
  readonly port: number;
}

/** Outcome of one TFTP read request (RFC 1350). */
export type TftpGetResult =
  | { readonly outcome: 'ok'; readonly data: Uint8Array }
  /** The server answered ERROR 1 (File not found). */
  | { readonly outcome: 'not-found'; readonly message: string }
  /** No answer within the board's retry budget. */
  | { readonly outcome: 'timeout'; readonly message: string }
  /** Any other TFTP ERROR (with its RFC 1350 code) or a socket failure (code 0). */
  | { readonly outcome: 'error'; readonly code: number; readonly message: string };

export interface TftpGetOptions {
  /** Time to wait for each answer before the board retransmits, in ms. */
  readonly timeoutMs: number;
  /** Retransmissions before the board reports `timeout`. */
  readonly retries: number;
}

export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly timeoutMs: number;
  /** Bodies larger than this are cut off and reported as `too-large`. */
  readonly maxBytes: number;
}

export type HttpResult =
  | {
      readonly outcome: 'ok';
      readonly status: number;
      /** Header names in lower case; repeated headers joined with ", " except set-cookie, kept as a list. */
      readonly headers: Readonly<Record<string, string>>;
      readonly setCookies: readonly string[];
      readonly body: Uint8Array;
    }
  | { readonly outcome: 'host-not-found' | 'connection-failed' | 'timeout' | 'too-large'; readonly message: string };

/** An opaque timer handle; only the clock that made it can cancel it. */
export type TimerHandle = { readonly __timer: unique symbol } | number | object;

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Small persistent key-value storage ("flash"), scoped by the host to this phone. */
export interface Storage {
  load(key: string): Promise<string | null>;
  save(key: string, value: string): Promise<void>;
}

/** A structured event the firmware reports to its host (headless JSON lines, logs). */
export interface FirmwareEvent {
  readonly type: string;
  readonly [field: string]: unknown;
}

/**
 * A WebSocket the board opened for the firmware (SIP over WebSocket, RFC 7118).
 * The board calls the handlers; the firmware sets them right after opening.
 */
export interface BoardWebSocket {
  send(text: string): void;
  close(): void;
  onOpen: (() => void) | null;
  onMessage: ((text: string) => void) | null;
  /** Called once, whether the socket never opened or closed later. */
  onClose: ((reason: string) => void) | null;
}

/** Media for calls: in a renderer real WebRTC audio; headless, none (the firmware then signals with a media-less SDP). */
export interface MediaPort {
  /** A sip.js SessionDescriptionHandlerFactory, typed loosely to keep the board free of sip.js. */
  readonly sessionDescriptionHandlerFactory: unknown;
  readonly description: string;
}

export interface Board {
  readonly clock: Clock;
  readonly storage: Storage;
  tftpGet(server: TftpServerAddress, file: string, options: TftpGetOptions): Promise<TftpGetResult>;
  httpRequest(request: HttpRequest): Promise<HttpResult>;
  /** Opens a WebSocket with one subprotocol (`sip`). */
  openWebSocket?(url: string, protocol: string): BoardWebSocket;
  /** Call media; absent on headless boards. */
  readonly media?: MediaPort;
  /** Structured events for the host: `tftp`, `config`, `state`, `error`, … */
  emit(event: FirmwareEvent): void;
}
