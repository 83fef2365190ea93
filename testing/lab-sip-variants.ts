/**
 * Labs whose call managers differ from the default starter's in one setting
 * the stories need, and a stand-in registrar for a cluster (same device
 * database credentials) started on a port of the test's choosing.
 */
import { startLab, type RunningLab } from '../src-lab/lab';
import { deviceDatabaseCredentials, derivedRoutePatterns, startSipServer, type SipServer } from '../src-lab/sip';
import type { DeviceDatabase } from '../src-lab/device-database';

export interface LabWithServers {
  readonly lab: RunningLab;
  readonly servers: ReadonlyMap<string, SipServer>;
}

/**
 * A lab whose SIP servers give up on an unanswered INVITE after
 * `inviteTimeoutMs` (Timer C; the default is 180 s): 408 to the caller,
 * CANCEL to the callee. No trunks: calls stay inside a cluster.
 */
export async function startLabWithInviteTimeout(inviteTimeoutMs: number): Promise<LabWithServers> {
  const servers = new Map<string, SipServer>();
  const lab = await startLab({
    ephemeralPorts: true,
    dataDir: null,
    startSip: async (context) => {
      const server = await startSipServer({
        clusterId: context.spec.id,
        host: context.host,
        port: context.port,
        credentials: deviceDatabaseCredentials(context.database),
        routes: derivedRoutePatterns(context.spec),
        inviteTimeoutMs,
        onEvent: (event) => context.events.add(event),
      });
      servers.set(context.spec.id, server);
      return { url: server.url, stop: () => server.close() };
    },
  });
  return { lab, servers };
}

/** A registrar with a cluster's line credentials on `port` (a call manager coming back, or a new primary). */
export function startStandInRegistrar(clusterId: string, database: DeviceDatabase, port: number): Promise<SipServer> {
  return startSipServer({ clusterId, host: '127.0.0.1', port, credentials: deviceDatabaseCredentials(database) });
}
