import type { BoardWebSocket } from './board';

/** The driver side of a BoardWebSocket: what a host's socket adapter calls. */
export interface BoardSocketDriver {
  readonly port: BoardWebSocket;
  opened(): void;
  received(text: string): void;
  /** Reports the end once, however many close/error events the host's socket fires. */
  closed(reason: string): void;
}

/**
 * Wraps a host socket (the page's WebSocket, Node's `ws`) as the firmware's
 * BoardWebSocket, keeping its contract in one place: handlers are set by the
 * firmware after opening, and `onClose` fires exactly once.
 */
export function boardSocket(send: (text: string) => void, close: () => void): BoardSocketDriver {
  let ended = false;
  const port: BoardWebSocket = { send, close, onOpen: null, onMessage: null, onClose: null };
  return {
    port,
    opened: () => port.onOpen?.(),
    received: (text) => port.onMessage?.(text),
    closed: (reason) => {
      if (ended) return;
      ended = true;
      port.onClose?.(reason);
    },
  };
}
