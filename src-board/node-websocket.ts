import WebSocket from 'ws';
import type { BoardWebSocket } from '../src-firmware/board';

/** The board's WebSocket port in Node (`ws`), one subprotocol, text frames. */
export function openNodeWebSocket(url: string, protocol: string): BoardWebSocket {
  const socket = new WebSocket(url, protocol, { handshakeTimeout: 5000 });
  let closed = false;
  const port: BoardWebSocket = {
    send: (text) => socket.send(text),
    close: () => socket.close(),
    onOpen: null,
    onMessage: null,
    onClose: null,
  };
  const finish = (reason: string): void => {
    if (closed) return;
    closed = true;
    port.onClose?.(reason);
  };
  socket.on('open', () => port.onOpen?.());
  socket.on('message', (data, isBinary) => {
    if (!isBinary) port.onMessage?.(data.toString());
  });
  socket.on('error', (error) => finish(error.message));
  socket.on('close', (code, reason) => finish(`closed (${code}${reason.length ? ` ${reason.toString()}` : ''})`));
  return port;
}
