import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTopology, startLab, type RunningLab } from './lab';
import { rawTftpRequest } from './testing/raw-tftp-client';
import { tftpFetch } from './tftp-fetch';
import type { TftpEvent } from './lab-events';

const run = promisify(execFile);

function which(binary: string): boolean {
  return ['/usr/bin', '/usr/sbin', '/bin', '/sbin', '/usr/local/bin'].some((dir) => existsSync(join(dir, binary)));
}

const HAVE_TFTP_HPA = which('tftp');
const HAVE_ATFTP = which('atftp');
if (!HAVE_TFTP_HPA) console.log('SKIP tftp-hpa interop: /usr/bin/tftp missing (apt-get install tftp-hpa)');
if (!HAVE_ATFTP) console.log('SKIP atftp interop: /usr/bin/atftp missing (apt-get install atftp)');

function tftpEvents(lab: RunningLab, file: string): TftpEvent[] {
  return lab.events.recent().filter((event): event is TftpEvent & typeof event => event.type === 'tftp' && event.file === file) as unknown as TftpEvent[];
}

describe('a cluster TFTP server', () => {
  let lab: RunningLab;
  beforeAll(async () => {
    lab = await startLab({ dataDir: null, ephemeralPorts: true, alternateTimeoutMs: 100 });
  });
  afterAll(async () => {
    await lab.stop();
  });
  const hq = (): RunningLab['clusters'][number] => lab.cluster('hq')!;

  it('serves SEP<MAC>.cnf.xml for its own devices, matching the MAC case-insensitively', async () => {
    for (const name of ['SEP00AABB000001.cnf.xml', 'sep00aabb000001.cnf.xml', 'SEP00aaBB000001.CNF.XML']) {
      const result = await tftpFetch(hq().tftp, name);
      expect(result.outcome, name).toBe('ok');
      if (result.outcome !== 'ok') continue;
      const xml = result.data.toString('utf8');
      expect(xml).toContain('<name>1000</name>');
      expect(xml).toContain(`<sipWebSocketPort>${new URL(hq().sipUrl).port}</sipWebSocketPort>`);
      expect(xml).toContain(`<servicesURL>${hq().adminUrl}/ccmcip/getservicesmenu.jsp</servicesURL>`);
    }
    const served = tftpEvents(lab, 'sep00aabb000001.cnf.xml');
    await expect.poll(() => tftpEvents(lab, 'sep00aabb000001.cnf.xml').length).toBe(1);
    expect(served.length <= 1).toBe(true);
    const [event] = tftpEvents(lab, 'sep00aabb000001.cnf.xml');
    expect(event).toMatchObject({ cluster: 'hq', outcome: 'served', source: 'local' });
    expect(event!.bytes).toBeGreaterThan(1000);
  });

  it('serves XMLDefault.cnf.xml with the call-manager group and the 7960 load', async () => {
    const result = await tftpFetch(hq().tftp, 'XMLDefault.cnf.xml');
    expect(result.outcome).toBe('ok');
    if (result.outcome !== 'ok') return;
    const xml = result.data.toString('utf8');
    expect(xml).toMatch(/<Default>[\s\S]*<callManagerGroup>[\s\S]*<\/Default>/);
    expect(xml).toContain('<loadInformation7 model="Cisco 7960">');
  });

  it('answers ERROR 1 for CTL, ITL and locale files, as a non-secure cluster does', async () => {
    for (const name of ['CTLSEP00AABB000001.tlv', 'ITLSEP00AABB000001.tlv', 'English_United_States/7960-font.xml']) {
      const result = await rawTftpRequest(hq().tftp, { file: name });
      expect(result.error, name).toEqual({ code: 1, message: 'File not found' });
    }
  });

  it('finds a device of another cluster through Alternate File Location 1', async () => {
    const result = await tftpFetch(hq().tftp, 'SEP00AABB000002.cnf.xml');
    expect(result.outcome).toBe('ok');
    if (result.outcome !== 'ok') return;
    expect(result.data.equals(lab.cluster('branch')!.files.buildLocal('SEP00AABB000002.cnf.xml')!)).toBe(true);
    await expect.poll(() => tftpEvents(lab, 'SEP00AABB000002.cnf.xml').map((e) => `${e.cluster}:${e.outcome}:${e.source}`).sort())
      .toEqual(['branch:served:local', 'hq:served:alternate:branch']);
  });

  it('answers ERROR 1 when no alternate has the file, and two clusters listing each other do not loop', async () => {
    const started = Date.now();
    const result = await rawTftpRequest(hq().tftp, { file: 'SEP0000DEADBEEF.cnf.xml' });
    expect(result.error?.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(1000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const events = tftpEvents(lab, 'SEP0000DEADBEEF.cnf.xml');
    expect(events.map((e) => `${e.cluster}:${e.outcome}`).sort()).toEqual(['branch:not-found', 'hq:not-found']);
  });

  it('refuses names that reach outside its files, and NUL inside a name, with ERROR 2', async () => {
    for (const name of ['../etc/passwd', '/etc/passwd', 'SEP00AABB000001.cnf.xml/../x', 'a\\SEP00AABB000001.cnf.xml', 'C:SEP.cnf.xml', '..']) {
      const result = await rawTftpRequest(hq().tftp, { file: name });
      expect(result.error?.code, name).toBe(2);
    }
    const nul = Buffer.from('\0\x01SEP00AABB000001.cnf.xml\0x\0octet\0', 'latin1');
    expect((await rawTftpRequest(hq().tftp, { file: '', packet: nul })).error?.code).toBe(2);
    expect(tftpEvents(lab, '../etc/passwd')[0]).toMatchObject({ outcome: 'refused', cluster: 'hq' });
  });

  it('is read-only: a write request gets ERROR 2', async () => {
    const result = await rawTftpRequest(hq().tftp, { opcode: 2, file: 'SEP00AABB000001.cnf.xml', options: { tsize: '10' } });
    expect(result.error).toEqual({ code: 2, message: 'Access violation' });
  });

  it('negotiates blksize, tsize and windowsize (RFC 2347–2349, 7440)', async () => {
    const expected = hq().files.buildLocal('SEP00AABB000001.cnf.xml')!;
    const result = await rawTftpRequest(hq().tftp, { file: 'SEP00AABB000001.cnf.xml', options: { blksize: '1024', tsize: '0', windowsize: '4' } });
    expect(result.oack).toEqual({ blksize: '1024', tsize: String(expected.length), windowsize: '4' });
    expect(result.data.equals(expected)).toBe(true);
    expect(result.blockSizes.slice(0, 4)).toEqual([1024, 1024, 1024, 1024]);
    expect(result.acked.slice(0, 2)).toEqual([0, 4]);
    const clamped = await rawTftpRequest(hq().tftp, { file: 'SEP00AABB000001.cnf.xml', options: { blksize: '65464' } });
    expect(clamped.oack).toEqual({ blksize: '1468' });
    const plain = await rawTftpRequest(hq().tftp, { file: 'SEP00AABB000001.cnf.xml' });
    expect(plain.oack).toBeUndefined();
    expect(plain.blockSizes[0]).toBe(512);
    expect(plain.data.equals(expected)).toBe(true);
  });

  it.skipIf(!HAVE_TFTP_HPA)('serves tftp-hpa (octet and netascii) the same bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-tftp-hpa-'));
    try {
      const expected = hq().files.buildLocal('SEP00AABB000003.cnf.xml')!;
      for (const mode of ['binary', 'ascii']) {
        const local = join(dir, `${mode}.xml`);
        await run('tftp', ['-m', mode, hq().tftp.host, String(hq().tftp.port), '-c', 'get', 'SEP00AABB000003.cnf.xml', local], { timeout: 5000 });
        expect(readFileSync(local).equals(expected), mode).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!HAVE_ATFTP)('serves atftp negotiating blksize 1024, tsize and windowsize 4', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-atftp-'));
    try {
      const local = join(dir, 'a.xml');
      const { stdout, stderr } = await run('atftp', [
        '--trace', '--option', 'blksize 1024', '--option', 'tsize 0', '--option', 'windowsize 4',
        '--get', '-r', 'SEP00AABB000005.cnf.xml', '-l', local, hq().tftp.host, String(hq().tftp.port),
      ], { timeout: 5000 });
      const trace = stdout + stderr;
      const expected = hq().files.buildLocal('SEP00AABB000005.cnf.xml')!;
      expect(trace).toMatch(/received OACK <[^>]*tsize: (\d+)/);
      expect(trace).toContain(`tsize: ${expected.length}`);
      expect(trace).toMatch(/OACK <[^>]*blksize: 1024/);
      expect(trace).toMatch(/OACK <[^>]*windowsize: 4/);
      expect(readFileSync(local).equals(expected)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Enable Caching of Configuration Files', () => {
  async function renameScenario(cache: boolean): Promise<{ oldName: string; newName: string; oldServedFrom: string[] }> {
    const base = defaultTopology();
    const topology = {
      ...base,
      clusters: base.clusters.map((c) => ({ ...c, tftpOptions: { alternateFileLocations: [], cacheConfigFiles: cache } })),
    };
    const lab = await startLab({ topology, dataDir: null, ephemeralPorts: true });
    try {
      const hq = lab.cluster('hq')!;
      const before = await rawTftpRequest(hq.tftp, { file: 'SEP00AABB000003.cnf.xml' });
      expect(before.error).toBeUndefined();
      hq.database.updateDevice('SEP00AABB000003', { newName: 'SEPCCCABB000003' });
      const oldAfter = await rawTftpRequest(hq.tftp, { file: 'SEP00AABB000003.cnf.xml' });
      const newAfter = await rawTftpRequest(hq.tftp, { file: 'SEPCCCABB000003.cnf.xml' });
      expect(newAfter.error).toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const oldEvents = tftpEvents(lab, 'SEP00AABB000003.cnf.xml');
      if (cache) {
        hq.files.clearCache();
        const cleared = await rawTftpRequest(hq.tftp, { file: 'SEP00AABB000003.cnf.xml' });
        expect(cleared.error?.code).toBe(1);
      }
      return {
        oldName: oldAfter.error ? `error ${oldAfter.error.code}` : 'served',
        newName: 'served',
        oldServedFrom: oldEvents.filter((e) => e.outcome === 'served').map((e) => String(e.source)),
      };
    } finally {
      await lab.stop();
    }
  }

  it('off (the default): a renamed device is served under its new name at once, the old name is gone', async () => {
    expect(await renameScenario(false)).toEqual({ oldName: 'error 1', newName: 'served', oldServedFrom: ['local'] });
  });

  it('on: the first generated copy is served until the cache is cleared', async () => {
    expect(await renameScenario(true)).toEqual({ oldName: 'served', newName: 'served', oldServedFrom: ['local', 'cache'] });
  });
});
