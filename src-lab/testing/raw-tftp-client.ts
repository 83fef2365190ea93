/**
 * A test-only TFTP client over a raw UDP socket, to observe what the server
 * actually sends: ERROR codes, OACK options, DATA block sizes and how many
 * blocks come before each ACK is needed (RFC 1350, 2347–2349, 7440).
 */
import { createSocket } from 'node:dgram';
import { encodeRequest, OPCODE } from '../tftp-packet-codec';
import type { HostPort } from '../topology';

export interface RawTftpResult {
  readonly error?: { readonly code: number; readonly message: string };
  /** OACK options, when the server sent one. */
  readonly oack?: Readonly<Record<string, string>>;
  readonly data: Buffer;
  /** Payload size of every DATA block received, in order. */
  readonly blockSizes: readonly number[];
  /** Block numbers this client acknowledged (window ends). */
  readonly acked: readonly number[];
}

export function rawTftpRequest(
  server: HostPort,
  request: { opcode?: 1 | 2; file: string; mode?: string; options?: Record<string, string>; packet?: Buffer },
  timeoutMs = 2000,
): Promise<RawTftpResult> {
  const socket = createSocket('udp4');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const blockSizes: number[] = [];
    const acked: number[] = [];
    let oack: Record<string, string> | undefined;
    let expected = 1;
    const blksize = (): number => Number(oack?.blksize ?? 512);
    const windowsize = (): number => Number(oack?.windowsize ?? 1);
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`no answer from ${server.host}:${server.port} within ${timeoutMs} ms`));
    }, timeoutMs);
    let lastSend: Promise<void> = Promise.resolve();
    const done = (result: RawTftpResult): void => {
      clearTimeout(timer);
      // Closing before a queued send completes would drop the final ACK.
      void lastSend.then(() => {
        socket.close();
        resolve(result);
      });
    };
    const ack = (block: number, port: number): void => {
      acked.push(block);
      lastSend = new Promise((sent) => socket.send(Buffer.from([0, OPCODE.ACK, block >> 8, block & 0xff]), port, server.host, () => sent()));
    };
    socket.on('message', (message, rinfo) => {
      const opcode = message.readUInt16BE(0);
      if (opcode === OPCODE.ERROR) {
        done({
          error: { code: message.readUInt16BE(2), message: message.subarray(4, message.indexOf(0, 4)).toString('latin1') },
          ...(oack ? { oack } : {}), data: Buffer.concat(chunks), blockSizes, acked,
        });
      } else if (opcode === OPCODE.OACK) {
        const fields = message.subarray(2).toString('latin1').split('\0').slice(0, -1);
        oack = {};
        for (let index = 0; index + 1 < fields.length; index += 2) oack[fields[index]!.toLowerCase()] = fields[index + 1]!;
        ack(0, rinfo.port);
      } else if (opcode === OPCODE.DATA) {
        const block = message.readUInt16BE(2);
        if (block !== expected) return;
        expected++;
        const payload = message.subarray(4);
        chunks.push(payload);
        blockSizes.push(payload.length);
        const last = payload.length < blksize();
        if (last || block % windowsize() === 0) ack(block, rinfo.port);
        if (last) done({ ...(oack ? { oack } : {}), data: Buffer.concat(chunks), blockSizes, acked });
      }
    });
    const packet = request.packet ?? encodeRequest({
      opcode: request.opcode ?? OPCODE.RRQ, file: request.file, mode: request.mode ?? 'octet', options: request.options ?? {},
    });
    socket.send(packet, server.port, server.host);
  });
}
