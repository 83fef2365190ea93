/**
 * Pure codec for the TFTP packets the lab's request gate reads and writes:
 * RRQ/WRQ with RFC 2347 options, and ERROR.
 *
 *   RRQ/WRQ  | 01/02 | filename | 0 | mode | 0 | opt1 | 0 | value1 | 0 | …
 *   ERROR    | 05    | code (2) | message | 0
 *
 * RFC 1350 §5, RFC 2347 §2 (option names are case-insensitive).
 */

export const OPCODE = { RRQ: 1, WRQ: 2, DATA: 3, ACK: 4, ERROR: 5, OACK: 6 } as const;

/** RFC 1350 §5 error codes, plus 8 from RFC 2347. */
export const TFTP_ERROR = {
  notDefined: 0,
  fileNotFound: 1,
  accessViolation: 2,
  diskFull: 3,
  illegalOperation: 4,
  unknownTransferId: 5,
  fileExists: 6,
  noSuchUser: 7,
  optionRefused: 8,
} as const;

export const TFTP_ERROR_MESSAGE: Readonly<Record<number, string>> = {
  0: 'Not defined',
  1: 'File not found',
  2: 'Access violation',
  3: 'Disk full or allocation exceeded',
  4: 'Illegal TFTP operation',
  5: 'Unknown transfer ID',
  6: 'File already exists',
  7: 'No such user',
  8: 'The request has been denied',
};

export interface TftpRequestPacket {
  readonly opcode: typeof OPCODE.RRQ | typeof OPCODE.WRQ;
  /** The file name exactly as sent (latin1 bytes). */
  readonly file: string;
  /** Lower-cased transfer mode (`octet`, `netascii`, `mail`). */
  readonly mode: string;
  /** Options with lower-cased names. */
  readonly options: Readonly<Record<string, string>>;
}

/** Decodes a request packet; null when it is not a well-formed RRQ/WRQ. */
export function decodeRequest(packet: Uint8Array): TftpRequestPacket | null {
  if (packet.length < 4) return null;
  const opcode = (packet[0]! << 8) | packet[1]!;
  if (opcode !== OPCODE.RRQ && opcode !== OPCODE.WRQ) return null;
  const fields: string[] = [];
  let start = 2;
  for (let index = 2; index < packet.length; index++) {
    if (packet[index] === 0) {
      fields.push(Buffer.from(packet.subarray(start, index)).toString('latin1'));
      start = index + 1;
    }
  }
  if (start !== packet.length || fields.length < 2 || fields.length % 2 !== 0) return null;
  const options: Record<string, string> = {};
  for (let index = 2; index < fields.length; index += 2) {
    options[fields[index]!.toLowerCase()] = fields[index + 1]!;
  }
  return { opcode, file: fields[0]!, mode: fields[1]!.toLowerCase(), options };
}

export function encodeRequest(request: TftpRequestPacket): Buffer {
  const parts = [request.file, request.mode, ...Object.entries(request.options).flat()];
  return Buffer.concat([
    Buffer.from([0, request.opcode]),
    ...parts.map((part) => Buffer.concat([Buffer.from(part, 'latin1'), Buffer.from([0])])),
  ]);
}

export function encodeError(code: number, message: string = TFTP_ERROR_MESSAGE[code] ?? 'Error'): Buffer {
  return Buffer.concat([Buffer.from([0, OPCODE.ERROR, (code >> 8) & 0xff, code & 0xff]), Buffer.from(message, 'latin1'), Buffer.from([0])]);
}

/**
 * RFC 1350 / RFC 764 netascii: line ends travel as CR LF, a bare CR as CR NUL.
 * The stored files use LF line ends.
 */
export function toNetascii(data: Uint8Array): Buffer {
  const out: number[] = [];
  for (const byte of data) {
    if (byte === 0x0a) out.push(0x0d, 0x0a);
    else if (byte === 0x0d) out.push(0x0d, 0x00);
    else out.push(byte);
  }
  return Buffer.from(out);
}
