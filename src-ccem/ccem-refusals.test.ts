import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type RunningLab } from '../src-lab/lab';
import { clusterOf } from '../testing/lab-clusters';
import { waitUntil } from '../testing/wait-until';
import type { CcemOptions } from './ccem-config';
import { startCcemService, type RunningCcemService } from './ccem-service';
import { ccemConfigFromLab } from './lab-ccem-config';
import { ccemGet, enterpriseState, submitUrl } from './testing/ccem-lab';

const BRANCH_PHONE = 'SEP00AABB000002';
const HQ_PHONE = 'SEP00AABB000001';

let lab: RunningLab;
const services: RunningCcemService[] = [];

async function ccemWith(options: CcemOptions, tweak: (config: ReturnType<typeof ccemConfigFromLab>) => ReturnType<typeof ccemConfigFromLab> = (c) => c): Promise<RunningCcemService> {
  const config = tweak(ccemConfigFromLab(lab, options));
  const service = await startCcemService({ dataDir: null, clusters: config.clusters, options, onEvent: (event) => lab.events.add(event) });
  services.push(service);
  return service;
}

/** A loopback port nobody listens on. */
async function deadPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function submit(service: RunningCcemService, device: string, user: string, pin: string): Promise<string> {
  return (await ccemGet(submitUrl(service.url, device, user, pin))).text;
}

async function logout(service: RunningCcemService, device: string): Promise<string> {
  return (await ccemGet(`${service.url}/ccem/logout?device=${device}`)).text;
}

beforeAll(async () => {
  lab = await startLab({ ephemeralPorts: true, dataDir: null, startSip: null, startCcem: null });
});
afterAll(async () => {
  for (const service of services) await service.stop();
  await lab.stop();
});

describe('a login the CCEM service refuses changes nothing', () => {
  it('blank user ID or PIN → Login is unavailable(2); unknown user → (23); wrong PIN → Authentication Error', async () => {
    const ccem = await ccemWith({});
    const before = enterpriseState(lab);
    expect(await submit(ccem, BRANCH_PHONE, '', '12345')).toBe('Login is unavailable(2)');
    expect(await submit(ccem, BRANCH_PHONE, 'alice', '')).toBe('Login is unavailable(2)');
    expect(await submit(ccem, BRANCH_PHONE, 'mallory', '11111')).toBe('Login is unavailable(23)');
    expect(await submit(ccem, BRANCH_PHONE, 'alice', '99999')).toBe('Authentication Error');
    expect(enterpriseState(lab)).toBe(before);
    expect(ccem.sessions()).toEqual([]);
    const logged = JSON.stringify(lab.events.recent());
    expect(logged).not.toContain('99999');
    expect(logged).not.toContain('12345');
  });

  it('5 wrong PINs in a row lock the user, even against the right PIN, until the lock time is over', async () => {
    const ccem = await ccemWith({ lockout: { maxFailures: 5, lockMs: 400 } });
    for (let attempt = 1; attempt <= 5; attempt++) expect(await submit(ccem, BRANCH_PHONE, 'bob', '00000')).toBe('Authentication Error');
    const locked = await submit(ccem, BRANCH_PHONE, 'bob', '23456');
    expect(locked).toMatch(/^Login is unavailable\(4\)\nUser locked/);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(await submit(ccem, BRANCH_PHONE, 'bob', '23456')).toBe('Login successful');
    expect(await logout(ccem, BRANCH_PHONE)).toBe('Logout successful');
  });

  it('a SEPCCC name that already exists in the visiting cluster is refused with 37 before anything changes', async () => {
    const ccem = await ccemWith({});
    const branch = clusterOf(lab, 'branch');
    branch.database.addDevice({ name: 'SEPCCCABB000002', model: 'Cisco 7960' });
    try {
      const before = enterpriseState(lab);
      expect(await submit(ccem, BRANCH_PHONE, 'alice', '12345')).toBe('Login is unavailable(37)\nSEPCCCABB000002 already exists in branch');
      expect(enterpriseState(lab)).toBe(before);
    } finally {
      branch.database.removeDevice('SEPCCCABB000002');
    }
  });

  it('an unreachable EM service in the home cluster mid-login: every step already taken is undone', async () => {
    const port = await deadPort();
    const ccem = await ccemWith({}, (config) => ({
      ...config,
      clusters: config.clusters.map((c) => (c.id === 'hq' ? { ...c, emUrl: `http://127.0.0.1:${port}/emservice/EMServiceServlet` } : c)),
    }));
    const before = enterpriseState(lab);
    expect(await submit(ccem, BRANCH_PHONE, 'alice', '12345')).toMatch(/^Login is unavailable\(0\)/);
    expect(enterpriseState(lab)).toBe(before);
    const steps = lab.events.recent().filter((e) => e.type === 'ccem' && e.outcome === 'undone').map((e) => e.step);
    expect(steps.slice(-2)).toEqual(['rename-away', 'add-temporary']);
    expect(ccem.sessions()).toEqual([]);
  });

  it('an EM fault mid-login (the home cluster refuses a second login with 25) is undone and shown with its code', async () => {
    const ccem = await ccemWith({ multipleLoginBehavior: 'allowed' });
    const hq = clusterOf(lab, 'hq');
    hq.database.login('SEP00AABB000003', 'alice');
    try {
      const before = enterpriseState(lab);
      expect(await submit(ccem, BRANCH_PHONE, 'alice', '12345')).toMatch(/^Login is unavailable\(25\)/);
      expect(enterpriseState(lab)).toBe(before);
    } finally {
      hq.database.logout('SEP00AABB000003');
    }
  });
});

