/**
 * Cold boot of a headless phone: power-on (a new Phone with empty flash) to
 * idle, over real UDP on loopback, 200 boots each from the lab's TFTP server
 * and from tftpd-hpa serving the same cnf.xml in the same run.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLab } from '../src-lab/lab';
import { tftpFetch } from '../src-lab/tftp-fetch';
import { Phone } from '../src-firmware/phone';
import type { TftpServerAddress } from '../src-firmware/board';
import { MemoryStorage } from '../src-board/file-storage';
import { createNodeBoard } from '../src-board/node-board';
import { hasTftpdHpa, startTftpdHpa } from '../testing/tftpd-hpa';
import { clusterOf } from '../testing/lab-clusters';
import type { BenchRow, BenchSection } from './bench-report';
import { percentile } from './statistics';

const BOOTS = 200;
const MAC = '00AABB000002';

async function bootTimes(server: TftpServerAddress): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < BOOTS; index++) {
    const phone = new Phone(createNodeBoard({ storage: new MemoryStorage() }), { mac: MAC, tftpServers: [server], alternateTftp: false, httpPort: 0 });
    const started = performance.now();
    await phone.start();
    const elapsed = performance.now() - started;
    if (phone.getSnapshot().state !== 'idle') throw new Error(`boot ${index} ended in ${phone.getSnapshot().state}: ${phone.getSnapshot().prompt}`);
    phone.stop();
    times.push(elapsed);
  }
  return times;
}

export async function benchBoot(): Promise<BenchSection> {
  const lab = await startLab({ ephemeralPorts: true, dataDir: null });
  const notes: string[] = [];
  try {
    const server = clusterOf(lab, 'branch').tftp;
    const fromLab = await bootTimes(server);
    let peer: number[] | null = null;
    if (hasTftpdHpa()) {
      const root = mkdtempSync(join(tmpdir(), 'boot-bench-'));
      const file = await tftpFetch(server, `SEP${MAC}.cnf.xml`, { timeoutMs: 250, retries: 3 });
      if (file.outcome !== 'ok') throw new Error('could not read the cnf.xml to serve from tftpd-hpa');
      writeFileSync(join(root, `SEP${MAC}.cnf.xml`), file.data);
      const tftpd = await startTftpdHpa(root);
      try {
        peer = await bootTimes({ host: '127.0.0.1', port: tftpd.port });
      } finally {
        await tftpd.stop();
      }
    } else {
      notes.push('tftpd-hpa peer skipped: /usr/sbin/in.tftpd is missing (apt-get install tftpd-hpa)');
    }
    const row = (name: string, p: number): BenchRow => {
      const value = percentile(fromLab, p);
      const peerValue = peer ? percentile(peer, p) : undefined;
      return {
        name, value, unit: 'ms',
        ...(peerValue !== undefined ? { peer: { name: 'boot from tftpd-hpa', value: peerValue }, ratio: value / peerValue } : {}),
      };
    };
    return {
      title: `Cold boot, power-on to idle (headless, ${BOOTS} boots, lab TFTP vs tftpd-hpa)`,
      rows: [row('median boot', 50), row('p99 boot', 99)],
      notes,
    };
  } finally {
    await lab.stop();
  }
}
