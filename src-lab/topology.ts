/**
 * The enterprise topology: clusters, their devices and their users.
 *
 * A topology file is JSON (`assets/default-topology.json` is the embedded
 * default). `parseTopology` validates it and fills defaults; anything wrong is
 * reported as one `TopologyError` whose message names the JSON path
 * (`clusters[1].devices[0].name: …`).
 *
 * Every port may be 0: the running lab binds an ephemeral port and reports it.
 */
import { readFileSync } from 'node:fs';

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

export interface SipEndpoint extends HostPort {
  /** WebSocket path of the registrar (`sipWebSocketPath` in cnf.xml), default `/`. */
  readonly path: string;
}

export interface TftpServiceOptions {
  /**
   * Alternate File Location 1–10 (CUCM "Alternate Cisco File Server"): other
   * cluster ids or `host:port` of TFTP servers, asked in order on a local miss.
   */
  readonly alternateFileLocations: readonly string[];
  /** "Enable Caching of Configuration Files"; default false. */
  readonly cacheConfigFiles: boolean;
}

/** A line key appearance (cnf.xml featureID 9). */
export interface LineSpec {
  readonly button: number;
  readonly dn: string;
  readonly label: string;
  readonly displayName: string;
  readonly authName: string;
  readonly authPassword: string;
}

/** A speed dial key (cnf.xml featureID 2). */
export interface SpeedDialSpec {
  readonly button: number;
  readonly number: string;
  readonly label: string;
}

/** A service URI key (cnf.xml featureID 20). `{admin}` in `url` stands for the cluster's admin base URL. */
export interface ServiceSpec {
  readonly button: number;
  readonly label: string;
  readonly url: string;
}

export interface ButtonSet {
  readonly lines: readonly LineSpec[];
  readonly speedDials: readonly SpeedDialSpec[];
  readonly services: readonly ServiceSpec[];
}

export interface DeviceSpec extends ButtonSet {
  /** `SEP` + 12 upper-case hex digits. */
  readonly name: string;
  readonly model: string;
  readonly description: string;
  /** Shown by the app without being asked for. */
  readonly demo: boolean;
  readonly caption?: string;
}

/** An Extension Mobility device profile (the lines a user takes to any phone). */
export interface DeviceProfileSpec extends ButtonSet {
  readonly name: string;
}

export interface UserSpec {
  readonly userId: string;
  readonly pin: string;
  /**
   * The end user's password, checked by `/ccmcip/authenticate.jsp` (the
   * phone's `/CGI/Execute` credentials). Lab default: the PIN.
   */
  readonly password: string;
  readonly name: string;
  /** Id of the user's home cluster. */
  readonly home: string;
  readonly dn: string;
  readonly deviceProfile: DeviceProfileSpec;
}

/**
 * The cluster's application user (CUCM "Application User" with the Standard
 * AXL API Access and Standard EM Authentication Proxy Rights roles):
 * HTTP Basic credentials for `/axl/`, `appInfo` for the EM API, and accepted
 * by `/ccmcip/authenticate.jsp`. Default `ccmadmin` / `cisco`.
 */
export interface AppUserSpec {
  readonly id: string;
  readonly password: string;
}

/**
 * Cisco Extension Mobility service parameter "Multiple Login Behavior"
 * (cisco-reference §4.5): `not-allowed` (default; a second login fails with EM
 * code 25), `auto-logout` (logging in on device B logs the user out of
 * device A), `allowed`.
 */
export type MultipleLoginBehavior = 'not-allowed' | 'auto-logout' | 'allowed';

export const MULTIPLE_LOGIN_BEHAVIORS: readonly MultipleLoginBehavior[] = ['not-allowed', 'auto-logout', 'allowed'];

export interface ExtensionMobilitySettings {
  readonly multipleLoginBehavior: MultipleLoginBehavior;
}

/** An IP Phone Service listed in the cluster's services menu; `{admin}` in `url` as in `ServiceSpec`. */
export interface PhoneServiceSpec {
  readonly name: string;
  readonly url: string;
}

export interface ClusterSpec {
  readonly id: string;
  readonly name: string;
  readonly region: string;
  readonly tftp: HostPort;
  readonly sip: SipEndpoint;
  readonly admin: HostPort;
  readonly tftpOptions: TftpServiceOptions;
  /** cnf.xml dateTemplate (cisco-reference §2.2), e.g. `D/M/Y`. */
  readonly dateTemplate: string;
  /** cnf.xml timeZone (Windows-style name). */
  readonly timeZone: string;
  readonly devices: readonly DeviceSpec[];
  readonly users: readonly UserSpec[];
  readonly appUser: AppUserSpec;
  readonly extensionMobility: ExtensionMobilitySettings;
  /** Listed first in `/ccmcip/getservicesmenu.jsp`, before the lab's built-in services. */
  readonly phoneServices: readonly PhoneServiceSpec[];
}

