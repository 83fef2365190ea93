/**
 * The lab: every cluster of a topology running on loopback (device database,
 * TFTP server, admin HTTP server, SIP registrar hook) plus the lab's own state
 * API. Used by `npm run lab`, the Electron main process and tests.
 *
 * Start order per cluster: database → admin HTTP → SIP (hook or placeholder)
 * → TFTP. Config files are generated at request time from the bound ports,
 * so ephemeral ports (0) work everywhere. `stop()` closes all of them.
 *
 * Each cluster's admin server carries the phone-facing services
 * (`phone-services-http.ts`), AXL (`axl-http.ts`) and the EM API
 * (`em-http.ts`). Device resets go through `RunningCluster.resetDevice`, whose
 * hook is, in order: `setResetDeviceHook(…)`, `StartLabOptions.resetDevice`,
 * the SIP service's own `resetDevice`, else the request is only recorded.
 */
import { createServer as createTcpServer } from 'node:net';
import { join } from 'node:path';
import defaultTopologyJson from '../assets/default-topology.json';
import type { PhoneLaunch } from '../src-shared/host-contract';
import type { CcemOptions } from '../src-ccem/ccem-config';
import type { SessionView } from '../src-ccem/ccem-engine';
import { startCcemService, type RunningCcemService } from '../src-ccem/ccem-service';
import { ccemConfigFromLab } from '../src-ccem/lab-ccem-config';
import { mountAxl } from './axl-http';
import { AxlService } from './axl-service';
import { NOMINAL_SIP_PORT, type CnfClusterContext } from './cnf-xml';
import { ConfigFileService, type AlternateLocation } from './config-file-service';
import { DeviceDatabase } from './device-database';
import { DeviceResetter, type DeviceResetKind, type ResetDeviceHook, type ResetOutcome } from './device-reset';
import type { DirectoryPerson } from './directory-service';
import { mountEmService } from './em-http';
import { ExtensionMobilityService } from './em-service';
import { formatHost, HttpRouter, jsonReply, startHttpServer, type RunningHttpServer } from './http-router';
import { LabEventLog, type LabEvent } from './lab-events';
import { mountPhoneServices } from './phone-services-http';
import { createSipServiceStarter } from './sip/cluster-sip-service';
import { tftpFetch } from './tftp-fetch';
import { PROXIED_OPTION, startTftpServer, type RunningTftpServer } from './tftp-server';
import {
  loadTopologyFile, parseHostPort, parseTopology, withEphemeralPorts,
  type ClusterSpec, type HostPort, type Topology,
} from './topology';

/** A SIP registrar plugged into a cluster (src-lab/sip/ provides one). */
export interface ClusterSipService {
  /** `ws://host:port/path` the phones connect to. */
  readonly url: string;
  isRegistered?(deviceName: string): boolean;
  /**
   * Sends the service-control NOTIFY (cisco-reference §6.1); rejects when the
   * phone cannot be told. When present it is the cluster's default reset hook.
   */
  resetDevice?(deviceName: string, action: DeviceResetKind): Promise<unknown>;
  stop(): Promise<void>;
}

/** What a SIP starter gets: the cluster, with its database and the lab's event log. */
export interface SipStartContext {
  readonly spec: ClusterSpec;
  readonly host: string;
  /** The port to bind (0 = ephemeral). */
  readonly port: number;
  readonly database: DeviceDatabase;
  readonly events: LabEventLog;
}

export type SipServiceStarter = (context: SipStartContext) => Promise<ClusterSipService>;

export interface RunningCluster {
  readonly id: string;
  readonly name: string;
  readonly region: string;
  readonly spec: ClusterSpec;
  /** The bound TFTP address. */
  readonly tftp: HostPort;
  readonly sipUrl: string;
  readonly adminUrl: string;
  readonly database: DeviceDatabase;
  /** The TFTP engine: caching switch and cache, `buildLocal(file)`. */
  readonly files: ConfigFileService;
  /** Routes of this cluster's admin HTTP server; add `/axl/`, `/emservice/`, `/ccmcip/` here. */
  readonly admin: HttpRouter;
  /** The AXL engine behind `POST /axl/`. */
  readonly axl: AxlService;
  /** The EM engine behind `/emservice/EMServiceServlet`; `multipleLoginBehavior` is settable. */
  readonly extensionMobility: ExtensionMobilityService;
  isRegistered(deviceName: string): boolean;
  /** Resets or restarts a phone through the current hook; never rejects (see device-reset.ts). */
  resetDevice(deviceName: string, kind: DeviceResetKind): Promise<ResetOutcome>;
  /** Plugs in how this cluster resets phones; null restores the default. */
  setResetDeviceHook(hook: ResetDeviceHook | null): void;
}

