import * as tftp from 'tftp';
import type { TftpGetOptions, TftpGetResult, TftpServerAddress } from '../src-firmware/board';

/**
 * The one TFTP read client in Node (RFC 1350), over the `tftp` package, asking
 * for blksize, windowsize and tsize (RFC 2347–2349, 7440). The phone's board
 * uses it for boot files; the lab's servers use it to ask their Alternate
 * File Locations.
 *
 * The package sends its retransmission timer as the RFC 2349 `timeout`
 * option in milliseconds, which RFC 2349 limits to 1–255 seconds, and strict
 * servers (tftpd-hpa) then refuse every option. We keep the timer and drop
 * that one option from the request, so the request is RFC-clean.
 */

export interface NodeTftpOptions extends TftpGetOptions {
  readonly blockSize?: number;
  readonly windowSize?: number;
  /** Extra RFC 2347 options sent with the request. */
  readonly extraOptions?: Readonly<Record<string, string>>;
  /** Larger answers are aborted. */
  readonly maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;

/** The package's client options, which it keeps on the instance. */
interface ClientInternals {
  _options: { extensionsString: Record<string, string>; extensionsLength: number };
}

function withoutTimeoutOption(client: tftp.Client): tftp.Client {
  const options = (client as unknown as ClientInternals)._options;
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
  if (code === 1 || /file not found|no such file/i.test(message)) return { outcome: 'not-found', message };
  if (error.code === 'ETIME' || /timed? ?out/i.test(message)) return { outcome: 'timeout', message };
  if (code !== undefined) return { outcome: 'error', code, message };
  if (/access violation/i.test(message)) return { outcome: 'error', code: 2, message };
  if (/illegal/i.test(message)) return { outcome: 'error', code: 4, message };
  return { outcome: 'error', code: 0, message };
}

/** Reads one file; `data` of an `ok` result is a Node Buffer. */
export function tftpGet(server: TftpServerAddress, file: string, options: NodeTftpOptions): Promise<TftpGetResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: TftpGetResult): void => {
      if (!settled) {
        settled = true;
        resolve(result);
      }
    };
    let stream: tftp.ClientGetStream;
    try {
      const client = withoutTimeoutOption(tftp.createClient({
        host: server.host,
        port: server.port,
        retries: Math.max(1, options.retries),
        timeout: Math.max(1, Math.round(options.timeoutMs)),
        blockSize: options.blockSize ?? 1468,
        windowSize: options.windowSize ?? 4,
      }));
      stream = client.createGetStream(file, { userExtensions: { ...(options.extraOptions ?? {}) } });
    } catch (error) {
      finish(outcomeOf(error as Error));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk) => {
      size += chunk.length;
      if (size > maxBytes) {
        stream.abort('File too large');
        finish({ outcome: 'error', code: 3, message: `File larger than ${maxBytes} bytes` });
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => finish({ outcome: 'ok', data: Buffer.concat(chunks) }));
    stream.on('error', (error) => finish(outcomeOf(error)));
    stream.on('abort', () => finish({ outcome: 'error', code: 0, message: 'Transfer aborted' }));
  });
}
