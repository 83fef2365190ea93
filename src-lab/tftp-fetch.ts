/**
 * A TFTP read (RFC 1350) through the `tftp` package's client, as the lab's
 * servers use it to ask their Alternate File Locations.
 *
 * The package sends its retransmission timer as the RFC 2349 `timeout`
 * option in milliseconds; we keep that timer ≤ 255 so the value stays inside
 * RFC 2349's 1–255 range (environment.md).
 */
import * as tftp from 'tftp';
import type { HostPort } from './topology';

export type TftpFetchResult =
  | { readonly outcome: 'ok'; readonly data: Buffer }
  | { readonly outcome: 'not-found' }
  | { readonly outcome: 'timeout' }
  | { readonly outcome: 'error'; readonly message: string };

export interface TftpFetchOptions {
  /** Retransmission timer, ms (1–255). */
  readonly timeoutMs?: number;
  readonly retries?: number;
  /** Extra RFC 2347 options to send. */
  readonly extraOptions?: Readonly<Record<string, string>>;
  readonly blockSize?: number;
  readonly windowSize?: number;
  /** Larger answers are aborted. */
  readonly maxBytes?: number;
}

export function tftpFetch(server: HostPort, file: string, options: TftpFetchOptions = {}): Promise<TftpFetchResult> {
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: TftpFetchResult): void => {
      if (!settled) {
        settled = true;
        resolve(result);
      }
    };
    let stream: tftp.ClientGetStream;
    try {
      const client = tftp.createClient({
        host: server.host,
        port: server.port,
        timeout: Math.min(255, Math.max(1, options.timeoutMs ?? 200)),
        retries: options.retries ?? 2,
        blockSize: options.blockSize ?? 1468,
        windowSize: options.windowSize ?? 4,
      });
      stream = client.createGetStream(file, { userExtensions: { ...(options.extraOptions ?? {}) } });
    } catch (error) {
      finish({ outcome: 'error', message: (error as Error).message });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk) => {
      size += chunk.length;
      if (size > maxBytes) {
        stream.abort('File too big');
        finish({ outcome: 'error', message: `larger than ${maxBytes} bytes` });
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => finish({ outcome: 'ok', data: Buffer.concat(chunks) }));
    stream.on('abort', () => finish({ outcome: 'error', message: 'aborted' }));
    stream.on('error', (error) => {
      const message = error.message || String(error);
      if (/file not found/i.test(message) || error.code === 'ENOENT') finish({ outcome: 'not-found' });
      else if (/timed out/i.test(message) || error.code === 'ETIME') finish({ outcome: 'timeout' });
      else finish({ outcome: 'error', message });
    });
  });
}
