import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { installNodeWebSocket, TestPhone, waitFor } from './testing/sip-test-phone';
import { memoryCredentials, startTestCluster, type TestCluster } from './testing/lab-fixtures';
import { ManualClock } from './testing/manual-clock';

const LINES = [
  { dn: '1001', authName: 'alice', password: 'alice-secret' },
  { dn: '1002', authName: '1002', password: 'bob-secret' },
];

describe('a phone registers its line with the HQ call manager', () => {
  let cluster: TestCluster;
  const phones: TestPhone[] = [];

  beforeAll(() => installNodeWebSocket());

  afterEach(async () => {
    await Promise.all(phones.splice(0).map((p) => p.stop().catch(() => undefined)));
    await cluster?.server.close();
  });

  async function phone(dn: string, authName: string, password: string, expires = 600): Promise<TestPhone> {
    const p = new TestPhone({ server: cluster.server.url, dn, authName, password, expires });
    phones.push(p);
    await p.start();
    return p;
  }

  it('registers with the right digest credentials, keeping the REGISTER Call-ID and connection', async () => {
    cluster = await startTestCluster({ clusterId: 'hq', credentials: memoryCredentials(LINES) });
    const alice = await phone('1001', 'alice', 'alice-secret');
    const outcome = await alice.register();
    expect(outcome.status).toBe(200);
    expect(alice.registered).toBe(true);
    expect(cluster.server.isRegistered('1001')).toBe(true);
    const [binding] = cluster.server.registrations();
    expect(binding).toMatchObject({ dn: '1001', callId: outcome.callId });
    expect(binding?.contact).toMatch(/\.invalid/);
    expect(outcome.contactExpires).toMatch(/expires=600/);
    await cluster.waitForEvent((e) => e.kind === 'register' && e.dn === '1001', 'register event');
  });

  it('refuses a wrong password with 403 after the 401 challenge, and the phone stays unregistered', async () => {
    cluster = await startTestCluster({ clusterId: 'hq', credentials: memoryCredentials(LINES) });
    const mallory = await phone('1001', 'alice', 'wrong');
    const outcome = await mallory.register();
    expect(outcome.status).toBe(403);
    expect(mallory.registered).toBe(false);
    expect(cluster.server.isRegistered('1001')).toBe(false);
    await cluster.waitForEvent((e) => e.kind === 'error' && e.dn === '1001' && e.status === 403, 'rejection event');
  });

  it('refuses an unknown user and a user registering someone else\'s line', async () => {
    cluster = await startTestCluster({ clusterId: 'hq', credentials: memoryCredentials(LINES) });
    const stranger = await phone('1001', 'nobody', 'x');
    expect((await stranger.register()).status).toBe(403);
    const bob = await phone('1001', '1002', 'bob-secret');
    expect((await bob.register()).status).toBe(403);
  });

  it('refreshes on re-REGISTER and removes the binding on unregister', async () => {
    cluster = await startTestCluster({ clusterId: 'hq', credentials: memoryCredentials(LINES) });
    const bob = await phone('1002', '1002', 'bob-secret');
    const first = await bob.register();
    const second = await bob.register();
    expect(second.status).toBe(200);
    expect(second.callId).toBe(first.callId);
    expect(cluster.server.registrations()).toHaveLength(1);
    await cluster.waitForEvent((e) => e.kind === 'register' && e.refresh, 'refresh event');
    expect(await bob.unregister()).toBe(200);
    expect(cluster.server.isRegistered('1002')).toBe(false);
    await cluster.waitForEvent((e) => e.kind === 'unregister' && e.dn === '1002' && e.reason === 'request', 'unregister event');
  });

  it('answers 423 with Min-Expires for too short an interval, and sip.js retries with it', async () => {
    cluster = await startTestCluster({ clusterId: 'hq', credentials: memoryCredentials(LINES), minExpires: 120 });
    const bob = await phone('1002', '1002', 'bob-secret', 60);
    await bob.registerer.register();
    await waitFor(() => bob.registered, 2000, 'registration after 423');
    const binding = cluster.server.registrations()[0];
    expect(binding && Math.round((binding.expiresAt - Date.now()) / 1000)).toBeGreaterThanOrEqual(119);
  });

  it('lets a binding expire when the phone stops refreshing it', async () => {
    const clock = new ManualClock(Date.now());
    cluster = await startTestCluster({ clusterId: 'hq', credentials: memoryCredentials(LINES), clock, minExpires: 30 });
    const bob = await phone('1002', '1002', 'bob-secret', 60);
    await bob.register();
    expect(cluster.server.isRegistered('1002')).toBe(true);
    clock.advance(59_000);
    expect(cluster.server.isRegistered('1002')).toBe(true);
    clock.advance(2_000);
    expect(cluster.server.isRegistered('1002')).toBe(false);
    await cluster.waitForEvent((e) => e.kind === 'expired' && e.dn === '1002', 'expired event');
  });

  it('drops the bindings of a connection that closes', async () => {
    cluster = await startTestCluster({ clusterId: 'hq', credentials: memoryCredentials(LINES) });
    const bob = new TestPhone({ server: cluster.server.url, dn: '1002', password: 'bob-secret' });
    await bob.start();
    await bob.register();
    await bob.ua.transport.disconnect();
    await waitFor(() => !cluster.server.isRegistered('1002'), 2000, 'binding removal');
    await cluster.waitForEvent((e) => e.kind === 'unregister' && e.reason === 'flow-closed', 'flow-closed event');
    await bob.stop().catch(() => undefined);
  });
});
