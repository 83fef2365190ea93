import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type RunningLab } from '../src-lab/lab';
import { Phone } from '../src-firmware/phone';
import type { TftpServerAddress } from '../src-firmware/board';
import { startSilentUdpServer, type RunningTftpd } from '../testing/tftpd-hpa';
import { waitUntil } from '../testing/wait-until';
import { clusterOf } from '../testing/lab-clusters';
import { MemoryStorage } from './file-storage';
import { createNodeBoard } from './node-board';
import type { FirmwareEvent } from '../src-firmware/board';

/** Boots a headless phone (real Node board, real UDP) and returns it with its events. */
async function bootPhone(mac: string, servers: TftpServerAddress[]): Promise<{ phone: Phone; events: FirmwareEvent[] }> {
  const events: FirmwareEvent[] = [];
  const phone = new Phone(createNodeBoard({ storage: new MemoryStorage(), emit: (event) => events.push(event) }),
    { mac, tftpServers: servers, alternateTftp: false, httpPort: 0 },
    { tftpPolicy: { attempts: 2, initialTimeoutMs: 150, maxTimeoutMs: 300 }, retryDelaysMs: [60_000] });
  await phone.start();
  phone.stop();
  return { phone, events };
}

describe('phones booting from the lab\'s clusters over real UDP', () => {
  let lab: RunningLab;
  let hq: TftpServerAddress;
  let branch: TftpServerAddress;
  let silent: RunningTftpd;

  beforeAll(async () => {
    lab = await startLab({ ephemeralPorts: true, dataDir: null });
    hq = clusterOf(lab, 'hq').tftp;
    branch = clusterOf(lab, 'branch').tftp;
    silent = await startSilentUdpServer();
  });

  afterAll(async () => {
    await lab?.stop();
    await silent?.stop();
  });

  it('a branch phone boots from its own cluster and shows its lines', async () => {
    const { phone, events } = await bootPhone('00AABB000002', [branch]);
    expect(phone.getSnapshot().state).toBe('idle');
    expect(phone.getSnapshot().header.label).toContain('2000');
    expect(phone.getSnapshot().lines[0]?.label).toBe('Branch Hot Desk');
    expect(events.find((event) => event.type === 'config')).toMatchObject({ lines: [{ button: 1, kind: 'line', dn: '2000' }, {}, {}, {}] });
    const config = events.find((event) => event.type === 'config') as { callManagers: { webSocketUrl?: string }[] } | undefined;
    expect(config?.callManagers[0]?.webSocketUrl).toBe(clusterOf(lab, 'branch').sipUrl.replace(/\/?$/, '/'));
  });

  it('a phone whose file lives in hq is served by the branch TFTP through its alternate file location', async () => {
    const { phone, events } = await bootPhone('00AABB000001', [branch]);
    expect(phone.getSnapshot().state).toBe('idle');
    expect(phone.getSnapshot().header.label).toContain('1000');
    expect(events.find((event) => event.type === 'config')).toMatchObject({ source: { server: `${branch.host}:${branch.port}`, file: 'SEP00AABB000001.cnf.xml' } });
    await waitUntil(() => lab.state().events.some((event) => event.type === 'tftp' && event.file === 'SEP00AABB000001.cnf.xml' &&
      event.cluster === 'branch' && event.source === 'alternate:hq'), 5000, 'the branch TFTP to log a file served from hq');
  });

  it('falls back to the second TFTP server when the first does not answer', async () => {
    const { phone, events } = await bootPhone('00AABB000002', [{ host: '127.0.0.1', port: silent.port }, branch]);
    expect(phone.getSnapshot().state).toBe('idle');
    expect(events.filter((event) => event.type === 'tftp' && event.outcome === 'timeout').length).toBeGreaterThan(0);
  });

  it('a phone no cluster knows gets XMLDefault.cnf.xml', async () => {
    const { phone } = await bootPhone('00AABB0000FF', [hq]);
    expect(phone.getConfig()?.kind).toBe('default');
    expect(phone.getSnapshot().state).toBe('idle');
  });

  it('nothing found anywhere gives the error screen', async () => {
    const { phone } = await bootPhone('00AABB0000FF', [{ host: '127.0.0.1', port: silent.port }]);
    expect(phone.getSnapshot().state).toBe('error');
    expect(phone.getSnapshot().prompt).toBe('TFTP Timeout');
    expect(phone.getSnapshot().body.rows.map((row) => row.text)).toContain('TFTP Timeout');
  });
});
