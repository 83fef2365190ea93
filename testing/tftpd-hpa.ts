/**
 * Debian's tftpd-hpa as a real peer for interop tests and the benchmark:
 * started in the foreground on a free loopback port, serving one folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { chmodSync, existsSync } from 'node:fs';

export const IN_TFTPD = '/usr/sbin/in.tftpd';

export function hasTftpdHpa(): boolean {
  return existsSync(IN_TFTPD);
}

/** A UDP port that was free a moment ago. */
export function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

export interface RunningTftpd {
  readonly port: number;
  stop(): Promise<void>;
}

/** Serves `root`, which must be world-readable: in.tftpd drops to an unprivileged user. */
export async function startTftpdHpa(root: string): Promise<RunningTftpd> {
  chmodSync(root, 0o755);
  const port = await freeUdpPort();
  const child: ChildProcess = spawn(IN_TFTPD, ['-L', '-a', `127.0.0.1:${port}`, '-s', root], { stdio: 'ignore' });
  await waitForUdpService(port);
  return {
    port,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

/** Waits until something holds the port (a bind to it fails). */
async function waitForUdpService(port: number): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const taken = await new Promise<boolean>((resolve) => {
      const probe = createSocket('udp4');
      probe.once('error', () => resolve(true));
      probe.bind(port, '127.0.0.1', () => probe.close(() => resolve(false)));
    });
    if (taken) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`tftpd-hpa did not bind 127.0.0.1:${port}`);
}

/** A UDP socket that swallows every request: a TFTP server that never answers. */
export async function startSilentUdpServer(): Promise<RunningTftpd> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  return { port: socket.address().port, stop: () => new Promise((resolve) => socket.close(() => resolve())) };
}