describe('multiple login behaviour', () => {
  it('not-allowed (default): a second login of the same user → Login is unavailable(25)', async () => {
    const ccem = await ccemWith({});
    expect(await submit(ccem, HQ_PHONE, 'chen', '54321')).toBe('Login successful');
    expect(await submit(ccem, BRANCH_PHONE, 'chen', '54321')).toMatch(/^Login is unavailable\(25\)/);
    expect(ccem.sessions().map((s) => s.device)).toEqual([HQ_PHONE]);
    expect(await logout(ccem, HQ_PHONE)).toBe('Logout successful');
    expect(clusterOf(lab, 'branch').database.getDevice(HQ_PHONE)).toBeNull();
  });

  it('auto-logout: the older login is logged out fully first', async () => {
    const ccem = await ccemWith({ multipleLoginBehavior: 'auto-logout' });
    expect(await submit(ccem, HQ_PHONE, 'chen', '54321')).toBe('Login successful');
    expect(clusterOf(lab, 'hq').database.getDevice('SEPCCCABB000001')).not.toBeNull();
    expect(await submit(ccem, BRANCH_PHONE, 'chen', '54321')).toBe('Login successful');
    expect(ccem.sessions().map((s) => s.device)).toEqual([BRANCH_PHONE]);
    expect(clusterOf(lab, 'hq').database.getDevice('SEPCCCABB000001')).toBeNull();
    expect(clusterOf(lab, 'hq').database.getDevice(HQ_PHONE)?.loggedInUser).toBeNull();
    expect(clusterOf(lab, 'branch').database.getDevice(BRANCH_PHONE)?.loggedInUser).toBe('chen');
    expect(await logout(ccem, BRANCH_PHONE)).toBe('Logout successful');
  });

  it('allowed: both logins stand (the home cluster allowing it too)', async () => {
    const ccem = await ccemWith({ multipleLoginBehavior: 'allowed' });
    const branch = clusterOf(lab, 'branch');
    branch.extensionMobility.multipleLoginBehavior = 'allowed';
    try {
      expect(await submit(ccem, HQ_PHONE, 'devi', '65432')).toBe('Login successful');
      expect(await submit(ccem, BRANCH_PHONE, 'devi', '65432')).toBe('Login successful');
      expect(ccem.sessions().map((s) => s.device).sort()).toEqual([HQ_PHONE, BRANCH_PHONE]);
      expect(await logout(ccem, HQ_PHONE)).toBe('Logout successful');
      expect(await logout(ccem, BRANCH_PHONE)).toBe('Logout successful');
    } finally {
      branch.extensionMobility.multipleLoginBehavior = 'not-allowed';
    }
  });
});

describe('maximum login time', () => {
  it('logs the user out automatically and leaves nothing behind', async () => {
    const ccem = await ccemWith({ maxLoginMs: 300 });
    const before = enterpriseState(lab);
    expect(await submit(ccem, BRANCH_PHONE, 'alice', '12345')).toBe('Login successful');
    expect(ccem.sessions()[0]?.expires).not.toBeNull();
    await waitUntil(() => ccem.sessions().length === 0, 3000, 'the automatic logout');
    expect(enterpriseState(lab)).toBe(before);
    expect(await logout(ccem, BRANCH_PHONE)).toBe('Logout is unavailable(19)');
  });
});
