/**
 * Hand-written `SEP<MAC>.cnf.xml` files for phones that boot from a plain
 * TFTP folder (tftpd-hpa) instead of the lab: any call-manager list (ports
 * where nothing listens, Kamailio, a registrar started by the test) and any
 * line credentials (a wrong password). Built with the lab's pure cnf.xml
 * writer, so the element names are the ones the firmware reads.
 */
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { buildDeviceCnfXml, NOMINAL_SIP_PORT } from '../src-lab/cnf-xml';

export interface HandWrittenLine {
  readonly dn: string;
  /** Default: the DN. */
  readonly authName?: string;
  /** Default: '' (a registrar without authentication). */
  readonly authPassword?: string;
}

export interface HandWrittenCnf {
  readonly mac: string;
  readonly lines: readonly HandWrittenLine[];
  /** Call managers, priority 0 first: SIP over WebSocket ports on 127.0.0.1. */
  readonly webSocketPorts: readonly number[];
  readonly webSocketPath?: string;
}

export function handWrittenCnfXml(cnf: HandWrittenCnf): string {
  return buildDeviceCnfXml({
    name: `SEP${cnf.mac}`,
    model: 'Cisco 7960',
    description: 'hand-written for a test',
    versionStamp: '1000000000-00000000-0000-0000-0000-000000000001',
    loggedInUser: null,
    lines: cnf.lines.map((line, index) => ({
      button: index + 1,
      dn: line.dn,
      label: line.dn,
      displayName: `Line ${line.dn}`,
      authName: line.authName ?? line.dn,
      authPassword: line.authPassword ?? '',
    })),
    speedDials: [],
    services: [],
  }, {
    callManagers: cnf.webSocketPorts.map((port) => ({
      processNodeName: '127.0.0.1', sipPort: NOMINAL_SIP_PORT, webSocketPort: port, webSocketPath: cnf.webSocketPath ?? '/',
    })),
    adminUrl: 'http://127.0.0.1:9',
    dateTemplate: 'D/M/Y',
    timeZone: 'UTC',
  });
}

/** Writes `SEP<MAC>.cnf.xml` into a folder tftpd-hpa serves (world-readable). */
export function writeHandWrittenCnf(folder: string, cnf: HandWrittenCnf): string {
  const file = join(folder, `SEP${cnf.mac}.cnf.xml`);
  writeFileSync(file, handWrittenCnfXml(cnf), { mode: 0o644 });
  return file;
}

/** A TCP port on 127.0.0.1 that was free a moment ago: a call manager where nothing listens (yet). */
export function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
