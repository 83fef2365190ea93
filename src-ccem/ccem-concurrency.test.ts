import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import defaultTopologyJson from '../assets/default-topology.json';
import { startLab, type RunningLab } from '../src-lab/lab';
import { parseTopology } from '../src-lab/topology';
import { clusterOf } from '../testing/lab-clusters';
import { ccemGet, submitUrl } from './testing/ccem-lab';

const COUNT = 20;

function hex(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}

/** The default topology plus 20 phones in branch (SEP00AACC0000xx) and 20 users in hq (user01…user20). */
function crowdTopology(): unknown {
  const json = structuredClone(defaultTopologyJson) as { clusters: { id: string; devices: unknown[]; users: unknown[] }[] };
  const hq = json.clusters.find((c) => c.id === 'hq')!;
  const branch = json.clusters.find((c) => c.id === 'branch')!;
  for (let i = 1; i <= COUNT; i++) {
    const dn = String(3000 + i);
    const line = { button: 1, dn, label: `User ${i}`, displayName: `User ${i}`, authName: dn, authPassword: `pw${dn}` };
    hq.users.push({ userId: `user${String(i).padStart(2, '0')}`, pin: String(10000 + i), name: `User ${i}`, dn, deviceProfile: { name: `UDP-${i}`, lines: [line] } });
    const branchDn = String(2100 + i);
    branch.devices.push({
      name: `SEP00AACC0000${hex(i)}`, model: 'Cisco 7960', description: `crowd phone ${i}`,
      lines: [{ button: 1, dn: branchDn, label: branchDn, displayName: branchDn, authName: branchDn, authPassword: `pw${branchDn}` }],
    });
  }
  return json;
}

let lab: RunningLab;

beforeAll(async () => {
  lab = await startLab({ topology: parseTopology(crowdTopology()), ephemeralPorts: true, dataDir: null, startSip: null });
});
afterAll(async () => {
  await lab.stop();
});

describe('20 users log in and out concurrently on 20 phones', () => {
  it('ends consistent: every login made and undone, nothing orphaned or left renamed', async () => {
    const ccem = lab.ccem!;
    const pairs = Array.from({ length: COUNT }, (_, index) => ({
      device: `SEP00AACC0000${hex(index + 1)}`, user: `user${String(index + 1).padStart(2, '0')}`, pin: String(10001 + index),
    }));
    const logins = await Promise.all(pairs.map((p) => ccemGet(submitUrl(ccem.url, p.device, p.user, p.pin))));
    expect(logins.map((l) => l.text)).toEqual(pairs.map(() => 'Login successful'));
    expect(ccem.sessions()).toHaveLength(COUNT);
    const hq = clusterOf(lab, 'hq');
    const branch = clusterOf(lab, 'branch');
    expect(hq.database.listDevices().filter((d) => d.temporary)).toHaveLength(COUNT);
    expect(branch.database.listDevices().filter((d) => d.name.startsWith('SEPCCC'))).toHaveLength(COUNT);
    for (const p of pairs) expect(hq.database.getDevice(p.device)?.loggedInUser).toBe(p.user);

    const logouts = await Promise.all(pairs.map((p) => ccemGet(`${ccem.url}/ccem/logout?device=${p.device}`)));
    expect(logouts.map((l) => l.text)).toEqual(pairs.map(() => 'Logout successful'));
    expect(ccem.sessions()).toEqual([]);
    expect(hq.database.listDevices().filter((d) => d.temporary)).toEqual([]);
    expect(branch.database.listDevices().filter((d) => d.name.startsWith('SEPCCC'))).toEqual([]);
    for (const p of pairs) expect(branch.database.getDevice(p.device)).not.toBeNull();
  }, 60_000);

  it('the same user racing onto two phones gets exactly one login (not-allowed)', async () => {
    const ccem = lab.ccem!;
    const answers = await Promise.all(['SEP00AACC000001', 'SEP00AACC000002'].map((device) =>
      ccemGet(submitUrl(ccem.url, device, 'user01', '10001'))));
    expect(answers.map((a) => a.text.split('\n')[0]).sort()).toEqual(['Login is unavailable(25)', 'Login successful']);
    const session = ccem.sessions()[0]!;
    expect((await ccemGet(`${ccem.url}/ccem/logout?device=${session.device}`)).text).toBe('Logout successful');
  });
});
