/**
 * A TFTP read as the lab, its tests and benchmarks want it: the board's one
 * TFTP client (`src-board/tftp-client.ts`) with lab defaults (a short timer
 * for Alternate File Locations) and the answer as a Buffer.
 */
import { tftpGet } from '../src-board/tftp-client';
import type { HostPort } from './topology';

export type TftpFetchResult =
  | { readonly outcome: 'ok'; readonly data: Buffer }
  | { readonly outcome: 'not-found' }
  | { readonly outcome: 'timeout' }
  | { readonly outcome: 'error'; readonly message: string };

export interface TftpFetchOptions {
  /** Retransmission timer, ms. */
  readonly timeoutMs?: number;
  readonly retries?: number;
  /** Extra RFC 2347 options to send. */
  readonly extraOptions?: Readonly<Record<string, string>>;
  readonly blockSize?: number;
  readonly windowSize?: number;
  /** Larger answers are aborted. */
  readonly maxBytes?: number;
}

export async function tftpFetch(server: HostPort, file: string, options: TftpFetchOptions = {}): Promise<TftpFetchResult> {
  const result = await tftpGet(server, file, {
    timeoutMs: options.timeoutMs ?? 200,
    retries: options.retries ?? 2,
    maxBytes: options.maxBytes ?? 1024 * 1024,
    ...(options.extraOptions ? { extraOptions: options.extraOptions } : {}),
    ...(options.blockSize !== undefined ? { blockSize: options.blockSize } : {}),
    ...(options.windowSize !== undefined ? { windowSize: options.windowSize } : {}),
  });
  switch (result.outcome) {
    case 'ok':
      return { outcome: 'ok', data: Buffer.from(result.data.buffer, result.data.byteOffset, result.data.byteLength) };
    case 'not-found':
    case 'timeout':
      return { outcome: result.outcome };
    default:
      return { outcome: 'error', message: result.message };
  }
}
