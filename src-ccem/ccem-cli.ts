/**
 * `tsx src-ccem/ccem-cli.ts --config FILE [--port N] [--host ADDR] [--data DIR | --memory]`
 *
 * Runs the CCEM service against the clusters of a config file (ccem-config.ts),
 * lab or real CUCMs, until SIGINT/SIGTERM. The first stdout line is one JSON
 * object `{"url": "http://127.0.0.1:P"}` once it listens (after recovery).
 * Exit codes: 0 clean shutdown, 2 bad arguments or config, 1 other failures.
 *
 * Test hook (crash suite): `CCEM_CRASH_AFTER_STEP=n` kills this process with
 * SIGKILL right after the n-th journal write is on disk. Read here only; the
 * service itself has no such switch.
 */
import { CcemConfigError, loadCcemConfigFile } from './ccem-config';
import { startCcemService } from './ccem-service';

const USAGE = 'usage: ccem-cli --config FILE [--port N] [--host ADDR] [--data DIR | --memory]';

interface CliOptions {
  config?: string;
  port: number;
  host: string;
  dataDir: string | null;
}

function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = { port: 0, host: '127.0.0.1', dataDir: '.ccem-data' };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    const value = (): string => {
      const next = argv[++index];
      if (next === undefined) throw new CcemConfigError(`${arg} needs a value`);
      return next;
    };
    switch (arg) {
      case '--config': options.config = value(); break;
      case '--port': {
        const port = Number(value());
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CcemConfigError('--port must be 0-65535');
        options.port = port;
        break;
      }
      case '--host': options.host = value(); break;
      case '--data': options.dataDir = value(); break;
      case '--memory': options.dataDir = null; break;
      case '--': break;
      default: throw new CcemConfigError(`unknown argument ${arg}`);
    }
  }
  if (options.config === undefined) throw new CcemConfigError('--config is required');
  return options;
}

async function main(): Promise<void> {
  let options: CliOptions;
  let config;
  try {
    options = parseArgs(process.argv.slice(2));
    config = loadCcemConfigFile(options.config ?? '');
  } catch (error) {
    process.stderr.write(`ccem: ${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  const crashAfter = Number(process.env.CCEM_CRASH_AFTER_STEP ?? '0');
  let writes = 0;
  const service = await startCcemService({
    port: options.port,
    host: options.host,
    dataDir: options.dataDir,
    clusters: config.clusters,
    ...(config.options === undefined ? {} : { options: config.options }),
    onEvent: (event) => process.stderr.write(`${JSON.stringify(event)}\n`),
    afterJournalWrite: () => {
      writes++;
      if (crashAfter > 0 && writes === crashAfter) process.kill(process.pid, 'SIGKILL');
    },
  }).catch((error: unknown) => {
    process.stderr.write(`ccem: cannot start: ${(error as Error).message}\n`);
    process.exit(1);
  });
  process.stdout.write(`${JSON.stringify({ url: service.url })}\n`);
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    void service.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

void main();
