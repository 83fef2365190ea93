/**
 * `npm run web [-- --port N] [--host H] [--lab-data DIR | --memory] [--ephemeral] [--no-lab]`:
 * the embedded lab plus the browser shell, until SIGINT/SIGTERM.
 */
import { resolve } from 'node:path';
import { DEFAULT_MAC } from '../src-firmware/network-settings';
import { startEmbeddedLab } from './embedded-lab';
import { startWebShell } from './web-shell-server';
import { parseWebShellArgs } from './web-shell-args';

export async function runWebShell(argv: readonly string[]): Promise<void> {
  const args = parseWebShellArgs(argv);
  const dataDir = args.labData === null ? null : resolve(args.labData);
  const { lab, problem } = args.lab ? await startEmbeddedLab({ dataDir, host: args.host, ephemeralPorts: args.ephemeral }) : { lab: null, problem: 'lab off (--no-lab)' };
  if (problem) console.warn(`web shell: ${problem}`);
  const shell = await startWebShell({
    port: args.port,
    host: args.host,
    ...(lab ? { lab } : {}),
    dataDir,
    phones: [{ mac: DEFAULT_MAC, tftpServers: [], httpPort: 0 }],
    log: (text) => console.log(`web shell: ${text}`),
  });
  console.log(`Browser shell: ${shell.url}`);
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await shell.close();
    await lab?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}
