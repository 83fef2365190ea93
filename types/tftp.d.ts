/**
 * Types for the `tftp` package (gagle/node-tftp 0.1.2), the parts this project
 * uses. Source: node_modules/tftp/README.md and lib/. Error constants are the
 * RFC 1350 messages; `req.abort(tftp.ENOENT)` sends ERROR code 1, and so on.
 */
declare module 'tftp' {
  import type { EventEmitter } from 'node:events';
  import type { Readable, Writable } from 'node:stream';
  import type { Socket, RemoteInfo } from 'node:dgram';

  export interface TftpStats {
    blockSize: number;
    windowSize: number;
    size: number | null;
    userExtensions: Record<string, string>;
    retries: number;
    timeout: number;
    localAddress: string;
    localPort: number;
    remoteAddress: string;
    remotePort: number;
  }

  export interface TftpError extends Error {
    /** The package's name for the error (`ENOENT`, `ETIME`, …) when it has one. */
    code?: string;
  }

  export interface ClientOptions {
    host?: string;
    port?: number;
    /** RFC 2348 blksize to ask for (8–65464, default 1468). */
    blockSize?: number;
    /** RFC 7440 windowsize to ask for (1–65535, default 4). */
    windowSize?: number;
    retries?: number;
    /** Retransmission timer in ms; also sent as RFC 2349 `timeout`, so keep it ≤ 255. */
    timeout?: number;
  }

  export interface GetOptions {
    md5?: string;
    sha1?: string;
    /** Extra RFC 2347 options sent with the request. */
    userExtensions?: Record<string, string>;
  }

  export interface ClientGetStream extends Readable {
    stats?: TftpStats;
    abort(error?: string): void;
    close(): void;
    on(event: 'stats', listener: (stats: TftpStats) => void): this;
    on(event: 'error', listener: (error: TftpError) => void): this;
    on(event: 'data', listener: (chunk: Buffer) => void): this;
    on(event: 'end' | 'close' | 'abort', listener: () => void): this;
  }

  export interface Client {
    /** Downloads `remote` into the local file `local`. */
    get(remote: string, local: string, options: GetOptions, callback: (error?: TftpError | null) => void): void;
    createGetStream(remote: string, options?: GetOptions): ClientGetStream;
  }

  export interface ServerOptions {
    host?: string;
    port?: number;
    root?: string;
    denyGET?: boolean;
    denyPUT?: boolean;
    /** Largest blksize the server grants (requests are clamped to it). */
    blockSize?: number;
    /** Largest windowsize the server grants (requests are clamped to it). */
    windowSize?: number;
    retries?: number;
    /** Retransmission timer in ms. */
    timeout?: number;
  }

  /** The client's side of one request, as the server sees it (a Readable for PUT). */
  export interface ServerRequest extends Readable {
    readonly file: string;
    readonly method: 'GET' | 'PUT';
    readonly stats: TftpStats;
    abort(error?: string): void;
    close(): void;
    on(event: 'error', listener: (error: TftpError) => void): this;
    on(event: 'abort' | 'close' | 'end', listener: () => void): this;
    on(event: 'data', listener: (chunk: Buffer) => void): this;
  }

  /** The server's answer to one GET; `setSize` must come before any data. */
  export interface ServerResponse extends Writable {
    setSize(size: number): void;
    setUserExtensions(extensions: Record<string, string>): void;
  }

  export interface Server extends EventEmitter {
    host: string;
    port: number;
    root: string;
    listen(): void;
    close(): void;
    requestListener(req: ServerRequest, res: ServerResponse): void;
    on(event: 'request', listener: (req: ServerRequest, res: ServerResponse) => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
    on(event: 'listening' | 'close', listener: () => void): this;
    /**
     * Internal (0.1.2): the socket that receives RRQ/WRQ; its `message`
     * listener starts a transfer for `(message, rinfo)`.
     */
    readonly _socket: Socket & { listeners(event: 'message'): ((message: Buffer, rinfo: RemoteInfo) => void)[] };
  }

  export function createClient(options?: ClientOptions): Client;
  export function createServer(options?: ServerOptions, listener?: (req: ServerRequest, res: ServerResponse) => void): Server;

  export const ENOENT: string;
  export const EACCESS: string;
  export const ENOSPC: string;
  export const EBADOP: string;
  export const ETID: string;
  export const EEXIST: string;
  export const ENOUSER: string;
  export const EDENY: string;
  export const ETIME: string;
  export const EABORT: string;
  export const EBADNAME: string;
}
