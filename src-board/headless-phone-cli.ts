/**
 * The headless phone: one emulated 7960 with no UI, driven over stdio.
 *
 *   npm run phone -- --mac 00AABB000002 --tftp 127.0.0.1:6969[,HOST:PORT…] [--http-port N] [--settings FILE]
 *
 * With `--http-port` (0 picks a free port) the phone's own web server runs in
 * the same process: /CGI/Execute, /CGI/Screenshot, /DeviceInformationX.
 *
 * Prints one JSON object per line (`http`, `tftp`, `config`, `state`,
 * `error`, `restart`, `snapshot`, …) and reads commands from standard input:
 * `press <key>` (handset key names: `services`, `softkey-1`, `5`, `nav-down`,
 * or Cisco names such as `Key:Soft1`), `snapshot`, `restart`, `reset`, `quit`.
 * It runs until `quit` or the end of its input.
 */
import { createInterface } from 'node:readline';
import { Phone } from '../src-firmware/phone';
import {
  DEFAULT_MAC, InvalidSettingError, parseHttpPort, parseMac, parseTftpServerList, type NetworkSettings,
} from '../src-firmware/network-settings';
import type { FirmwareEvent } from '../src-firmware/board';
import { createNodeBoard } from './node-board';
import { FileStorage, MemoryStorage } from './file-storage';
import { snapshotLine } from './snapshot-line';
import { localPhoneTarget, startPhoneWebServer, type RunningPhoneWebServer } from './phone-web-server';

interface CliOptions {
  readonly settings: NetworkSettings;
  readonly settingsFile: string | null;
  readonly httpPortGiven: boolean;
}

const USAGE = 'usage: npm run phone -- --mac 00AABB000002 --tftp HOST:PORT[,HOST:PORT…] [--http-port N] [--settings FILE]';

function parseArguments(argv: readonly string[]): CliOptions {
  let mac = DEFAULT_MAC;
  let tftp = '';
  let httpPort = 0;
  let settingsFile: string | null = null;
  let httpPortGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new InvalidSettingError(flag ?? '', `${flag} needs a value`);
      return next;
    };
    if (flag === '--mac') mac = parseMac(value());
    else if (flag === '--tftp') tftp = value();
    else if (flag === '--http-port') {
      httpPort = parseHttpPort(value());
      httpPortGiven = true;
    }
    else if (flag === '--settings') settingsFile = value();
    else if (flag === '--help' || flag === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else throw new InvalidSettingError(flag ?? '', `unknown option ${flag}`);
  }
  const tftpServers = parseTftpServerList(tftp);
  return { settings: { mac, tftpServers, alternateTftp: tftpServers.length > 0, httpPort }, settingsFile, httpPortGiven };
}

function print(event: FirmwareEvent | Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

async function main(): Promise<void> {
  let options: CliOptions;
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`phone: ${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  const storage = options.settingsFile ? new FileStorage(options.settingsFile) : new MemoryStorage();
  const board = createNodeBoard({ storage, emit: print });
  const phone = new Phone(board, options.settings);

  let web: RunningPhoneWebServer | null = null;
  if (options.httpPortGiven) {
    try {
      web = await startPhoneWebServer(localPhoneTarget(phone), { port: options.settings.httpPort });
      print({ type: 'http', url: web.url, port: web.port });
    } catch (error) {
      process.stderr.write(`phone: cannot serve HTTP on port ${options.settings.httpPort}: ${(error as Error).message}\n`);
      process.exit(2);
    }
  }

  let quitting = false;
  const quit = (): void => {
    if (quitting) return;
    quitting = true;
    phone.stop();
    void (web?.close() ?? Promise.resolve()).finally(() => process.exit(0));
  };

  const input = createInterface({ input: process.stdin, terminal: false });
  input.on('line', (line) => {
    const [command = '', ...rest] = line.trim().split(/\s+/);
    const argument = rest.join(' ');
    switch (command.toLowerCase()) {
      case '':
        return;
      case 'press':
        if (!phone.pressControl(argument)) print({ type: 'error', message: `unknown key "${argument}"` });
        return;
      case 'snapshot':
        print(snapshotLine(phone.getSnapshot()));
        return;
      case 'restart':
      case 'reset':
        void phone.restart(command.toLowerCase() as 'restart' | 'reset');
        return;
      case 'quit':
      case 'exit':
        quit();
        return;
      default:
        print({ type: 'error', message: `unknown command "${command}" (press <key> | snapshot | restart | reset | quit)` });
    }
  });
  input.on('close', quit);
  process.on('SIGINT', quit);
  process.on('SIGTERM', quit);

  await phone.start();
}

void main();
