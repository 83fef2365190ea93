import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Phone } from '../src-firmware/phone';
import type { FirmwareEvent } from '../src-firmware/board';
import { hasTftpdHpa, startSilentUdpServer, startTftpdHpa, type RunningTftpd } from '../testing/tftpd-hpa';
import { MemoryStorage } from './file-storage';
import { createNodeBoard } from './node-board';
import { tftpGet } from './tftp-client';

const MAC = '00AABB0000A1';
const fixture = join(import.meta.dirname, '..', 'testing', 'fixtures', `SEP${MAC}.cnf.xml`);
const missing = !hasTftpdHpa();
if (missing) console.log('SKIPPED tftpd-hpa interop: /usr/sbin/in.tftpd is missing (apt-get install tftpd-hpa)');

describe.skipIf(missing)('a phone booting from Debian\'s tftpd-hpa over real UDP', () => {
  let tftpd: RunningTftpd;
  let silent: RunningTftpd;

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'tftpd-'));
    copyFileSync(fixture, join(root, `SEP${MAC}.cnf.xml`));
    tftpd = await startTftpdHpa(root);
    silent = await startSilentUdpServer();
  });

  afterAll(async () => {
    await tftpd?.stop();
    await silent?.stop();
  });

  it('the board client gets the file byte for byte and a clean "not found" for a missing one', async () => {
    const got = await tftpGet({ host: '127.0.0.1', port: tftpd.port }, `SEP${MAC}.cnf.xml`, { timeoutMs: 1000, retries: 1 });
    expect(got.outcome).toBe('ok');
    if (got.outcome === 'ok') expect(Buffer.from(got.data).equals(Buffer.from(await import('node:fs').then((fs) => fs.readFileSync(fixture))))).toBe(true);
    const miss = await tftpGet({ host: '127.0.0.1', port: tftpd.port }, `CTLSEP${MAC}.tlv`, { timeoutMs: 1000, retries: 1 });
    expect(miss.outcome).toBe('not-found');
  });

  it('the board client reports a timeout from a server that never answers', async () => {
    const started = Date.now();
    const result = await tftpGet({ host: '127.0.0.1', port: silent.port }, 'x', { timeoutMs: 100, retries: 1 });
    expect(result.outcome).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('skips a silent first server and comes up idle with the file\'s lines', async () => {
    const events: FirmwareEvent[] = [];
    const board = createNodeBoard({ storage: new MemoryStorage(), emit: (event) => events.push(event) });
    const phone = new Phone(board, {
      mac: MAC,
      tftpServers: [{ host: '127.0.0.1', port: silent.port }, { host: '127.0.0.1', port: tftpd.port }],
      alternateTftp: false,
      httpPort: 0,
    }, { tftpPolicy: { attempts: 2, initialTimeoutMs: 100, maxTimeoutMs: 200 } });
    await phone.start();
    phone.stop();
    expect(phone.getSnapshot().state).toBe('idle');
    expect(phone.getSnapshot().lines.map((line) => line.label).slice(0, 2)).toEqual(['Alice 1001', 'Bob']);
    const tftp = events.filter((event) => event.type === 'tftp').map((event) => `${String(event.server).split(':')[1] === String(silent.port) ? 'silent' : 'tftpd'} ${event.file} ${event.outcome}`);
    expect(tftp).toEqual([
      `silent CTLSEP${MAC}.tlv timeout`, `silent CTLSEP${MAC}.tlv timeout`,
      `tftpd CTLSEP${MAC}.tlv not-found`, `tftpd SEP${MAC}.cnf.xml ok`,
    ]);
  });
});
