import * as tftpPackage from 'tftp';
import type { TftpGetOptions, TftpGetResult, TftpServerAddress } from '../src-firmware/board';

/**
 * The board's TFTP client: one read request (RFC 1350) through the `tftp`
 * package, asking for blksize, windowsize and tsize (RFC 2347–2349, 7440).
 *
 * The package sends its retransmission timer as the RFC 2349 `timeout`
 * option in milliseconds, which RFC 2349 limits to 1–255 seconds; strict
 * servers (tftpd-hpa) then refuse every option. We keep the timer and drop
 * that one option from the request, so the request is RFC-clean.
 */

/** The slice of the package's client API this board uses. */
interface TftpClientOptions {
  host: string;
  port: number;
  blockSize?: number;
  windowSize?: number;
  retries?: number;
  timeout?: number;
}

interface TftpGetStream {
  on(event: 'data', listener: (chunk: Buffer) => void): TftpGetStream;
  on(event: 'end' | 'close' | 'abort', listener: () => void): TftpGetStream;
  on(event: 'error', listener: (error: Error & { code?: number | string }) => void): TftpGetStream;
  abort(reason?: string): void;
}

interface TftpClient {
  createGetStream(remote: string): TftpGetStream;
  _options: {
    extensionsString: Record<string, string>;
    extensionsLength: number;
  };
}

interface TftpModule {
  createClient(options: TftpClientOptions): TftpClient;
}

const tftp = ((tftpPackage as unknown as { default?: TftpModule }).default ?? tftpPackage) as unknown as TftpModule;

/** Largest config file a phone accepts; a bigger answer is aborted. */
const MAX_FILE_BYTES = 4 * 1024 * 1024;

function withoutTimeoutOption(client: TftpClient): TftpClient {
  const options = client._options;
  const timeout = options.extensionsString.timeout;
  if (timeout !== undefined) {
    delete options.extensionsString.timeout;
    options.extensionsLength -= 'timeout'.length + 1 + timeout.length + 1;
  }
  return client;
}

/** The package's names for the RFC 1350 error codes. */
const RFC1350_CODE_BY_NAME: Readonly<Record<string, number>> = {
  ENOENT: 1, EACCESS: 2, ENOSPC: 3, EBADOP: 4, ETID: 5, EEXIST: 6, ENOUSER: 7, EDENY: 8,
};

/** Maps the package's errors (a code name, or only a text) onto RFC 1350 outcomes. */
function outcomeOf(error: Error & { code?: number | string }): TftpGetResult {
  const message = error.message || String(error);
  const code = typeof error.code === 'number' ? error.code : RFC1350_CODE_BY_NAME[String(error.code)];
  if (code === 1 || /file not found|no such file|ENOENT/i.test(message)) return { outcome: 'not-found', message };
  if (/timed? ?out|ETIME/i.test(message)) return { outcome: 'timeout', message };
  if (code !== undefined) return { outcome: 'error', code, message };
  if (/access violation|EACCESS/i.test(message)) return { outcome: 'error', code: 2, message };
  if (/illegal/i.test(message)) return { outcome: 'error', code: 4, message };
  return { outcome: 'error', code: 0, message };
}

export function tftpGet(server: TftpServerAddress, file: string, options: TftpGetOptions): Promise<TftpGetResult> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: TftpGetResult): void => {
      if (!settled) {
        settled = true;
        resolve(result);
      }
    };
    let client: TftpClient;
    let stream: TftpGetStream;
    try {
      client = withoutTimeoutOption(
        tftp.createClient({
          host: server.host,
          port: server.port,
          retries: Math.max(1, options.retries),
          timeout: Math.max(1, Math.round(options.timeoutMs)),
          blockSize: 1468,
          windowSize: 4,
        }),
      );
      stream = client.createGetStream(file);
    } catch (error) {
      finish(outcomeOf(error as Error));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_FILE_BYTES) {
        stream.abort('File too large');
        finish({ outcome: 'error', code: 3, message: `File larger than ${MAX_FILE_BYTES} bytes` });
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => finish({ outcome: 'ok', data: new Uint8Array(Buffer.concat(chunks)) }));
    stream.on('error', (error) => finish(outcomeOf(error)));
    stream.on('abort', () => finish({ outcome: 'error', code: 0, message: 'Transfer aborted' }));
  });
}
