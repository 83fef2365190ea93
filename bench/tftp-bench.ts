/**
 * Lab TFTP server throughput: config-file fetches per second with the `tftp`
 * package client, one at a time and 8 at once, beside tftpd-hpa
 * (`in.tftpd -L -a 127.0.0.1:PORT -s DIR`) serving the same bytes in the same
 * run. Loopback only; bounded loops.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLab } from '../src-lab/lab';
import { tftpFetch } from '../src-lab/tftp-fetch';
import type { HostPort } from '../src-lab/topology';
import type { BenchRow, BenchSection } from './bench-report';

const FILE = 'SEP00AABB000001.cnf.xml';
const SEQUENTIAL_FETCHES = 300;
const CONCURRENT_FETCHES = 800;
const CONCURRENCY = 8;
const IN_TFTPD = '/usr/sbin/in.tftpd';

async function fetchOnce(server: HostPort): Promise<void> {
  // timeout ≤ 255: the package sends it as the RFC 2349 option (environment.md).
  const result = await tftpFetch(server, FILE, { timeoutMs: 250, retries: 3 });
  if (result.outcome !== 'ok') throw new Error(`fetch from ${server.host}:${server.port}: ${result.outcome}`);
}

async function sequentialRate(server: HostPort): Promise<number> {
  const started = performance.now();
  for (let index = 0; index < SEQUENTIAL_FETCHES; index++) await fetchOnce(server);
  return SEQUENTIAL_FETCHES / ((performance.now() - started) / 1000);
}

async function concurrentRate(server: HostPort): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < CONCURRENT_FETCHES) {
      next++;
      await fetchOnce(server);
    }
  }));
  return CONCURRENT_FETCHES / ((performance.now() - started) / 1000);
}

async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(resolve));
  return port;
}

async function startTftpdHpa(dir: string): Promise<{ address: HostPort; process: ChildProcess }> {
  const port = await freeUdpPort();
  const child = spawn(IN_TFTPD, ['-L', '-a', `127.0.0.1:${port}`, '-s', dir], { stdio: 'ignore' });
  const address = { host: '127.0.0.1', port };
  for (let attempt = 0; attempt < 50; attempt++) {
    if ((await tftpFetch(address, FILE, { timeoutMs: 50, retries: 0 })).outcome === 'ok') return { address, process: child };
    if (child.exitCode !== null) break;
  }
  child.kill();
  throw new Error('in.tftpd did not start');
}

export async function benchTftp(): Promise<BenchSection> {
  const notes: string[] = [];
  const lab = await startLab({ dataDir: null, ephemeralPorts: true });
  const dir = mkdtempSync(join(tmpdir(), 'bench-tftpd-'));
  let peer: { address: HostPort; process: ChildProcess } | null = null;
  try {
    const hq = lab.cluster('hq')!;
    writeFileSync(join(dir, FILE), hq.files.buildLocal(FILE)!, { mode: 0o644 });
    // in.tftpd drops root for the `tftp` user, which must be able to read the file.
    chmodSync(dir, 0o755);
    if (existsSync(IN_TFTPD)) {
      peer = await startTftpdHpa(dir).catch((error: Error) => {
        notes.push(`tftpd-hpa peer skipped: ${error.message}`);
        return null;
      });
    } else {
      notes.push(`tftpd-hpa peer skipped: ${IN_TFTPD} missing (apt-get install tftpd-hpa)`);
    }
    await fetchOnce(hq.tftp);
    const rows: BenchRow[] = [];
    const measure = async (name: string, rate: (server: HostPort) => Promise<number>): Promise<void> => {
      const value = await rate(hq.tftp);
      if (peer === null) {
        rows.push({ name, value, unit: 'fetches/s' });
        return;
      }
      const peerValue = await rate(peer.address);
      rows.push({ name, value, unit: 'fetches/s', peer: { name: 'tftpd-hpa', value: peerValue }, ratio: value / peerValue });
    };
    await measure(`lab TFTP, ${FILE} (${hq.files.buildLocal(FILE)!.length} B), sequential`, sequentialRate);
    await measure(`lab TFTP, ${FILE}, ${CONCURRENCY} concurrent`, concurrentRate);
    return { title: 'TFTP config-file fetches (tftp npm client, loopback)', rows, notes };
  } finally {
    peer?.process.kill();
    await lab.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
