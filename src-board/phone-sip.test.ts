import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLab, type RunningLab } from '../src-lab/lab';
import { createSipServiceStarter, type LabSipService } from '../src-lab/sip';
import { Phone } from '../src-firmware/phone';
import type { FirmwareEvent } from '../src-firmware/board';
import { clusterOf } from '../testing/lab-clusters';
import { waitUntil } from '../testing/wait-until';
import { LabPhone, startLabWithSip } from '../testing/lab-phones';
import { MemoryStorage } from './file-storage';
import { createNodeBoard } from './node-board';

const FAST_REGISTRATION = { expires: 600, retryDelaysMs: [200, 400], rejectedRetryMs: 5000, primaryProbeMs: 300 };

describe('a phone registering its lines with the lab\'s call managers over WebSocket', () => {
  let lab: RunningLab;
  let phone: Phone;
  let events: FirmwareEvent[];
  const sipServices = new Map<string, LabSipService>();

  beforeEach(async () => {
    const starter = createSipServiceStarter();
    lab = await startLab({
      ephemeralPorts: true, dataDir: null,
      startSip: async (context) => {
        const service = (await starter(context)) as LabSipService;
        sipServices.set(context.spec.id, service);
        return service;
      },
    });
    events = [];
    phone = new Phone(createNodeBoard({ storage: new MemoryStorage(), emit: (event) => events.push(event) }),
      { mac: '00AABB000002', tftpServers: [clusterOf(lab, 'branch').tftp], alternateTftp: false, httpPort: 0 },
      { registrationPolicy: FAST_REGISTRATION });
    await phone.start();
  });

  afterEach(async () => {
    phone.stop();
    await lab.stop();
  });

  it('registers with digest credentials from its cnf.xml and shows the line registered', async () => {
    await waitUntil(() => events.find((event) => event.type === 'registered'), 5000, 'a registered event');
    expect(events.find((event) => event.type === 'registered')).toMatchObject({ dn: '2000', registrar: expect.stringContaining('ws://127.0.0.1:') });
    expect(phone.getSnapshot().lines[0]?.icon).toBe('line-idle');
    expect(phone.getSnapshot().prompt).toBe('');
    await waitUntil(() => lab.state().clusters.find((cluster) => cluster.id === 'branch')?.devices.find((device) => device.name === 'SEP00AABB000002')?.registered, 3000, 'the lab to see the device registered');
  });

  it('obeys a restart NOTIFY that quotes its REGISTER Call-ID: unregisters, fetches its config again and registers again', async () => {
    await waitUntil(() => events.find((event) => event.type === 'registered'), 5000, 'registration');
    const tftpBefore = events.filter((event) => event.type === 'tftp').length;
    expect(await sipServices.get('branch')?.resetDevice('SEP00AABB000002', 'restart')).toBe(200);
    await waitUntil(() => events.some((event) => event.type === 'restart' && event.kind === 'restart'), 5000, 'the phone to restart');
    await waitUntil(() => events.filter((event) => event.type === 'registered').length >= 2, 5000, 'registration after restart');
    expect(events.filter((event) => event.type === 'tftp').length).toBeGreaterThan(tftpBefore);
    expect(events.some((event) => event.type === 'unregistered' && event.dn === '2000')).toBe(true);
  });
});

describe('a reset reaches the device it names, even when phones share a DN', () => {
  it('restarts only the phone whose +sip.instance carries the device\'s MAC', async () => {
    const { lab, sip } = await startLabWithSip();
    const hq = clusterOf(lab, 'hq');
    const desk = new LabPhone(lab, '00AABB000003', 'hq');
    const hotDesk = new LabPhone(lab, '00AABB000001', 'hq');
    try {
      await desk.boot();
      hq.database.login('SEP00AABB000001', 'alice');
      await hotDesk.boot();
      expect(hotDesk.phone.getRegistrations()[0]?.dn).toBe('1001');
      expect(desk.phone.getRegistrations()[0]?.dn).toBe('1001');
      expect(await sip.get('hq')?.resetDevice('SEP00AABB000001', 'restart')).toBe(200);
      await waitUntil(() => hotDesk.events.some((event) => event.type === 'restart'), 5000, 'the hot-desk phone to restart');
      expect(desk.events.some((event) => event.type === 'restart')).toBe(false);
      expect(await sip.get('hq')?.resetDevice('SEP00AABB000003', 'restart')).toBe(200);
      await waitUntil(() => desk.events.some((event) => event.type === 'restart'), 5000, 'the desk phone to restart');
    } finally {
      desk.stop();
      hotDesk.stop();
      await lab.stop();
    }
  });
});
