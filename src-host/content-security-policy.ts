/**
 * The one CSP both shells serve: scripts and styles from the app itself only;
 * connections to the app and to loopback (the host socket, the lab's SIP
 * WebSockets and HTTP services). Electron sets it as a response header and the
 * web shell sends it with every page.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:* http://127.0.0.1:* http://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
