/**
 * The lab's SIP registrar (startSipServer from src-lab/sip) in a process of
 * its own, so a load generator measures it the way it measures Kamailio: the
 * server does not share the client's event loop. Every all-digit user exists
 * with the password `pw<dn>`.
 *
 *   node --import tsx testing/registrar-process.ts   → prints {"url":"ws://127.0.0.1:P"}, runs until stdin ends
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { startSipServer } from '../src-lab/sip';

export const registrarPassword = (dn: string): string => `pw${dn}`;

export interface RegistrarProcess {
  readonly url: string;
  stop(): Promise<void>;
}

export function spawnRegistrarProcess(): Promise<RegistrarProcess> {
  const root = join(import.meta.dirname, '..');
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (text) => {
      try {
        resolve({ url: (JSON.parse(text) as { url: string }).url, stop });
      } catch (error) {
        void stop();
        reject(error as Error);
      }
    });
    child.once('exit', (code) => reject(new Error(`registrar process exited with ${code}`)));
  });
}

async function main(): Promise<void> {
  const server = await startSipServer({
    clusterId: 'bench',
    credentials: { lookup: (key) => (/^\d+$/.test(key) ? { dn: key, authName: key, password: registrarPassword(key) } : null) },
  });
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  process.stdin.resume();
  process.stdin.once('end', () => {
    void server.close().then(() => process.exit(0));
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) void main();
