import { describe, expect, it } from 'vitest';
import defaultTopologyJson from '../assets/default-topology.json';
import { parseTopology } from './topology';

function withCluster(patch: (cluster: Record<string, unknown>) => void): unknown {
  const copy = JSON.parse(JSON.stringify(defaultTopologyJson)) as { clusters: Record<string, unknown>[] };
  patch(copy.clusters[0]!);
  return copy;
}

describe('cluster settings for the services, AXL and EM', () => {
  it('default to ccmadmin/cisco, not-allowed, no extra services, and each user password to the PIN', () => {
    const bare = withCluster((c) => {
      delete c.appUser;
      delete c.extensionMobility;
      delete c.phoneServices;
    });
    const hq = parseTopology(bare).clusters[0]!;
    expect(hq.appUser).toEqual({ id: 'ccmadmin', password: 'cisco' });
    expect(hq.extensionMobility).toEqual({ multipleLoginBehavior: 'not-allowed' });
    expect(hq.phoneServices).toEqual([]);
    expect(hq.users.map((u) => [u.userId, u.password])).toEqual([['alice', '12345'], ['bob', '23456']]);
  });

  it('refuses an unknown Multiple Login Behavior and a service URL that is not http(s) or {admin}', () => {
    expect(() => parseTopology(withCluster((c) => { c.extensionMobility = { multipleLoginBehavior: 'sometimes' }; })))
      .toThrow(/clusters\[0\]\.extensionMobility\.multipleLoginBehavior: must be one of not-allowed, auto-logout, allowed/);
    expect(() => parseTopology(withCluster((c) => { c.phoneServices = [{ name: 'X', url: 'ftp://x' }]; })))
      .toThrow(/clusters\[0\]\.phoneServices\[0\]\.url/);
  });
});