export interface Topology {
  readonly enterprise: string;
  /** The lab's own state API. */
  readonly api: HostPort;
  readonly clusters: readonly ClusterSpec[];
}

export class TopologyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TopologyError';
  }
}

export const DEVICE_NAME_PATTERN = /^SEP[0-9A-F]{12}$/;
const CLUSTER_ID_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;
const HOST_PORT_PATTERN = /^([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\]):(\d{1,5})$/;
const MAX_ALTERNATE_FILE_LOCATIONS = 10;
/** A 7960 has six line/feature buttons. */
const MAX_BUTTON = 6;

type Json = unknown;

function fail(path: string, message: string): never {
  throw new TopologyError(`${path}: ${message}`);
}

function object(value: Json, path: string): Record<string, Json> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'must be an object');
  return value as Record<string, Json>;
}

function array(value: Json, path: string): Json[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(path, 'must be an array');
  return value;
}

function string(value: Json, path: string, fallback?: string): string {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string') fail(path, fallback === undefined ? 'is required and must be a string' : 'must be a string');
  return value;
}

function nonEmpty(value: Json, path: string): string {
  const text = string(value, path);
  if (text.trim() === '') fail(path, 'must not be empty');
  return text;
}

function digits(value: Json, path: string): string {
  const text = typeof value === 'number' ? String(value) : string(value, path);
  if (!/^[0-9*#+]{1,24}$/.test(text)) fail(path, `"${text}" is not a dialable number`);
  return text;
}

function port(value: Json, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 65535) {
    fail(path, 'must be an integer port 0–65535 (0 = ephemeral)');
  }
  return value;
}

function button(value: Json, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_BUTTON) {
    fail(path, `must be a button number 1–${MAX_BUTTON}`);
  }
  return value;
}

function hostPort(value: Json, path: string, defaultHost: string): HostPort {
  const record = object(value, path);
  return { host: string(record.host, `${path}.host`, defaultHost), port: port(record.port, `${path}.port`) };
}

function buttonSet(record: Record<string, Json>, path: string): ButtonSet {
  const lines = array(record.lines, `${path}.lines`).map((entry, index): LineSpec => {
    const at = `${path}.lines[${index}]`;
    const line = object(entry, at);
    const dn = digits(line.dn, `${at}.dn`);
    return {
      button: button(line.button, `${at}.button`),
      dn,
      label: string(line.label, `${at}.label`, dn),
      displayName: string(line.displayName, `${at}.displayName`, dn),
      authName: string(line.authName, `${at}.authName`, dn),
      authPassword: string(line.authPassword, `${at}.authPassword`, ''),
    };
  });
  const speedDials = array(record.speedDials, `${path}.speedDials`).map((entry, index): SpeedDialSpec => {
    const at = `${path}.speedDials[${index}]`;
    const dial = object(entry, at);
    const number = digits(dial.number, `${at}.number`);
    return { button: button(dial.button, `${at}.button`), number, label: string(dial.label, `${at}.label`, number) };
  });
  const services = array(record.services, `${path}.services`).map((entry, index): ServiceSpec => {
    const at = `${path}.services[${index}]`;
    const service = object(entry, at);
    const url = nonEmpty(service.url, `${at}.url`);
    if (!/^(https?:\/\/|\{admin\}\/)/i.test(url)) fail(`${at}.url`, `"${url}" must be an http(s) URL or start with {admin}/`);
    return { button: button(service.button, `${at}.button`), label: nonEmpty(service.label, `${at}.label`), url };
  });
  const taken = new Map<number, string>();
  const claim = (key: number, what: string): void => {
    const holder = taken.get(key);
    if (holder !== undefined) fail(path, `button ${key} is used by both ${holder} and ${what}`);
    taken.set(key, what);
  };
  lines.forEach((line, index) => claim(line.button, `lines[${index}]`));
  speedDials.forEach((dial, index) => claim(dial.button, `speedDials[${index}]`));
  services.forEach((service, index) => claim(service.button, `services[${index}]`));
  return { lines, speedDials, services };
}

