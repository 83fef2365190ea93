/**
 * Plugs the SIP server into the lab's clusters (`startLab({ startSip })`,
 * src-lab/lab.ts): credentials come from the cluster's device database, events
 * go to the lab's event log, trunks and route patterns are shared between the
 * clusters started by the same starter.
 *
 * Route patterns default to one per (first digit, length) of every DN a
 * cluster's topology names (device lines, users, device profiles), e.g. `1XXX`
 * → hq and `2XXX` → branch for the default topology.
 */
import type { DeviceDatabase } from '../device-database';
import type { ClusterSipService, SipServiceStarter, SipStartContext } from '../lab';
import type { ClusterSpec, LineSpec } from '../topology';
import type { SipClock } from './clock';
import type { Binding, CredentialSource, LineCredentials } from './registrar';
import type { RoutePattern } from './route-pattern';
import { NotRegisteredError, type ServiceControlAction } from './service-control';
import { startSipServer, type SipServer } from './sip-ws-server';

/** What the starter returns: the lab's `ClusterSipService` plus the call manager's own verbs. */
export interface LabSipService extends ClusterSipService {
  readonly server: SipServer;
  /** True when any line of the device (as it is now, with an EM profile if logged in) is registered. */
  isRegistered(deviceName: string): boolean;
  /**
   * Resets or restarts a device (cisco-reference.md §6.1): a service-control
   * NOTIFY with the device's versionStamp to its primary registered line —
   * the lines it had before its latest line-changing update (EM login/logout)
   * first, then its current ones.
   * Resolves with the phone's status; rejects with `NotRegisteredError` when no line is registered.
   */
  resetDevice(deviceName: string, action: ServiceControlAction): Promise<number>;
}

export interface SipServiceStarterOptions {
  /** Overrides the derived route patterns. */
  readonly routes?: readonly RoutePattern[];
  readonly clock?: SipClock;
  readonly minExpires?: number;
  readonly maxExpires?: number;
}

/** Line credentials of a cluster's device database: effective device lines first, then users' profile lines. */
export function deviceDatabaseCredentials(database: DeviceDatabase): CredentialSource {
  return {
    lookup(key) {
      const lines: LineSpec[] = [];
      for (const device of database.listDevices()) lines.push(...(database.getEffectiveDevice(device.name)?.lines ?? []));
      for (const user of database.listUsers()) lines.push(...user.profile.lines);
      const line = lines.find((l) => l.dn === key || (l.authName || l.dn) === key);
      return line ? toCredentials(line) : null;
    },
  };
}

function toCredentials(line: LineSpec): LineCredentials {
  return { dn: line.dn, authName: line.authName || line.dn, password: line.authPassword };
}

/** One `<digit>X…X` pattern per first digit and length of the cluster's DNs. */
export function derivedRoutePatterns(spec: ClusterSpec): RoutePattern[] {
  const dns = new Set<string>();
  for (const device of spec.devices) for (const line of device.lines) dns.add(line.dn);
  for (const user of spec.users) {
    dns.add(user.dn);
    for (const line of user.deviceProfile.lines) dns.add(line.dn);
  }
  const patterns = new Set<string>();
  for (const dn of dns) if (/^[0-9]+$/.test(dn)) patterns.add(dn[0] + 'X'.repeat(dn.length - 1));
  return [...patterns].sort().map((pattern) => ({ pattern, cluster: spec.id }));
}

/** A starter for `startLab({ startSip })`; clusters started through the same one can call each other. */
export function createSipServiceStarter(options: SipServiceStarterOptions = {}): SipServiceStarter {
  const clusters = new Map<string, { url: string; patterns: RoutePattern[] }>();
  let routes: readonly RoutePattern[] = [];
  const rebuildRoutes = (): void => {
    routes = options.routes ?? [...clusters.values()].flatMap((c) => c.patterns);
  };

  return async (context: SipStartContext): Promise<LabSipService> => {
    const { spec, database, events } = context;
    const server = await startSipServer({
      clusterId: spec.id,
      host: context.host,
      port: context.port,
      credentials: deviceDatabaseCredentials(database),
      routes: () => routes,
      trunks: (clusterId) => clusters.get(clusterId)?.url,
      onEvent: (event) => events.add(event),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.minExpires !== undefined ? { minExpires: options.minExpires } : {}),
      ...(options.maxExpires !== undefined ? { maxExpires: options.maxExpires } : {}),
    });
    clusters.set(spec.id, { url: server.url, patterns: derivedRoutePatterns(spec) });
    rebuildRoutes();

    const effectiveDns = (deviceName: string): string[] =>
      [...(database.getEffectiveDevice(deviceName)?.lines ?? [])].sort((a, b) => a.button - b.button).map((line) => line.dn);
    // A reset follows the database change it announces (an EM login swaps the
    // device's lines for the profile's, a logout swaps them back), while the
    // phone is still registered with the lines it had before. So each device
    // (by uuid, kept across renames) remembers its lines before the latest
    // change that altered them, and a reset looks there first.
    const currentDns = new Map<string, string[]>();
    const previousDns = new Map<string, string[]>();
    for (const device of database.listDevices()) currentDns.set(device.uuid, effectiveDns(device.name));
    const unsubscribe = database.onChange((deviceName) => {
      if (deviceName === null) return;
      const device = database.getDevice(deviceName);
      if (device === null) return;
      const now = effectiveDns(device.name);
      const before = currentDns.get(device.uuid);
      if (before !== undefined && before.join(',') !== now.join(',')) previousDns.set(device.uuid, before);
      currentDns.set(device.uuid, now);
    });
    const bindingsOf = (dns: readonly string[]): Binding[] => {
      const all = server.registrations();
      return dns.flatMap((dn) => all.filter((b) => b.dn === dn).sort((a, b) => b.registeredAt - a.registeredAt));
    };
    const bindingsOfDevice = (deviceName: string): Binding[] => bindingsOf(effectiveDns(deviceName));
    /**
     * The bindings a reset of this device should reach: by its lines' DNs, and
     * among those the ones whose `+sip.instance` names this device's MAC (as
     * Cisco phones announce it) when any do — so another phone sharing a DN is
     * not restarted too. A renamed device (SEPCCC…) matches no MAC and falls
     * back to its DNs.
     */
    const resetTargets = (deviceName: string): Binding[] => {
      const device = database.getDevice(deviceName);
      if (device === null) return [];
      const candidates = bindingsOf([...(previousDns.get(device.uuid) ?? []), ...effectiveDns(device.name)]);
      const mac = /^SEP([0-9A-F]{12})$/i.exec(device.name)?.[1]?.toLowerCase();
      const own = mac ? candidates.filter((binding) => binding.instanceId?.toLowerCase().includes(mac)) : [];
      return own.length > 0 ? own : candidates;
    };

    return {
      url: spec.sip.path && spec.sip.path !== '/' ? `${server.url}${spec.sip.path}` : server.url,
      server,
      isRegistered: (deviceName) => bindingsOfDevice(deviceName).length > 0,
      async resetDevice(deviceName, action) {
        const binding = resetTargets(deviceName)[0];
        if (!binding) throw new NotRegisteredError(deviceName);
        const stamp = database.getDevice(deviceName)?.versionStamp ?? '0';
        return server.serviceControl(binding, action, stamp);
      },
      async stop() {
        unsubscribe();
        clusters.delete(spec.id);
        rebuildRoutes();
        await server.close();
      },
    };
  };
}
