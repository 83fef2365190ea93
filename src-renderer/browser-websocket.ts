/**
 * The board's `openWebSocket` in a renderer: the page's own WebSocket (SIP
 * over WebSocket, RFC 7118, subprotocol `sip`). Shaped like the firmware's
 * `BoardWebSocket`: the firmware sets the handlers right after opening;
 * `onClose` fires exactly once, whether the socket never opened or closed later.
 */
export interface RendererWebSocket {
  send(text: string): void;
  close(): void;
  onOpen: (() => void) | null;
  onMessage: ((text: string) => void) | null;
  onClose: ((reason: string) => void) | null;
}

export function openBrowserWebSocket(url: string, protocol: string): RendererWebSocket {
  const socket = new WebSocket(url, protocol);
  let closed = false;
  const port: RendererWebSocket = {
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
  socket.addEventListener('open', () => port.onOpen?.());
  socket.addEventListener('message', (event) => {
    if (typeof event.data === 'string') port.onMessage?.(event.data);
  });
  socket.addEventListener('error', () => finish(`WebSocket error on ${url}`));
  socket.addEventListener('close', (event) => finish(event.reason || `WebSocket closed (${event.code})`));
  return port;
}