function device(value: Json, path: string): DeviceSpec {
  const record = object(value, path);
  const name = string(record.name, `${path}.name`);
  if (!DEVICE_NAME_PATTERN.test(name)) fail(`${path}.name`, `"${name}" must be SEP followed by 12 upper-case hex digits`);
  const buttons = buttonSet(record, path);
  if (buttons.lines.length === 0) fail(`${path}.lines`, 'a phone needs at least one line (featureID 9)');
  if (record.demo !== undefined && typeof record.demo !== 'boolean') fail(`${path}.demo`, 'must be true or false');
  const caption = record.caption === undefined ? undefined : string(record.caption, `${path}.caption`);
  return {
    name,
    model: string(record.model, `${path}.model`, 'Cisco 7960'),
    description: string(record.description, `${path}.description`, ''),
    demo: record.demo === true,
    ...(caption === undefined ? {} : { caption }),
    ...buttons,
  };
}

function user(value: Json, path: string, home: string): UserSpec {
  const record = object(value, path);
  const userId = nonEmpty(record.userId, `${path}.userId`);
  const pin = typeof record.pin === 'number' ? String(record.pin) : string(record.pin, `${path}.pin`);
  if (!/^[0-9]{1,16}$/.test(pin)) fail(`${path}.pin`, 'must be 1–16 digits');
  const dn = digits(record.dn, `${path}.dn`);
  const profileRecord = object(record.deviceProfile ?? {}, `${path}.deviceProfile`);
  const profile = buttonSet(profileRecord, `${path}.deviceProfile`);
  const password = record.password === undefined ? pin : nonEmpty(record.password, `${path}.password`);
  return {
    userId,
    pin,
    password,
    name: string(record.name, `${path}.name`, userId),
    home: string(record.home, `${path}.home`, home),
    dn,
    deviceProfile: {
      name: string(profileRecord.name, `${path}.deviceProfile.name`, `UDP-${userId}`),
      ...profile,
      lines: profile.lines.length > 0 ? profile.lines : [
        { button: 1, dn, label: dn, displayName: string(record.name, `${path}.name`, userId), authName: dn, authPassword: '' },
      ],
    },
  };
}

function cluster(value: Json, path: string, defaultHost: string): ClusterSpec {
  const record = object(value, path);
  const id = string(record.id, `${path}.id`);
  if (!CLUSTER_ID_PATTERN.test(id)) fail(`${path}.id`, `"${id}" must be lower-case letters, digits and dashes`);
  const sipRecord = object(record.sip, `${path}.sip`);
  const sipPath = string(sipRecord.path, `${path}.sip.path`, '/');
  if (!sipPath.startsWith('/')) fail(`${path}.sip.path`, 'must start with /');
  const options = object(record.tftpOptions ?? {}, `${path}.tftpOptions`);
  const alternates = array(options.alternateFileLocations, `${path}.tftpOptions.alternateFileLocations`)
    .map((entry, index) => nonEmpty(entry, `${path}.tftpOptions.alternateFileLocations[${index}]`));
  if (alternates.length > MAX_ALTERNATE_FILE_LOCATIONS) {
    fail(`${path}.tftpOptions.alternateFileLocations`, `at most ${MAX_ALTERNATE_FILE_LOCATIONS} locations (Alternate File Location 1–10)`);
  }
  if (options.cacheConfigFiles !== undefined && typeof options.cacheConfigFiles !== 'boolean') {
    fail(`${path}.tftpOptions.cacheConfigFiles`, 'must be true or false');
  }
  const devices = array(record.devices, `${path}.devices`).map((entry, index) => device(entry, `${path}.devices[${index}]`));
  const users = array(record.users, `${path}.users`).map((entry, index) => user(entry, `${path}.users[${index}]`, id));
  const appUserRecord = object(record.appUser ?? {}, `${path}.appUser`);
  const emRecord = object(record.extensionMobility ?? {}, `${path}.extensionMobility`);
  const behavior = string(emRecord.multipleLoginBehavior, `${path}.extensionMobility.multipleLoginBehavior`, 'not-allowed');
  if (!(MULTIPLE_LOGIN_BEHAVIORS as readonly string[]).includes(behavior)) {
    fail(`${path}.extensionMobility.multipleLoginBehavior`, `must be one of ${MULTIPLE_LOGIN_BEHAVIORS.join(', ')}`);
  }
  const phoneServices = array(record.phoneServices, `${path}.phoneServices`).map((entry, index): PhoneServiceSpec => {
    const at = `${path}.phoneServices[${index}]`;
    const service = object(entry, at);
    const url = nonEmpty(service.url, `${at}.url`);
    if (!/^(https?:\/\/|\{admin\}\/)/i.test(url)) fail(`${at}.url`, `"${url}" must be an http(s) URL or start with {admin}/`);
    return { name: nonEmpty(service.name, `${at}.name`), url };
  });
  return {
    id,
    name: string(record.name, `${path}.name`, id),
    region: string(record.region, `${path}.region`, ''),
    tftp: hostPort(record.tftp, `${path}.tftp`, defaultHost),
    sip: { ...hostPort(sipRecord, `${path}.sip`, defaultHost), path: sipPath },
    admin: hostPort(record.admin, `${path}.admin`, defaultHost),
    tftpOptions: { alternateFileLocations: alternates, cacheConfigFiles: options.cacheConfigFiles === true },
    dateTemplate: string(record.dateTemplate, `${path}.dateTemplate`, 'D/M/Y'),
    timeZone: string(record.timeZone, `${path}.timeZone`, 'GMT Standard/Daylight Time'),
    devices,
    users,
    appUser: {
      id: appUserRecord.id === undefined ? 'ccmadmin' : nonEmpty(appUserRecord.id, `${path}.appUser.id`),
      password: string(appUserRecord.password, `${path}.appUser.password`, 'cisco'),
    },
    extensionMobility: { multipleLoginBehavior: behavior as MultipleLoginBehavior },
    phoneServices,
  };
}

