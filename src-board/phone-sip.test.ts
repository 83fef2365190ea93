import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLab, type RunningLab } from '../src-lab/lab';
import { createSipServiceStarter, type LabSipService } from '../src-lab/sip';
import { Phone } from '../src-firmware/phone';
import type { FirmwareEvent } from '../src-firmware/board';
import { clusterOf } from '../testing/lab-clusters';
import { waitUntil } from '../testing/wait-until';
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
