/**
 * The socket binding of a cluster's call manager: SIP over WebSocket
 * (RFC 7118) on loopback. Upgrades must offer the `sip` subprotocol (§4.1,
 * §5); each text (or binary UTF-8) frame carries exactly one SIP message
 * (§5.1). Trunks to other clusters are WebSocket client connections this
 * server opens to theirs. All SIP logic lives in the engines (`Registrar`,
 * `SipProxy`); this file only moves frames.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { systemClock, type SipClock } from './clock';
import { SipProxy, type FlowTransport, type TrunkResolver } from './proxy';
import { randomToken } from './sip-ids';
import { Registrar, type Binding, type CredentialSource, type FlowId, type RegistrarEvent } from './registrar';
import { RouteTable, type RoutePattern } from './route-pattern';
import type { SipEventBody, SipLabEvent } from './sip-events';
import { sendCheckSync, sendServiceControl, type ServiceControlAction, type ServiceControlContext, type VersionStamps } from './service-control';

export const SIP_SUBPROTOCOL = 'sip';

export interface SipServerOptions {
  readonly clusterId: string;
  /** Default 127.0.0.1; the lab never binds anything but loopback. */
  readonly host?: string;
  /** Default 0 (an ephemeral port). */
  readonly port?: number;
  readonly credentials: CredentialSource;
  /** Which cluster owns which numbers (a function is read at each lookup); a DN matching none and not local gets 404. */
  readonly routes?: readonly RoutePattern[] | (() => readonly RoutePattern[]);
  /** The `ws://` URL of another cluster's SIP server; asked lazily at call time. */
  readonly trunks?: TrunkResolver;
  readonly clock?: SipClock;
  readonly onEvent?: (event: SipLabEvent) => void;
  /** Digest realm; default the cluster id. */
  readonly realm?: string;
  readonly minExpires?: number;
  readonly maxExpires?: number;
  readonly defaultExpires?: number;
  readonly nonceTtlSeconds?: number;
  readonly inviteTimeoutMs?: number;
  /** How long a service-control NOTIFY waits for the phone's answer; default 5 s. */
  readonly notifyTimeoutMs?: number;
}

export interface SipServer {
  readonly clusterId: string;
  /** `ws://127.0.0.1:<port>` — what a phone's callManager entry and other clusters' trunks point at. */
  readonly url: string;
  readonly port: number;
  /** Live bindings, oldest first. */
  registrations(): Binding[];
  isRegistered(dn: string): boolean;
  /** Reset or restart the phone registered on `dn` (cisco-reference.md §6.1); resolves with its status. */
  serviceControl(dn: string | Binding, action: ServiceControlAction, stamps: string | VersionStamps): Promise<number>;
  /** `Event: check-sync` to the phone registered on `dn` (§6.2). */
  checkSync(dn: string | Binding): Promise<number>;
  close(): Promise<void>;
}