function checkUnique<T>(items: readonly T[], key: (item: T) => string, what: string): void {
  const seen = new Set<string>();
  for (const item of items) {
    const value = key(item);
    if (seen.has(value)) throw new TopologyError(`${what} "${value}" appears twice`);
    seen.add(value);
  }
}

/** Validates a parsed topology document and fills its defaults. */
export function parseTopology(value: unknown): Topology {
  const record = object(value, 'topology');
  const defaultHost = '127.0.0.1';
  const clusters = array(record.clusters, 'clusters').map((entry, index) => cluster(entry, `clusters[${index}]`, defaultHost));
  if (clusters.length === 0) fail('clusters', 'at least one cluster is required');
  checkUnique(clusters, (c) => c.id, 'cluster id');
  const ids = new Set(clusters.map((c) => c.id));
  checkUnique(clusters.flatMap((c) => c.devices), (d) => d.name, 'device name');
  checkUnique(clusters.flatMap((c) => c.users), (u) => u.userId, 'user id');
  clusters.forEach((c, index) => {
    c.tftpOptions.alternateFileLocations.forEach((location, at) => {
      const path = `clusters[${index}].tftpOptions.alternateFileLocations[${at}]`;
      if (location === c.id) fail(path, 'a cluster cannot be its own alternate file location');
      if (!ids.has(location) && !HOST_PORT_PATTERN.test(location)) {
        fail(path, `"${location}" is neither a cluster id nor host:port`);
      }
    });
    c.users.forEach((u, at) => {
      if (!ids.has(u.home)) fail(`clusters[${index}].users[${at}].home`, `unknown cluster "${u.home}"`);
    });
  });
  const fixed = clusters.flatMap((c) => [c.tftp.port, c.sip.port, c.admin.port]).filter((p) => p !== 0);
  const api = hostPort(record.api ?? { port: 0 }, 'api', defaultHost);
  checkUnique([...fixed, ...(api.port === 0 ? [] : [api.port])], String, 'port');
  return { enterprise: string(record.enterprise, 'enterprise', 'Enterprise'), api, clusters };
}

/** Reads and validates a topology file; JSON syntax errors become `TopologyError`s too. */
export function loadTopologyFile(file: string): Topology {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new TopologyError(`${file}: cannot read (${(error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new TopologyError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  try {
    return parseTopology(json);
  } catch (error) {
    if (error instanceof TopologyError) throw new TopologyError(`${file}: ${error.message}`);
    throw error;
  }
}

/** The same topology with every port 0 (tests, parallel labs). */
export function withEphemeralPorts(topology: Topology): Topology {
  return {
    ...topology,
    api: { ...topology.api, port: 0 },
    clusters: topology.clusters.map((c) => ({
      ...c,
      tftp: { ...c.tftp, port: 0 },
      sip: { ...c.sip, port: 0 },
      admin: { ...c.admin, port: 0 },
    })),
  };
}

/** Parses `host:port` (Alternate File Location entries). */
export function parseHostPort(text: string): HostPort | null {
  const match = HOST_PORT_PATTERN.exec(text);
  if (match === null) return null;
  const portNumber = Number(match[2]);
  if (portNumber < 1 || portNumber > 65535) return null;
  return { host: (match[1] ?? '').replace(/^\[|\]$/g, ''), port: portNumber };
}
