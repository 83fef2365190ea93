import type { Board, TftpGetResult, TftpServerAddress } from '../board';
import { ConfigError, parseDeviceConfig, type DeviceConfig } from '../config/device-config';
import { tftpServerKey } from '../network-settings';

/**
 * The TFTP half of a 7960's boot (cisco-reference.md §1.2–1.5):
 *
 *   CTLSEP<MAC>.tlv          first server that answers; a miss is normal
 *   SEP<MAC>.cnf.xml         each server in order, until one has a good file
 *   XMLDefault.cnf.xml       only when no server has a device file
 *
 * Each request is retried on timeout with a doubling, bounded timeout; a
 * server that never answers is skipped for the rest of this boot (client-side
 * fallback down the option-150 list). The outcome says what a real phone
 * would show when nothing works.
 */

export interface TftpRetryPolicy {
  /** Requests per server per file before moving on. */
  readonly attempts: number;
  readonly initialTimeoutMs: number;
  readonly maxTimeoutMs: number;
}

export const DEFAULT_TFTP_POLICY: TftpRetryPolicy = { attempts: 3, initialTimeoutMs: 1000, maxTimeoutMs: 4000 };

export interface ConfigSource {
  readonly server: TftpServerAddress;
  readonly file: string;
}

export type ConfigFetchOutcome =
  | { readonly ok: true; readonly config: DeviceConfig; readonly source: ConfigSource; readonly text: Uint8Array }
  | { readonly ok: false; readonly reason: 'timeout' | 'not-found' | 'config-error' | 'tftp-error' | 'no-servers'; readonly message: string };

export interface ConfigFetchReport {
  /** A named step began; `text` goes on the LCD status line. */
  step(text: string): void;
  /** One request finished (for the headless `tftp` event and Status Messages). */
  transfer(server: TftpServerAddress, file: string, result: TftpGetResult, attempt: number): void;
  /** Stops the fetch between requests (a restart or shutdown overtook it). */
  cancelled(): boolean;
}

export class BootCancelled extends Error {
  constructor() {
    super('boot cancelled');
    this.name = 'BootCancelled';
  }
}

export async function fetchDeviceConfiguration(
  board: Board,
  mac: string,
  servers: readonly TftpServerAddress[],
  policy: TftpRetryPolicy,
  report: ConfigFetchReport,
): Promise<ConfigFetchOutcome> {
  if (servers.length === 0) return { ok: false, reason: 'no-servers', message: 'No TFTP Server' };
  const unreachable = new Set<string>();

  const request = async (server: TftpServerAddress, file: string): Promise<TftpGetResult> => {
    let timeoutMs = policy.initialTimeoutMs;
    let last: TftpGetResult = { outcome: 'timeout', message: 'TFTP Timeout' };
    for (let attempt = 1; attempt <= Math.max(1, policy.attempts); attempt++) {
      if (report.cancelled()) throw new BootCancelled();
      last = await board.tftpGet(server, file, { timeoutMs, retries: 1 });
      if (report.cancelled()) throw new BootCancelled();
      report.transfer(server, file, last, attempt);
      if (last.outcome !== 'timeout') return last;
      timeoutMs = Math.min(timeoutMs * 2, policy.maxTimeoutMs);
    }
    unreachable.add(tftpServerKey(server));
    return last;
  };

  const reachable = (): TftpServerAddress[] => servers.filter((server) => !unreachable.has(tftpServerKey(server)));

  const ctlFile = `CTLSEP${mac}.tlv`;
  report.step(`Requesting ${ctlFile}`);
  for (const server of reachable()) {
    const result = await request(server, ctlFile);
    if (result.outcome !== 'timeout') break;
  }

  let configError: string | undefined;
  let tftpError: string | undefined;
  for (const file of [`SEP${mac}.cnf.xml`, 'XMLDefault.cnf.xml']) {
    for (const server of reachable()) {
      report.step(`Requesting ${file}`);
      const result = await request(server, file);
      if (result.outcome === 'ok') {
        try {
          const config = parseDeviceConfig(result.data);
          return { ok: true, config, source: { server, file }, text: result.data };
        } catch (error) {
          if (!(error instanceof ConfigError)) throw error;
          configError = `Configuration error: ${file}: ${error.message}`;
        }
      } else if (result.outcome === 'error') {
        tftpError = `TFTP Error ${result.code}: ${result.message}`;
      }
    }
    if (reachable().length === 0) break;
  }

  if (configError) return { ok: false, reason: 'config-error', message: configError };
  if (reachable().length === 0) return { ok: false, reason: 'timeout', message: 'TFTP Timeout' };
  if (tftpError) return { ok: false, reason: 'tftp-error', message: tftpError };
  return { ok: false, reason: 'not-found', message: `File not found SEP${mac}.cnf.xml` };
}