export async function startSipServer(options: SipServerOptions): Promise<SipServer> {
  const host = options.host ?? '127.0.0.1';
  const clock = options.clock ?? systemClock;
  const cluster = options.clusterId;
  const emit = (body: SipEventBody): void => {
    options.onEvent?.({ type: 'sip', cluster, at: new Date(clock.now()).toISOString(), ...body } as SipLabEvent);
  };

  const http = createServer((_req, res) => {
    res.writeHead(426, { 'Content-Type': 'text/plain', Upgrade: 'websocket' });
    res.end('SIP over WebSocket only (RFC 7118)\n');
  });
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => (protocols.has(SIP_SUBPROTOCOL) ? SIP_SUBPROTOCOL : false),
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  const url = `ws://${host}:${port}`;

  const sockets = new Map<FlowId, WebSocket>();
  const trunkFlows = new Map<string, Promise<FlowId>>();
  const flowPrefix = randomToken(2);
  let nextFlow = 1;
  let closing = false;

  const transport: FlowTransport = {
    send(flow, text) {
      const ws = sockets.get(flow);
      if (!ws || ws.readyState !== WebSocket.OPEN) return false;
      ws.send(text);
      return true;
    },
    connect(target) {
      const known = trunkFlows.get(target);
      if (known) return known;
      const opening = openTrunk(target);
      trunkFlows.set(target, opening);
      opening.catch(() => trunkFlows.delete(target));
      return opening;
    },
  };

  const registrar = new Registrar({
    realm: options.realm ?? cluster,
    credentials: options.credentials,
    clock,
    onEvent: (event) => emit(registrarEventBody(event)),
    ...(options.minExpires !== undefined ? { minExpires: options.minExpires } : {}),
    ...(options.maxExpires !== undefined ? { maxExpires: options.maxExpires } : {}),
    ...(options.defaultExpires !== undefined ? { defaultExpires: options.defaultExpires } : {}),
    ...(options.nonceTtlSeconds !== undefined ? { nonceTtlSeconds: options.nonceTtlSeconds } : {}),
  });
  const proxy = new SipProxy({
    clusterId: cluster,
    host,
    port,
    registrar,
    routes: new RouteTable(options.routes ?? []),
    trunks: options.trunks ?? (() => undefined),
    transport,
    clock,
    onEvent: emit,
    ...(options.inviteTimeoutMs !== undefined ? { inviteTimeoutMs: options.inviteTimeoutMs } : {}),
  });
  const controlContext: ServiceControlContext = {
    proxy,
    registrar,
    identity: { clusterId: cluster, sentBy: proxy.sentBy },
    timeoutMs: options.notifyTimeoutMs ?? 5000,
  };

  function attach(flow: FlowId, ws: WebSocket, remoteAddress?: string, remotePort?: number): void {
    sockets.set(flow, ws);
    proxy.flowOpened(flow, {
      ...(remoteAddress !== undefined ? { remoteAddress } : {}),
      ...(remotePort !== undefined ? { remotePort } : {}),
    });
    ws.on('message', (data: RawData) => {
      void proxy.receive(flow, rawToText(data));
    });
    ws.on('close', () => {
      sockets.delete(flow);
      if (!closing) proxy.flowClosed(flow);
    });
    ws.on('error', (error) => emit({ kind: 'error', message: `flow ${flow}: ${error.message}` }));
  }

  function openTrunk(target: string): Promise<FlowId> {
    return new Promise<FlowId>((resolve, reject) => {
      const ws = new WebSocket(target, SIP_SUBPROTOCOL);
      const flow = `${flowPrefix}t${nextFlow++}`;
      ws.once('open', () => {
        if (ws.protocol !== SIP_SUBPROTOCOL) {
          ws.terminate();
          reject(new Error(`${target} did not accept the sip subprotocol`));
          return;
        }
        attach(flow, ws);
        ws.once('close', () => trunkFlows.delete(target));
        resolve(flow);
      });
      ws.once('error', (error) => reject(error));
    });
  }

  http.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    if (closing || !offered.includes(SIP_SUBPROTOCOL)) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      attach(`${flowPrefix}w${nextFlow++}`, ws, req.socket.remoteAddress, req.socket.remotePort);
    });
  });

  return {
    clusterId: cluster,
    url,
    port,
    registrations: () => registrar.all(),
    isRegistered: (dn) => registrar.bindingsOf(dn).length > 0,
    async serviceControl(target, action, stamps) {
      const dn = typeof target === 'string' ? target : target.dn;
      try {
        const status = await sendServiceControl(controlContext, target, action, stamps);
        emit({ kind: 'notify', dn, event: 'service-control', action, status });
        return status;
      } catch (error) {
        emit({ kind: 'notify', dn, event: 'service-control', action, error: (error as Error).message });
        throw error;
      }
    },
    async checkSync(target) {
      const dn = typeof target === 'string' ? target : target.dn;
      const status = await sendCheckSync(controlContext, target);
      emit({ kind: 'notify', dn, event: 'check-sync', status });
      return status;
    },
    async close() {
      if (closing) return;
      closing = true;
      proxy.close();
      registrar.close();
      for (const ws of sockets.values()) ws.terminate();
      sockets.clear();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
    },
  };
}

function rawToText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

function registrarEventBody(event: RegistrarEvent): SipEventBody {
  switch (event.kind) {
    case 'register':
      return { kind: 'register', dn: event.binding.dn, contact: event.binding.contact, callId: event.binding.callId, expiresAt: event.binding.expiresAt, refresh: event.refresh };
    case 'unregister':
      return { kind: 'unregister', dn: event.binding.dn, contact: event.binding.contact, reason: event.reason };
    case 'expired':
      return { kind: 'expired', dn: event.binding.dn, contact: event.binding.contact };
    case 'auth-failed':
      return { kind: 'error', dn: event.dn, message: `REGISTER rejected: ${event.reason}`, status: event.status };
  }
}
