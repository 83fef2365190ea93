import type { Storage, TftpServerAddress } from './board';

/**
 * The phone's network settings: what DHCP (option 150) or the person at the
 * Settings menu gives it. They persist in the board's storage ("flash").
 */
export interface NetworkSettings {
  /** 12 upper-case hex digits, no separators. */
  readonly mac: string;
  /** Ordered TFTP server list: the phone tries them first to last. */
  readonly tftpServers: readonly TftpServerAddress[];
  /** Alternate TFTP: Yes when the list was set by hand rather than by DHCP. */
  readonly alternateTftp: boolean;
  /** Port of the phone's own web server (/CGI/Execute, /CGI/Screenshot); 0 picks a free one. */
  readonly httpPort: number;
}

export const STORAGE_KEY = 'network-settings';
export const DEFAULT_MAC = '00AABB000001';
export const TFTP_DEFAULT_PORT = 69;

export class InvalidSettingError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
    this.name = 'InvalidSettingError';
  }
}

/** Normalises `00:aa:bb-00.00.01` to `00AABB000001`; throws InvalidSettingError otherwise. */
export function parseMac(text: string): string {
  const hex = text.replace(/[\s:.-]/g, '').toUpperCase();
  if (!/^[0-9A-F]{12}$/.test(hex)) throw new InvalidSettingError('mac', `MAC must be 12 hex digits: "${text}"`);
  return hex;
}

/** Parses `host[:port]` (port 1–65535, default 69). */
export function parseTftpServer(text: string): TftpServerAddress {
  const trimmed = text.trim();
  const match = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(trimmed);
  if (!match || !match[1]) throw new InvalidSettingError('tftp', `TFTP server must be host[:port]: "${text}"`);
  const port = match[2] === undefined ? TFTP_DEFAULT_PORT : Number(match[2]);
  if (port < 1 || port > 65535) throw new InvalidSettingError('tftp', `TFTP port out of range: "${text}"`);
  return { host: match[1], port };
}

/** A comma-separated server list, as option 150 or `--tftp` writes it. */
export function parseTftpServerList(text: string): TftpServerAddress[] {
  return text.split(',').map((part) => part.trim()).filter((part) => part.length > 0).map(parseTftpServer);
}

/** `host:port`, always with the port: for events and logs. */
export function tftpServerKey(server: TftpServerAddress): string {
  return `${server.host}:${server.port}`;
}

/** As the Settings menu shows it: the port only when it is not 69. */
export function formatTftpServer(server: TftpServerAddress): string {
  return server.port === TFTP_DEFAULT_PORT ? server.host : `${server.host}:${server.port}`;
}

export function parseHttpPort(text: string): number {
  if (!/^\d{1,5}$/.test(text.trim())) throw new InvalidSettingError('httpPort', `HTTP port must be a number: "${text}"`);
  const port = Number(text);
  if (port > 65535) throw new InvalidSettingError('httpPort', `HTTP port out of range: "${text}"`);
  return port;
}

/** Host name a 7960 reports: SEP + MAC. */
export function deviceNameOf(mac: string): string {
  return `SEP${mac}`;
}

/**
 * Reads the settings saved in flash, falling back field by field to the
 * launch defaults. A corrupt record is ignored (and reported to the caller),
 * never fatal: the phone still boots with its defaults.
 */
export async function loadNetworkSettings(
  storage: Storage,
  defaults: NetworkSettings,
): Promise<{ settings: NetworkSettings; problem?: string }> {
  const raw = await storage.load(STORAGE_KEY);
  if (raw === null) return { settings: defaults };
  try {
    const saved = JSON.parse(raw) as Partial<Record<keyof NetworkSettings, unknown>>;
    const settings: NetworkSettings = {
      mac: typeof saved.mac === 'string' ? parseMac(saved.mac) : defaults.mac,
      tftpServers: Array.isArray(saved.tftpServers)
        ? saved.tftpServers.map((entry) => parseTftpServer(formatTftpServer(entry as TftpServerAddress)))
        : defaults.tftpServers,
      alternateTftp: typeof saved.alternateTftp === 'boolean' ? saved.alternateTftp : defaults.alternateTftp,
      httpPort: typeof saved.httpPort === 'number' ? parseHttpPort(String(saved.httpPort)) : defaults.httpPort,
    };
    return { settings };
  } catch (error) {
    return { settings: defaults, problem: `Saved network settings ignored: ${(error as Error).message}` };
  }
}

export async function saveNetworkSettings(storage: Storage, settings: NetworkSettings): Promise<void> {
  await storage.save(STORAGE_KEY, JSON.stringify(settings));
}