export interface DeviceState {
  readonly name: string;
  readonly model: string;
  readonly description: string;
  readonly lines: readonly { readonly dn: string; readonly label: string }[];
  readonly registered: boolean;
  readonly loggedInUser: string | null;
  readonly temporary: boolean;
  readonly demo: boolean;
  readonly versionStamp: string;
}

export interface ClusterState {
  readonly id: string;
  readonly name: string;
  readonly region: string;
  readonly tftp: string;
  readonly sip: string;
  readonly admin: string;
  readonly alternateFileLocations: readonly string[];
  readonly cacheConfigFiles: boolean;
  readonly devices: readonly DeviceState[];
  readonly users: readonly { readonly id: string; readonly name: string; readonly dn: string; readonly home: string }[];
}

export interface LabState {
  readonly enterprise: string;
  readonly clusters: readonly ClusterState[];
  /** The embedded CCEM service and its open sessions; null when the lab started none. */
  readonly ccem: { readonly url: string; readonly sessions: readonly SessionView[] } | null;
  /** Recent events, oldest first. */
  readonly events: readonly LabEvent[];
}

export interface RunningLab {
  /** `http://127.0.0.1:P` */
  readonly apiUrl: string;
  readonly clusters: readonly RunningCluster[];
  readonly events: LabEventLog;
  readonly topology: Topology;
  cluster(id: string): RunningCluster | undefined;
  /** Base URL of the CCEM service, listed as "Cross Cluster EM" in every services menu with `?device=#DEVICENAME#`. */
  readonly ccemUrl: string;
  setCcemUrl(url: string): void;
  /** The embedded CCEM service (src-ccem), or null (`startCcem: null`, or an explicit `ccemUrl`). */
  readonly ccem: RunningCcemService | null;
  /** What `GET /api/state` returns. */
  state(): LabState;
  /** The topology's demo phones, each with its own cluster's TFTP server first. */
  defaultPhones(): PhoneLaunch[];
  stop(): Promise<void>;
}

export interface StartLabOptions {
  /** A topology file path or a parsed topology; default: the embedded `assets/default-topology.json`. */
  readonly topology?: string | Topology;
  /** Where each cluster keeps `<id>.sqlite`; null = memory only; default `.lab-data` in the working directory. */
  readonly dataDir?: string | null;
  /** Bind every server to this address instead of the topology's hosts. */
  readonly host?: string;
  /** Bind every server to an ephemeral port. */
  readonly ephemeralPorts?: boolean;
  /**
   * Starts each cluster's SIP registrar: by default the lab's own
   * (`src-lab/sip`); `null` starts none, and `sipUrl` is then only the
   * topology's address with nothing listening.
   */
  readonly startSip?: SipServiceStarter | null;
  /** Timer for asking an Alternate File Location, ms (≤ 255, RFC 2349 range). */
  readonly alternateTimeoutMs?: number;
  /**
   * Base URL of an external CCEM service (then none is embedded); default: the
   * embedded one's `<url>/ccem/login`, else `<apiUrl>/ccem/login`.
   * Changeable later with `setCcemUrl`.
   */
  readonly ccemUrl?: string;
  /**
   * Starts the embedded CCEM service (src-ccem) over the lab's clusters, its
   * journal `ccem.sqlite` in `dataDir`, on port 8090 (0 with `ephemeralPorts`);
   * `null` starts none. Default: started, unless `ccemUrl` is given.
   */
  readonly startCcem?: { readonly port?: number; readonly options?: CcemOptions } | null;
  /** How every cluster resets phones (overrides the SIP service's own); per cluster: `setResetDeviceHook`. */
  readonly resetDevice?: (clusterId: string, deviceName: string, kind: DeviceResetKind) => Promise<unknown>;
}

/** Port of the embedded CCEM service when ports are not ephemeral. */
export const DEFAULT_CCEM_PORT = 8090;

/** The embedded default topology. */
export function defaultTopology(): Topology {
  return parseTopology(defaultTopologyJson);
}

/** Binds and releases a TCP port, for a SIP address when no registrar runs yet. */
async function reserveTcpPort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createTcpServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function withHost(topology: Topology, host: string): Topology {
  return {
    ...topology,
    api: { ...topology.api, host },
    clusters: topology.clusters.map((c) => ({
      ...c, tftp: { ...c.tftp, host }, sip: { ...c.sip, host }, admin: { ...c.admin, host },
    })),
  };
}

