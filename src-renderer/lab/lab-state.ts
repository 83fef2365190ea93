/**
 * The lab view's model: what the page shows of the embedded lab's
 * `GET /api/state` (src-lab/lab.ts `LabState`), read defensively because it
 * crosses a process boundary. Pure.
 */

export interface LabDeviceView {
  readonly name: string;
  readonly description: string;
  readonly dns: readonly string[];
  readonly registered: boolean;
  readonly loggedInUser: string | null;
  readonly temporary: boolean;
}

export interface LabClusterView {
  readonly id: string;
  readonly name: string;
  readonly region: string;
  readonly devices: readonly LabDeviceView[];
}

export interface LabView {
  readonly enterprise: string;
  readonly clusters: readonly LabClusterView[];
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Keeps what the view needs; anything malformed is dropped rather than shown. Null when the body is not a lab state. */
export function parseLabState(body: string): LabView | null {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  const state = json as { enterprise?: unknown; clusters?: unknown } | null;
  if (typeof state !== 'object' || state === null || !Array.isArray(state.clusters)) return null;
  const clusters = state.clusters.flatMap((entry: unknown): LabClusterView[] => {
    const cluster = entry as { id?: unknown; name?: unknown; region?: unknown; devices?: unknown } | null;
    if (typeof cluster !== 'object' || cluster === null || typeof cluster.id !== 'string') return [];
    const devices = (Array.isArray(cluster.devices) ? cluster.devices : []).flatMap((item: unknown): LabDeviceView[] => {
      const device = item as { name?: unknown; description?: unknown; lines?: unknown; registered?: unknown; loggedInUser?: unknown; temporary?: unknown } | null;
      if (typeof device !== 'object' || device === null || typeof device.name !== 'string') return [];
      const lines = Array.isArray(device.lines) ? device.lines : [];
      return [{
        name: device.name,
        description: text(device.description),
        dns: lines.flatMap((line: unknown) => {
          const dn = (line as { dn?: unknown } | null)?.dn;
          return typeof dn === 'string' ? [dn] : [];
        }),
        registered: device.registered === true,
        loggedInUser: typeof device.loggedInUser === 'string' ? device.loggedInUser : null,
        temporary: device.temporary === true,
      }];
    });
    return [{ id: cluster.id, name: text(cluster.name) || cluster.id, region: text(cluster.region), devices }];
  });
  return { enterprise: text(state.enterprise), clusters };
}

/** A test-ID-safe form of a name (`lab-device-SEP00AABB000001`). */
export function testIdPart(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}
