/**
 * Binds a `ConfigFileService` to UDP: one cluster's read-only TFTP server.
 *
 * Transfers (DATA/ACK, OACK with blksize, tsize and windowsize: RFC 2347,
 * 2348, 2349, 7440) run in the `tftp` package. In front of it sits a request
 * gate on the listening socket that decides what the package never sees:
 *   - WRQ                                  → ERROR 2 Access violation
 *   - names outside the file set (`..`, absolute, `\`, control, non-ASCII)
 *                                          → ERROR 2 Access violation
 *   - an RRQ/WRQ that does not split into name, mode, option pairs (a NUL
 *     inside the name)                     → ERROR 2 Access violation
 *   - other packets on the request port, mode `mail` → ERROR 4 Illegal TFTP operation
 * The package would otherwise answer some of these with code 0 or normalise
 * `a/../b` silently. Errors for a refused request are sent from a fresh port,
 * as the server's answers to requests always are (RFC 1350 §4, TIDs).
 *
 * A request carrying the option `x-lab-proxied` comes from another cluster's
 * server looking through its Alternate File Locations; it is answered from
 * the local database only. Standard servers ignore unknown options (RFC 2347).
 *
 * Every request ends in exactly one `tftp` event.
 */
import { createSocket, type RemoteInfo } from 'node:dgram';
import * as tftp from 'tftp';
import type { ConfigFileService } from './config-file-service';
import type { LabEventLog, TftpEvent, TftpOutcome } from './lab-events';
import { decodeRequest, encodeError, OPCODE, TFTP_ERROR, toNetascii } from './tftp-packet-codec';
import { checkFileName } from './tftp-file-name';
import type { HostPort } from './topology';

/** RFC 2347 option that marks a request proxied by a lab TFTP server. */
export const PROXIED_OPTION = 'x-lab-proxied';

export interface TftpServerOptions {
  readonly clusterId: string;
  readonly host: string;
  /** 0 = ephemeral. */
  readonly port: number;
  readonly files: ConfigFileService;
  readonly events: LabEventLog;
  /** Largest blksize granted (RFC 2348); requests above it are answered with it. */
  readonly maxBlockSize?: number;
  /** Largest windowsize granted (RFC 7440). */
  readonly maxWindowSize?: number;
  /** Retransmission timer for DATA/OACK, ms. */
  readonly retransmitMs?: number;
}

export interface RunningTftpServer {
  readonly address: HostPort;
  close(): Promise<void>;
}

interface PendingRequest {
  readonly mode: string;
  readonly proxied: boolean;
}

export async function startTftpServer(options: TftpServerOptions): Promise<RunningTftpServer> {
  const pending = new Map<string, PendingRequest>();
  const emit = (fields: Omit<TftpEvent, 'type' | 'cluster' | 'at'>): void => {
    options.events.add({ type: 'tftp', cluster: options.clusterId, ...fields, at: new Date().toISOString() });
  };

  const server = tftp.createServer(
    {
      host: options.host,
      port: 69, // unused: the gate below binds the socket itself (port 0 must stay 0)
      root: '.',
      denyPUT: false,
      blockSize: options.maxBlockSize ?? 1468,
      windowSize: options.maxWindowSize ?? 16,
      retries: 3,
      timeout: options.retransmitMs ?? 1000,
    },
    (req, res) => {
      const peer = `${req.stats.remoteAddress}:${req.stats.remotePort}`;
      const request = pending.get(peer) ?? { mode: 'octet', proxied: false };
      pending.delete(peer);
      let failure: string | null = null;
      let served: { bytes: number; source: TftpEvent['source'] } | null = null;
      req.on('error', (error) => {
        failure = error.message;
      });
      req.on('close', () => {
        setImmediate(() => {
          if (served === null) return;
          if (failure === null) emit({ file: req.file, peer, outcome: 'served', source: served.source, bytes: served.bytes });
          else emit({ file: req.file, peer, outcome: 'error', source: served.source, bytes: 0, detail: failure });
        });
      });
      options.files.lookup(req.file, { proxied: request.proxied }).then(
        (lookup) => {
          if (lookup.outcome === 'not-found') {
            req.abort('File not found');
            emit({
              file: req.file, peer, outcome: 'not-found', bytes: 0,
              ...(lookup.tried.length > 0 ? { detail: `alternates tried: ${lookup.tried.join(', ')}` } : {}),
            });
            return;
          }
          const body = request.mode === 'netascii' ? toNetascii(lookup.data) : lookup.data;
          served = { bytes: body.length, source: lookup.source };
          res.setSize(body.length);
          res.end(body);
        },
        (error: Error) => {
          req.abort('I/O error');
          emit({ file: req.file, peer, outcome: 'error', bytes: 0, detail: error.message });
        },
      );
    },
  );
  server.on('error', () => undefined);

  const socket = server._socket;
  const startTransfer = socket.listeners('message')[0];
  if (startTransfer === undefined) throw new Error('tftp package: no request handler on its socket (version changed?)');
  socket.removeAllListeners('message');

  const refuse = (rinfo: RemoteInfo, code: number, file: string, outcome: TftpOutcome, detail: string): void => {
    const reply = createSocket(rinfo.family === 'IPv6' ? 'udp6' : 'udp4');
    reply.on('error', () => reply.close());
    reply.bind(0, options.host, () => {
      reply.send(encodeError(code), rinfo.port, rinfo.address, () => reply.close());
    });
    emit({ file, peer: `${rinfo.address}:${rinfo.port}`, outcome, bytes: 0, detail });
  };

  socket.on('message', (message: Buffer, rinfo: RemoteInfo) => {
    const request = decodeRequest(message);
    if (request === null) {
      const opcode = message.length >= 2 ? message.readUInt16BE(0) : 0;
      // An RRQ/WRQ that does not split into name, mode and option pairs has a NUL inside its name or no terminator.
      if (opcode === OPCODE.RRQ || opcode === OPCODE.WRQ) {
        refuse(rinfo, TFTP_ERROR.accessViolation, '', 'refused', 'malformed name (NUL or missing terminator)');
      } else {
        refuse(rinfo, TFTP_ERROR.illegalOperation, '', 'refused', 'not a request');
      }
      return;
    }
    if (request.opcode === OPCODE.WRQ) {
      refuse(rinfo, TFTP_ERROR.accessViolation, request.file, 'refused', 'write request (server is read-only)');
      return;
    }
    const verdict = checkFileName(request.file);
    if (!verdict.ok) {
      refuse(rinfo, TFTP_ERROR.accessViolation, request.file, 'refused', verdict.reason);
      return;
    }
    if (request.mode !== 'octet' && request.mode !== 'netascii') {
      refuse(rinfo, TFTP_ERROR.illegalOperation, request.file, 'refused', `unsupported mode ${request.mode}`);
      return;
    }
    pending.set(`${rinfo.address}:${rinfo.port}`, { mode: request.mode, proxied: PROXIED_OPTION in request.options });
    startTransfer(message, rinfo);
  });

  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(options.port, options.host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  const bound = socket.address();

  return {
    address: { host: bound.address, port: bound.port },
    close: () =>
      new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        server.close();
      }),
  };
}
