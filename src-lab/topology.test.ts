import { describe, expect, it } from 'vitest';
import defaultTopologyJson from '../assets/default-topology.json';
import { parseTopology, TopologyError } from './topology';

function withCluster(patch: (cluster: Record<string, unknown>) => void): unknown {
  const copy = JSON.parse(JSON.stringify(defaultTopologyJson)) as { clusters: Record<string, unknown>[] };
  patch(copy.clusters[0]!);
  return copy;
}

describe('the topology file', () => {
  it('the embedded default has hq and branch with demo phones 00AABB000001 and 00AABB000002', () => {
    const topology = parseTopology(defaultTopologyJson);
    expect(topology.clusters.map((c) => c.id)).toEqual(['hq', 'branch']);
    expect(topology.clusters.flatMap((c) => c.devices.filter((d) => d.demo).map((d) => d.name)))
      .toEqual(['SEP00AABB000001', 'SEP00AABB000002']);
    expect(topology.clusters[0]!.tftpOptions).toEqual({ alternateFileLocations: ['branch'], cacheConfigFiles: false });
    expect(topology.clusters[0]!.users.find((u) => u.userId === 'alice')).toMatchObject({ pin: '12345', dn: '1001', home: 'hq' });
  });

  it.each([
    ['a bad device name', (c: Record<string, unknown>) => { (c.devices as { name: string }[])[0]!.name = 'SEP12'; },
      /clusters\[0\]\.devices\[0\]\.name: "SEP12" must be SEP followed by 12 upper-case hex digits/],
    ['a port out of range', (c: Record<string, unknown>) => { c.tftp = { host: '127.0.0.1', port: 70000 }; },
      /clusters\[0\]\.tftp\.port: must be an integer port/],
    ['eleven alternate file locations', (c: Record<string, unknown>) => {
      c.tftpOptions = { alternateFileLocations: Array.from({ length: 11 }, (_, i) => `127.0.0.1:${7000 + i}`) };
    }, /at most 10 locations/],
    ['an unknown alternate', (c: Record<string, unknown>) => { c.tftpOptions = { alternateFileLocations: ['nowhere'] }; },
      /"nowhere" is neither a cluster id nor host:port/],
    ['two keys on one button', (c: Record<string, unknown>) => {
      (c.devices as { speedDials: { button: number }[] }[])[0]!.speedDials[0]!.button = 1;
    }, /button 1 is used by both lines\[0\] and speedDials\[0\]/],
    ['a duplicate port', (c: Record<string, unknown>) => { c.admin = { host: '127.0.0.1', port: 6970 }; }, /port "6970" appears twice/],
  ])('rejects %s with a message naming the path', (_what, patch, message) => {
    expect(() => parseTopology(withCluster(patch))).toThrow(TopologyError);
    expect(() => parseTopology(withCluster(patch))).toThrow(message);
  });
});
