/**
 * The browser shell's Node host: serves the built renderer (`out/web`) and
 * implements `HostApi` over one WebSocket at `/host` (wire format in
 * src-shared/host-wire.ts). Binds loopback only; refuses WebSocket upgrades
 * from pages of any other origin. Each socket is a page: it may attach its
 * phones, whose web servers (src-board/phone-web-server.ts) this host runs,
 * forwarding to the page over the push channel, and closes with the socket;
 * `GET /api/shell` lists them (`{phones: [{mac, url}]}`).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Storage } from '../src-firmware/board';
import { FileStorage, MemoryStorage } from '../src-board/file-storage';
import type { ShellConfig } from '../src-shared/host-contract';
import { decodeWire, encodeWire, type WirePush, type WireResponse } from '../src-shared/host-wire';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';
import { createHostBridge, isHostChannel, type HostPage } from './host-bridge';
import { PhoneRequestPort } from './phone-request-port';
import { PhoneWebServers } from './phone-web-servers';
import type { LabHandle } from './lab-handle';
import { contentTypeOf, readStaticFile, resolveStaticFile } from './static-files';

export interface WebShellOptions {
  /** 0 picks a free port. */
  readonly port: number;
  readonly host?: string;
  readonly lab?: LabHandle;
  /** The built renderer; defaults to `out/web` under the working directory. */
  readonly webRoot?: string;
  /** Where host-side phone storage lives; memory only when absent. */
  readonly dataDir?: string | null;
  /** Phones to show when no lab runs. */
  readonly phones?: ShellConfig['phones'];
  /** Where the phones' web servers and other notes go (default: none). */
  log?(text: string): void;
}

export interface RunningWebShell {
  readonly url: string;
  close(): Promise<void>;
}

export async function startWebShell(options: WebShellOptions): Promise<RunningWebShell> {
  const host = options.host ?? '127.0.0.1';
  const webRoot = resolve(options.webRoot ?? join(process.cwd(), 'out', 'web'));
  const storages = new Map<string, Storage>();
  const storageFor = (scope: string): Storage => {
    let storage = storages.get(scope);
    if (!storage) {
      storage = options.dataDir ? new FileStorage(join(options.dataDir, 'phones', `${scope}.json`)) : new MemoryStorage();
      storages.set(scope, storage);
    }
    return storage;
  };
  const bridge = createHostBridge({
    shellConfig: () => ({
      shell: 'browser',
      phones: options.lab ? [...options.lab.defaultPhones()] : [...(options.phones ?? [])],
      ...(options.lab ? { labApi: options.lab.apiUrl } : {}),
    }),
    storageFor,
  });

  const pages = new Set<HostPage>();
  const server = createServer((request, response) => {
    if ((request.url ?? '').split('?')[0] === '/api/shell') {
      const phones = [...pages].flatMap((page) => page.webServers.list());
      response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      response.end(JSON.stringify({ shell: 'browser', phones }));
      return;
    }
    void serveStatic(webRoot, request, response);
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (request, socket, head) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/host' || !isSameOrigin(request)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serveSocket(ws));
  });

  function serveSocket(ws: WebSocket): void {
    const requests = new PhoneRequestPort({ send: (envelope) => send(ws, { push: encodeWire(envelope) as WirePush['push'] }) });
    const page: HostPage = { requests, webServers: new PhoneWebServers(requests, { host, ...(options.log ? { log: options.log } : {}) }) };
    pages.add(page);
    ws.on('close', () => {
      pages.delete(page);
      void page.webServers.close();
    });
    ws.on('message', (data) => {
      let id = -1;
      void (async () => {
        const message = JSON.parse(String(data)) as { id?: unknown; channel?: unknown; payload?: unknown; reply?: unknown };
        if ('reply' in message) {
          requests.reply(decodeWire(message.reply));
          return;
        }
        if (typeof message.id !== 'number') throw new Error('request without id');
        id = message.id;
        if (!isHostChannel(message.channel)) throw new Error(`unknown channel ${String(message.channel)}`);
        const result = await bridge(message.channel, decodeWire(message.payload), page);
        send(ws, { id, result: encodeWire(result ?? null) });
      })().catch((error: unknown) => send(ws, { id, error: error instanceof Error ? error.message : String(error) }));
    });
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolveListen());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}/`;
  return {
    url,
    close: async () => {
      await Promise.all([...pages].map((page) => page.webServers.close()));
      pages.clear();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

function send(ws: WebSocket, response: WireResponse | WirePush): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(response));
}

/** A browser page's Origin must name this very host:port (blocks cross-site WebSocket hijacking). */
function isSameOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

async function serveStatic(webRoot: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const path = await resolveStaticFile(webRoot, request.url ?? '/');
  if (!path) {
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end(`Not found. Was the renderer built (npm run build:web)?\n`);
    return;
  }
  try {
    const body = await readStaticFile(path);
    response.writeHead(200, {
      'Content-Type': contentTypeOf(path),
      'Content-Length': body.length,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  } catch {
    response.writeHead(500).end();
  }
}
