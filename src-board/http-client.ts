import * as http from 'node:http';
import * as https from 'node:https';
import type { HttpRequest, HttpResult } from '../src-firmware/board';

/**
 * The board's HTTP client for XML services and the phone's own requests.
 * Runs in Node (main process, browser-shell host, headless phone), so
 * services need no CORS. Failures come back as typed outcomes the firmware
 * turns into the phone's own messages ("Host Not Found", "Data too large!").
 */
export function httpRequest(request: HttpRequest): Promise<HttpResult> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: HttpResult): void => {
      if (!settled) {
        settled = true;
        resolve(result);
      }
    };
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      finish({ outcome: 'host-not-found', message: `Bad URL: ${request.url}` });
      return;
    }
    const transport = url.protocol === 'https:' ? https : http;
    const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
    const headers: Record<string, string | number> = { ...request.headers };
    if (body) headers['Content-Length'] = body.length;
    const outgoing = transport.request(url, { method: request.method, headers }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > request.maxBytes) {
          finish({ outcome: 'too-large', message: `Response larger than ${request.maxBytes} bytes` });
          response.destroy();
          outgoing.destroy();
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => {
        const flat: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) {
          if (name === 'set-cookie' || value === undefined) continue;
          flat[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        finish({
          outcome: 'ok',
          status: response.statusCode ?? 0,
          headers: flat,
          setCookies: response.headers['set-cookie'] ?? [],
          body: new Uint8Array(Buffer.concat(chunks)),
        });
      });
      response.on('error', (error) => finish({ outcome: 'connection-failed', message: error.message }));
    });
    outgoing.setTimeout(request.timeoutMs, () => {
      finish({ outcome: 'timeout', message: `No answer from ${url.host} within ${request.timeoutMs} ms` });
      outgoing.destroy();
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      const hostMissing = error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN';
      finish({ outcome: hostMissing ? 'host-not-found' : 'connection-failed', message: error.message });
    });
    if (body) outgoing.write(body);
    outgoing.end();
  });
}
