import type { BoardWebSocket } from '../src-firmware/board';
import { boardSocket } from '../src-firmware/board-socket';

/**
 * The board's `openWebSocket` in a renderer: the page's own WebSocket (SIP
 * over WebSocket, RFC 7118, subprotocol `sip`).
 */
export function openBrowserWebSocket(url: string, protocol: string): BoardWebSocket {
  const socket = new WebSocket(url, protocol);
  const driver = boardSocket((text) => socket.send(text), () => socket.close());
  socket.addEventListener('open', driver.opened);
  socket.addEventListener('message', (event) => {
    if (typeof event.data === 'string') driver.received(event.data);
  });
  socket.addEventListener('error', () => driver.closed(`WebSocket error on ${url}`));
  socket.addEventListener('close', (event) => driver.closed(event.reason || `WebSocket closed (${event.code})`));
  return driver.port;
}
