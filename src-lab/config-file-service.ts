/**
 * The engine behind one cluster's TFTP server: turns a requested file name
 * into bytes, with no socket in it (style.md idea 5).
 *
 * Lookup order for a name that passed `checkFileName`:
 *   1. cache (only when "Enable Caching of Configuration Files" is on): the
 *      first generated copy, until `clearCache()`;
 *   2. local: `SEP<MAC>.cnf.xml` of a device in this cluster's database (MAC
 *      matched case-insensitively), or `XMLDefault.cnf.xml`, generated from
 *      the database at the moment of the request;
 *   3. Alternate File Location 1–10, in order, first hit wins (cisco-reference
 *      §9.2). Only for requests that were not themselves proxied: a proxied
 *      request is answered from the local database only, so two clusters that
 *      list each other cannot loop (CUCM proxies one hop).
 * Anything else is not found (RFC 1350 ERROR 1).
 */
import { buildDeviceCnfXml, buildXmlDefault, type CnfClusterContext } from './cnf-xml';
import type { DeviceDatabase } from './device-database';
import { deviceNameOfConfigFile, isXmlDefault } from './tftp-file-name';
import type { HostPort } from './topology';
import type { TftpFetchResult } from './tftp-fetch';

export type FileSource = 'local' | 'cache' | `alternate:${string}`;

export type FileLookup =
  | { readonly outcome: 'found'; readonly data: Buffer; readonly source: FileSource }
  | { readonly outcome: 'not-found'; readonly tried: readonly string[] };

/** An Alternate File Location resolved to an address (a cluster id becomes its TFTP server). */
export interface AlternateLocation {
  /** The cluster id, or `host:port` as configured. */
  readonly label: string;
  readonly address: HostPort;
}

export interface ConfigFileServiceOptions {
  readonly database: DeviceDatabase;
  /** Read at every lookup, so ports bound later (SIP, admin) are current. */
  readonly context: () => CnfClusterContext;
  readonly alternates: () => readonly AlternateLocation[];
  /** Asks one alternate location for a file, marked as proxied. */
  readonly fetchAlternate: (location: AlternateLocation, file: string) => Promise<TftpFetchResult>;
  readonly cacheConfigFiles: boolean;
}

export class ConfigFileService {
  private caching: boolean;
  private readonly cache = new Map<string, Buffer>();

  constructor(private readonly options: ConfigFileServiceOptions) {
    this.caching = options.cacheConfigFiles;
  }

  get cacheConfigFiles(): boolean {
    return this.caching;
  }

  /** Switches caching; switching it either way empties the cache. */
  setCacheConfigFiles(on: boolean): void {
    this.caching = on;
    this.cache.clear();
  }

  clearCache(): void {
    this.cache.clear();
  }

  /** The file as this cluster itself would build it now, or null. */
  buildLocal(file: string): Buffer | null {
    if (isXmlDefault(file)) return Buffer.from(buildXmlDefault(this.options.context()), 'utf8');
    const deviceName = deviceNameOfConfigFile(file);
    if (deviceName === null) return null;
    const device = this.options.database.getEffectiveDevice(deviceName);
    if (device === null) return null;
    return Buffer.from(buildDeviceCnfXml(device, this.options.context()), 'utf8');
  }

  async lookup(file: string, request: { readonly proxied: boolean }): Promise<FileLookup> {
    const key = file.toUpperCase();
    if (this.caching) {
      const cached = this.cache.get(key);
      if (cached !== undefined) return { outcome: 'found', data: cached, source: 'cache' };
    }
    const local = this.buildLocal(file);
    if (local !== null) {
      if (this.caching) this.cache.set(key, local);
      return { outcome: 'found', data: local, source: 'local' };
    }
    const tried: string[] = [];
    if (request.proxied) return { outcome: 'not-found', tried };
    for (const location of this.options.alternates()) {
      tried.push(location.label);
      const result = await this.options.fetchAlternate(location, file);
      if (result.outcome === 'ok') return { outcome: 'found', data: result.data, source: `alternate:${location.label}` };
    }
    return { outcome: 'not-found', tried };
  }
}