function parseWsUrl(url: string): { host: string; port: number; path: string } {
  const parsed = new URL(url);
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: Number(parsed.port || (parsed.protocol === 'wss:' ? 443 : 80)),
    path: parsed.pathname || '/',
  };
}

export async function startLab(options: StartLabOptions = {}): Promise<RunningLab> {
  let topology = options.topology === undefined ? defaultTopology()
    : typeof options.topology === 'string' ? loadTopologyFile(options.topology) : options.topology;
  if (options.host !== undefined) topology = withHost(topology, options.host);
  if (options.ephemeralPorts === true) topology = withEphemeralPorts(topology);
  const dataDir = options.dataDir === undefined ? join(process.cwd(), '.lab-data') : options.dataDir;
  const events = new LabEventLog();
  const startSip = options.startSip === undefined ? createSipServiceStarter() : options.startSip;
  const clusters: RunningCluster[] = [];
  const closers: (() => Promise<void>)[] = [];
  const tftpAddresses = new Map<string, HostPort>();
  let apiUrl = '';
  let ccemUrl: string | null = options.ccemUrl ?? null;
  const currentCcemUrl = (): string => ccemUrl ?? `${apiUrl}/ccem/login`;
  const people = (): DirectoryPerson[] => clusters.flatMap((c) =>
    c.database.listUsers().map((u) => ({ userId: u.userId, name: u.name, dn: u.dn, cluster: c.id })));

  const stop = async (): Promise<void> => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    closers.length = 0;
  };

  try {
    for (const spec of topology.clusters) {
      const database = await DeviceDatabase.open({ cluster: spec, file: dataDir === null ? null : join(dataDir, `${spec.id}.sqlite`) });
      closers.push(async () => database.close());

      const admin = new HttpRouter();
      const adminServer: RunningHttpServer = await startHttpServer(admin, spec.admin.host, spec.admin.port);
      closers.push(() => adminServer.close());

      let sip: ClusterSipService;
      if (startSip) {
        sip = await startSip({ spec, host: spec.sip.host, port: spec.sip.port, database, events });
      } else {
        const port = spec.sip.port === 0 ? await reserveTcpPort(spec.sip.host) : spec.sip.port;
        sip = { url: `ws://${formatHost(spec.sip.host)}:${port}${spec.sip.path === '/' ? '' : spec.sip.path}`, stop: async () => undefined };
      }
      closers.push(() => sip.stop());
      const ws = parseWsUrl(sip.url);
      const context = (): CnfClusterContext => ({
        callManagers: [{ processNodeName: ws.host, sipPort: NOMINAL_SIP_PORT, webSocketPort: ws.port, webSocketPath: ws.path }],
        adminUrl: adminServer.url,
        dateTemplate: spec.dateTemplate,
        timeZone: spec.timeZone,
      });

      const alternates = (): AlternateLocation[] => spec.tftpOptions.alternateFileLocations.flatMap((label) => {
        const address = tftpAddresses.get(label) ?? parseHostPort(label);
        return address === null || address === undefined ? [] : [{ label, address }];
      });
      const files = new ConfigFileService({
        database,
        context,
        alternates,
        cacheConfigFiles: spec.tftpOptions.cacheConfigFiles,
        fetchAlternate: (location, file) => tftpFetch(location.address, file, {
          timeoutMs: options.alternateTimeoutMs ?? 200,
          retries: 2,
          extraOptions: { [PROXIED_OPTION]: '1' },
        }),
      });
      const tftpServer: RunningTftpServer = await startTftpServer({
        clusterId: spec.id, host: spec.tftp.host, port: spec.tftp.port, files, events,
      });
      closers.push(() => tftpServer.close());
      tftpAddresses.set(spec.id, tftpServer.address);

      const sipReset = sip.resetDevice?.bind(sip);
      const labReset = options.resetDevice;
      const resetter = labReset !== undefined
        ? new DeviceResetter(spec.id, events, (name, kind) => labReset(spec.id, name, kind), 'lab-option')
        : new DeviceResetter(spec.id, events, sipReset ?? null, 'sip');
      const resetDevice = (name: string, kind: DeviceResetKind): Promise<ResetOutcome> => resetter.reset(name, kind);
      const axl = new AxlService({
        clusterId: spec.id, database, resetDevice, onEvent: (event) => events.add(event),
        passwordOf: (userId) => spec.users.find((u) => u.userId.toLowerCase() === userId.toLowerCase())?.password,
      });
      const extensionMobility = new ExtensionMobilityService({ spec, database, resetDevice, onEvent: (event) => events.add(event) });
      closers.push(async () => extensionMobility.stop());
      mountPhoneServices(admin, { spec, database, people, ccemUrl: currentCcemUrl });
      mountAxl(admin, spec, axl);
      mountEmService(admin, extensionMobility);

      const cluster: RunningCluster = {
        id: spec.id,
        name: spec.name,
        region: spec.region,
        spec,
        tftp: tftpServer.address,
        sipUrl: sip.url,
        adminUrl: adminServer.url,
        database,
        files,
        admin,
        axl,
        extensionMobility,
        isRegistered: (deviceName) => sip.isRegistered?.(deviceName) ?? false,
        resetDevice,
        setResetDeviceHook: (hook) => resetter.setHook(hook),
      };
      admin.add('GET', '/api/cluster', () => jsonReply(clusterState(cluster)));
      clusters.push(cluster);
    }

    let ccem: RunningCcemService | null = null;
    const ccemStart = options.startCcem === undefined ? (options.ccemUrl === undefined ? {} : null) : options.startCcem;
    if (ccemStart !== null) {
      ccem = await startCcemService({
        host: topology.api.host,
        port: ccemStart.port ?? (options.ephemeralPorts === true ? 0 : DEFAULT_CCEM_PORT),
        dataDir,
        ...ccemConfigFromLab({ clusters }, ccemStart.options ?? {}),
        onEvent: (event) => events.add(event),
      });
      const running = ccem;
      closers.push(() => running.stop());
      ccemUrl = `${ccem.url}/ccem/login`;
    }

    const api = new HttpRouter();
    const state = (): LabState => ({
      enterprise: topology.enterprise,
      clusters: clusters.map(clusterState),
      ccem: ccem === null ? null : { url: ccem.url, sessions: ccem.sessions() },
      events: events.recent().slice(-200),
    });
    api.add('GET', '/api/state', () => jsonReply(state()));
    api.add('GET', '/api/events', (request) => {
      const since = Number(request.url.searchParams.get('since') ?? '0');
      return jsonReply({
        last: events.lastSeq,
        events: events.since(Number.isFinite(since) ? since : 0).map((entry) => ({ seq: entry.seq, ...entry.event })),
      });
    });
    const apiServer = await startHttpServer(api, topology.api.host, topology.api.port);
    closers.push(() => apiServer.close());
    apiUrl = apiServer.url;

    return {
      apiUrl: apiServer.url,
      clusters,
      events,
      topology,
      cluster: (id) => clusters.find((c) => c.id === id),
      get ccemUrl() {
        return currentCcemUrl();
      },
      setCcemUrl: (url: string) => {
        ccemUrl = url;
      },
      ccem,
      state,
      defaultPhones: () => clusters.flatMap((own) => own.spec.devices.filter((d) => d.demo).map((device): PhoneLaunch => ({
        mac: device.name.slice(3),
        tftpServers: [own, ...clusters.filter((c) => c !== own)].map((c) => ({ host: c.tftp.host, port: c.tftp.port })),
        httpPort: 0,
        caption: device.caption ?? `${own.name} phone`,
      }))),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function clusterState(cluster: RunningCluster): ClusterState {
  return {
    id: cluster.id,
    name: cluster.name,
    region: cluster.region,
    tftp: `${formatHost(cluster.tftp.host)}:${cluster.tftp.port}`,
    sip: cluster.sipUrl,
    admin: cluster.adminUrl,
    alternateFileLocations: cluster.spec.tftpOptions.alternateFileLocations,
    cacheConfigFiles: cluster.files.cacheConfigFiles,
    devices: cluster.database.listDevices().map((device) => {
      const effective = cluster.database.getEffectiveDevice(device.name) ?? device;
      return {
        name: device.name,
        model: device.model,
        description: device.description,
        lines: effective.lines.map((line) => ({ dn: line.dn, label: line.label })),
        registered: cluster.isRegistered(device.name),
        loggedInUser: device.loggedInUser,
        temporary: device.temporary,
        demo: device.demo,
        versionStamp: device.versionStamp,
      };
    }),
    users: cluster.database.listUsers().map((user) => ({ id: user.userId, name: user.name, dn: user.dn, home: user.home })),
  };
}
