import WebSocket from 'ws';
import type { BoardWebSocket } from '../src-firmware/board';
import { boardSocket } from '../src-firmware/board-socket';

/** The board's WebSocket port in Node (`ws`), one subprotocol, text frames. */
export function openNodeWebSocket(url: string, protocol: string): BoardWebSocket {
  const socket = new WebSocket(url, protocol, { handshakeTimeout: 5000 });
  const driver = boardSocket((text) => socket.send(text), () => socket.close());
  socket.on('open', driver.opened);
  socket.on('message', (data, isBinary) => {
    if (!isBinary) driver.received(data.toString());
  });
  socket.on('error', (error) => driver.closed(error.message));
  socket.on('close', (code, reason) => driver.closed(`closed (${code}${reason.length ? ` ${reason.toString()}` : ''})`));
  return driver.port;
}
