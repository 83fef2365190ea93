/**
 * Lab TFTP server throughput: config-file fetches per second with the `tftp`
 * package client, one at a time and 8 at once, beside tftpd-hpa
 * (`in.tftpd -L -a 127.0.0.1:PORT -s DIR`) serving the same bytes in the same
 * run. Loopback only; bounded loops.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLab } from '../src-lab/lab';
import { tftpFetch } from '../src-lab/tftp-fetch';
import type { HostPort } from '../src-lab/topology';
import { clusterOf } from '../testing/lab-clusters';
import { IN_TFTPD, hasTftpdHpa, startTftpdHpa, type RunningTftpd } from '../testing/tftpd-hpa';
import type { BenchRow, BenchSection } from './bench-report';

const FILE = 'SEP00AABB000001.cnf.xml';
const SEQUENTIAL_FETCHES = 300;
const CONCURRENT_FETCHES = 800;
const CONCURRENCY = 8;

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

export async function benchTftp(): Promise<BenchSection> {
  const notes: string[] = [];
  const lab = await startLab({ dataDir: null, ephemeralPorts: true });
  const dir = mkdtempSync(join(tmpdir(), 'bench-tftpd-'));
  let peer: RunningTftpd | null = null;
  try {
    const hq = clusterOf(lab, 'hq');
    const file = hq.files.buildLocal(FILE);
    if (!file) throw new Error(`the lab does not build ${FILE}`);
    writeFileSync(join(dir, FILE), file, { mode: 0o644 });
    if (hasTftpdHpa()) {
      peer = await startTftpdHpa(dir).catch((error: Error) => {
        notes.push(`tftpd-hpa peer skipped: ${error.message}`);
        return null;
      });
    } else {
      notes.push(`tftpd-hpa peer skipped: ${IN_TFTPD} missing (apt-get install tftpd-hpa)`);
    }
    const peerAddress: HostPort | null = peer ? { host: '127.0.0.1', port: peer.port } : null;
    await fetchOnce(hq.tftp);
    const rows: BenchRow[] = [];
    const measure = async (name: string, rate: (server: HostPort) => Promise<number>): Promise<void> => {
      const value = await rate(hq.tftp);
      if (peerAddress === null) {
        rows.push({ name, value, unit: 'fetches/s' });
        return;
      }
      const peerValue = await rate(peerAddress);
      rows.push({ name, value, unit: 'fetches/s', peer: { name: 'tftpd-hpa', value: peerValue }, ratio: value / peerValue });
    };
    await measure(`lab TFTP, ${FILE} (${file.length} B), sequential`, sequentialRate);
    await measure(`lab TFTP, ${FILE}, ${CONCURRENCY} concurrent`, concurrentRate);
    return { title: 'TFTP config-file fetches (tftp npm client, loopback)', rows, notes };
  } finally {
    await peer?.stop();
    await lab.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
