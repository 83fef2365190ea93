import { EmitterImpl, TransportState, type Transport } from 'sip.js';
import type { Board, BoardWebSocket } from '../board';

/** What a BoardTransport needs, passed as sip.js `transportOptions`. */
export interface BoardTransportOptions {
  readonly board: Board;
  readonly server: string;
}

/**
 * A sip.js Transport over the board's WebSocket (RFC 7118, subprotocol
 * `sip`), so the firmware never touches a host's WebSocket global.
 *
 *   Disconnected ──connect()──► Connecting ──open──► Connected
 *        ▲                          │                    │
 *        └──────── close / error ───┴────────────────────┘ (onDisconnect)
 */
export class BoardTransport implements Transport {
  readonly protocol = 'WS';
  readonly stateChange = new EmitterImpl<TransportState>();
  onConnect: (() => void) | undefined;
  onDisconnect: ((error?: Error) => void) | undefined;
  onMessage: ((message: string) => void) | undefined;
  private currentState: TransportState = TransportState.Disconnected;
  private socket: BoardWebSocket | null = null;
  private readonly options: BoardTransportOptions;

  constructor(_logger: unknown, options: BoardTransportOptions) {
    this.options = options;
  }

  get state(): TransportState {
    return this.currentState;
  }

  get server(): string {
    return this.options.server;
  }

  isConnected(): boolean {
    return this.currentState === TransportState.Connected;
  }

  connect(): Promise<void> {
    if (this.currentState === TransportState.Connected) return Promise.resolve();
    const open = this.options.board.openWebSocket;
    if (!open) return Promise.reject(new Error('This board has no WebSocket port'));
    return new Promise((resolve, reject) => {
      let settled = false;
      const socket = open.call(this.options.board, this.options.server, 'sip');
      this.socket = socket;
      this.transition(TransportState.Connecting);
      socket.onOpen = () => {
        if (this.socket !== socket) return;
        settled = true;
        this.transition(TransportState.Connected);
        this.onConnect?.();
        resolve();
      };
      socket.onMessage = (text) => {
        if (this.socket === socket) this.onMessage?.(text);
      };
      socket.onClose = (reason) => {
        if (this.socket !== socket) return;
        this.socket = null;
        const wasConnected = this.currentState === TransportState.Connected;
        this.transition(TransportState.Disconnected);
        if (!settled) {
          settled = true;
          reject(new Error(`WebSocket ${this.options.server} failed: ${reason}`));
        }
        if (wasConnected) this.onDisconnect?.(new Error(reason));
      };
    });
  }

  disconnect(): Promise<void> {
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      this.transition(TransportState.Disconnecting);
      socket.close();
    }
    if (this.currentState !== TransportState.Disconnected) {
      this.transition(TransportState.Disconnected);
      this.onDisconnect?.();
    }
    return Promise.resolve();
  }

  dispose(): Promise<void> {
    return this.disconnect();
  }

  send(message: string): Promise<void> {
    if (!this.socket || this.currentState !== TransportState.Connected) {
      return Promise.reject(new Error(`Not connected to ${this.options.server}`));
    }
    this.socket.send(message);
    return Promise.resolve();
  }

  private transition(next: TransportState): void {
    if (this.currentState === next) return;
    this.currentState = next;
    this.stateChange.emit(next);
  }
}
