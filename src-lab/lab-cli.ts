/**
 * `npm run lab [-- --topology FILE] [--json] [--data DIR | --memory] [--ephemeral] [--host ADDR]`
 *
 * Runs the lab until SIGINT/SIGTERM. With `--json` the first line of stdout
 * is one JSON object `{"api", "ccem", "clusters": [{"id", "tftp", "sip", "admin"}]}`
 * (and nothing else goes to stdout before it). Exit codes: 0 after a clean
 * shutdown, 2 for bad arguments or a bad topology, 1 for any other failure.
 */
import { formatHost } from './http-router';
import { startLab, type RunningLab } from './lab';
import { TopologyError } from './topology';

interface CliOptions {
  topology?: string;
  json: boolean;
  dataDir?: string | null;
  ephemeral: boolean;
  host?: string;
}

class UsageError extends Error {}

const USAGE = 'usage: lab [--topology FILE] [--json] [--data DIR | --memory] [--ephemeral] [--host ADDR]';

function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = { json: false, ephemeral: false };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    const value = (): string => {
      const next = argv[++index];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    switch (arg) {
      case '--topology': options.topology = value(); break;
      case '--json': options.json = true; break;
      case '--data': options.dataDir = value(); break;
      case '--memory': options.dataDir = null; break;
      case '--ephemeral': options.ephemeral = true; break;
      case '--host': options.host = value(); break;
      case '--help': case '-h': process.stdout.write(`${USAGE}\n`); process.exit(0); break;
      default: throw new UsageError(`unknown argument ${arg}`);
    }
  }
  return options;
}

function summary(lab: RunningLab): string {
  const out = [`Lab "${lab.topology.enterprise}" running. State API: ${lab.apiUrl}/api/state`,
    `CCEM service: ${lab.ccemUrl}`, ''];
  for (const cluster of lab.clusters) {
    out.push(`${cluster.id} — ${cluster.name} (${cluster.region})`);
    out.push(`  TFTP  ${formatHost(cluster.tftp.host)}:${cluster.tftp.port}   alternates: ${cluster.spec.tftpOptions.alternateFileLocations.join(', ') || '-'}   caching: ${cluster.files.cacheConfigFiles ? 'on' : 'off'}`);
    out.push(`  SIP   ${cluster.sipUrl}`);
    out.push(`  admin ${cluster.adminUrl}`);
    for (const device of cluster.database.listDevices()) {
      out.push(`  phone ${device.name}  ${device.lines.map((l) => l.dn).join(',')}  ${device.description}${device.demo ? '  [demo]' : ''}`);
    }
    for (const user of cluster.database.listUsers()) {
      out.push(`  user  ${user.userId.padEnd(8)} PIN ${user.pin.padEnd(6)} DN ${user.dn}  ${user.name}`);
    }
    out.push('');
  }
  out.push('Ctrl-C stops the lab.');
  return out.join('\n');
}

async function main(): Promise<void> {
  let options: CliOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`lab: ${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  let lab: RunningLab;
  try {
    lab = await startLab({
      ...(options.topology === undefined ? {} : { topology: options.topology }),
      ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
      ...(options.host === undefined ? {} : { host: options.host }),
      ephemeralPorts: options.ephemeral,
    });
  } catch (error) {
    if (error instanceof TopologyError) {
      process.stderr.write(`lab: invalid topology: ${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`lab: cannot start: ${(error as Error).message}\n`);
    process.exit(1);
  }
  if (options.json) {
    process.stdout.write(`${JSON.stringify({
      api: lab.apiUrl,
      ccem: lab.ccem?.url ?? null,
      clusters: lab.clusters.map((c) => ({ id: c.id, tftp: `${formatHost(c.tftp.host)}:${c.tftp.port}`, sip: c.sipUrl, admin: c.adminUrl })),
    })}\n`);
  } else {
    process.stdout.write(`${summary(lab)}\n`);
  }
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    void lab.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

void main();
