import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionState, type Invitation } from 'sip.js';
import { startLab, type RunningLab } from '../lab';
import { createSipServiceStarter, derivedRoutePatterns, type LabSipService } from './cluster-sip-service';
import { parseServiceControlBody } from './service-control';
import { installNodeWebSocket, TestPhone, waitFor } from './testing/sip-test-phone';

describe('the default lab with its SIP call managers plugged in', () => {
  let lab: RunningLab;
  const services = new Map<string, LabSipService>();
  const phones: TestPhone[] = [];

  beforeAll(async () => {
    installNodeWebSocket();
    const starter = createSipServiceStarter();
    lab = await startLab({
      dataDir: null,
      ephemeralPorts: true,
      startSip: async (context) => {
        const service = (await starter(context)) as LabSipService;
        services.set(context.spec.id, service);
        return service;
      },
    });
  });

  afterAll(async () => {
    await Promise.all(phones.map((p) => p.stop().catch(() => undefined)));
    await lab?.stop();
  });

  async function phone(cluster: string, dn: string, password: string): Promise<TestPhone> {
    const p = new TestPhone({ server: lab.cluster(cluster)!.sipUrl, dn, password, domain: `${cluster}.lab` });
    phones.push(p);
    await p.start();
    expect((await p.register()).status).toBe(200);
    return p;
  }

  it('derives 1XXX → hq and 2XXX → branch from the topology', () => {
    expect(derivedRoutePatterns(lab.cluster('hq')!.spec)).toEqual([{ pattern: '1XXX', cluster: 'hq' }]);
    expect(derivedRoutePatterns(lab.cluster('branch')!.spec)).toEqual([{ pattern: '2XXX', cluster: 'branch' }]);
  });

  it('registers lines with the device database credentials and shows them in /api/state', async () => {
    await phone('hq', '1001', 'hq1001');
    expect(lab.cluster('hq')!.isRegistered('SEP00AABB000003')).toBe(true);
    expect(lab.cluster('hq')!.isRegistered('SEP00AABB000005')).toBe(false);
    const state = lab.state();
    expect(state.events.some((e) => e.type === 'sip' && e['kind'] === 'register' && e['dn'] === '1001')).toBe(true);
    const device = state.clusters.find((c) => c.id === 'hq')?.devices.find((d) => d.name === 'SEP00AABB000003');
    expect(device?.registered).toBe(true);
  });

  it('calls from HQ 1001 to branch 2001 over the trunk', async () => {
    const alice = phones[0] ?? await phone('hq', '1001', 'hq1001');
    const chen = await phone('branch', '2001', 'br2001');
    chen.onInvite = (invitation: Invitation) => void invitation.accept();
    const inviter = alice.inviter('2001');
    await inviter.invite();
    await waitFor(() => inviter.state === SessionState.Established, 3000, 'established call');
    await inviter.bye();
    await waitFor(() => chen.invitations[0]?.state === SessionState.Terminated, 2000, 'hang up');
  });

  it('restarts a device: the NOTIFY carries its REGISTER Call-ID and the device versionStamp', async () => {
    const bob = new TestPhone({ server: lab.cluster('hq')!.sipUrl, dn: '1002', password: 'hq1002' });
    phones.push(bob);
    await bob.start();
    const { callId } = await bob.register();
    const status = await services.get('hq')!.resetDevice('SEP00AABB000005', 'restart');
    expect(status).toBe(200);
    const body = parseServiceControlBody(bob.notifications.at(-1)!.request.body);
    expect(body['RegisterCallId']).toBe(callId);
    expect(body['ConfigVersionStamp']).toBe(lab.cluster('hq')!.database.getDevice('SEP00AABB000005')!.versionStamp);
  });
});
