/**
 * Debian's Kamailio as a real SIP-over-WebSocket peer for interop tests and
 * the benchmark: `testing/kamailio/kamailio-ws.cfg` with free loopback ports
 * written to a temporary folder, started in the foreground in its own
 * process group so that it and its forked children always go away.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeTcpPort } from './hand-written-cnf';
import { freeUdpPort } from './tftpd-hpa';

export const KAMAILIO = '/usr/sbin/kamailio';
const CFG_TEMPLATE = join(import.meta.dirname, 'kamailio', 'kamailio-ws.cfg');
export const KAMAILIO_INSTALL_HINT = 'apt-get install kamailio kamailio-websocket-modules';

/** The folder holding Kamailio's modules with websocket.so, or null. */
export function kamailioModuleDir(): string | null {
  const candidates = ['/usr/lib/kamailio/modules'];
  try {
    for (const entry of readdirSync('/usr/lib')) candidates.push(join('/usr/lib', entry, 'kamailio', 'modules'));
  } catch {
    // no /usr/lib: nothing to find
  }
  return candidates.find((dir) => existsSync(join(dir, 'websocket.so')) && existsSync(join(dir, 'registrar.so'))) ?? null;
}

/** Why Kamailio cannot run here, or null when it can. */
export function kamailioMissing(): string | null {
  if (!existsSync(KAMAILIO)) return `${KAMAILIO} is missing (${KAMAILIO_INSTALL_HINT})`;
  if (!kamailioModuleDir()) return `Kamailio's websocket module is missing (${KAMAILIO_INSTALL_HINT})`;
  return null;
}

export interface KamailioOptions {
  /** Static digest on REGISTER: every user's password is "secret". */
  readonly auth?: boolean;
  /** Shared memory in MB (`-m`); each WebSocket takes about 64 KB. Default 64. */
  readonly sharedMemoryMb?: number;
  readonly children?: number;
  readonly tcpChildren?: number;
}

export interface RunningKamailio {
  readonly wsPort: number;
  readonly udpPort: number;
  /** `ws://127.0.0.1:<wsPort>` */
  readonly url: string;
  /** Its stderr (log) lines so far, for failure messages. */
  readonly log: readonly string[];
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

export async function startKamailio(options: KamailioOptions = {}): Promise<RunningKamailio> {
  const missing = kamailioMissing();
  if (missing) throw new Error(missing);
  const wsPort = await freeTcpPort();
  const udpPort = await freeUdpPort();
  const folder = mkdtempSync(join(tmpdir(), 'kamailio-'));
  const cfg = join(folder, 'kamailio.cfg');
  writeFileSync(cfg, readFileSync(CFG_TEMPLATE, 'utf8')
    .replaceAll('__WS_PORT__', String(wsPort))
    .replaceAll('__UDP_PORT__', String(udpPort))
    .replaceAll('__MODULE_PATH__', `${kamailioModuleDir() ?? ''}/`)
    .replaceAll('__CHILDREN__', String(options.children ?? 2))
    .replaceAll('__TCP_CHILDREN__', String(options.tcpChildren ?? 8)));
  const args = ['-f', cfg, '-DD', '-E', '-Y', folder, '-P', join(folder, 'kamailio.pid'), '-m', String(options.sharedMemoryMb ?? 64), '-M', '8'];
  if (options.auth) args.push('-A', 'WITH_AUTH');
  const child = spawn(KAMAILIO, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  running.add(child);
  const log: string[] = [];
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    log.push(...chunk.split('\n').filter((line) => line !== ''));
    if (log.length > 2000) log.splice(0, log.length - 2000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => {
    running.delete(child);
    resolve();
  }));
  const stop = async (): Promise<void> => {
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
    rmSync(folder, { recursive: true, force: true });
  };

  const deadline = Date.now() + 10_000;
  while (!(await tcpAnswers(wsPort))) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`kamailio did not listen on 127.0.0.1:${wsPort}:\n${log.slice(-20).join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { wsPort, udpPort, url: `ws://127.0.0.1:${wsPort}`, log, stop };
}

function tcpAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
