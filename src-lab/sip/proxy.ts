/**
 * The call manager's SIP proxy engine (RFC 3261 §16), with no sockets. It is
 * fed decoded messages from flows (WebSocket connections, RFC 7118) and sends
 * through a `FlowTransport`. REGISTER goes to the `Registrar`; everything else
 * is routed by directory number: the request-URI user is a DN; local DNs are
 * forked to their registered contacts over the flows their bindings came on
 * (RFC 5626 §5.3, RFC 7118 §5.2), other DNs go to the cluster that owns them
 * over an inter-cluster trunk picked by route pattern. Dialog-creating requests
 * are record-routed with a flow-token pair (RFC 5626 §5.3) so in-dialog
 * requests come back through the same connections.
 *
 * A proxy transaction (one per forwarded request, §16.2):
 *
 *   Proceeding ──final from every branch──► Completed ──linger──► Terminated
 *        │        (best response sent up, §16.7 step 6)               ▲
 *        └──────2xx sent up (INVITE: other branches cancelled)────────┘
 *                 Accepted ──linger (further 2xx forwarded)──► Terminated
 *
 * A client branch (§16.6, §17.1):
 *
 *   Trying ──1xx──► Proceeding ──final──► Completed
 *      └────────────final / timeout / flow closed─────┘
 */
import { createHash } from 'node:crypto';
import type { SipClock } from './clock';
import type { FlowId, Registrar } from './registrar';
import type { RouteTable } from './route-pattern';
import type { SipEventBody } from './sip-events';
import { BRANCH_COOKIE, newBranch, newTag } from './sip-ids';
import {
  getHeader, getHeaders, parseCSeqValue, parseSipMessage, serializeSipMessage, SipParseError, withHeader,
  withHeaderOnTop, withoutTopHeader, type SipRequest, type SipResponse,
} from './sip-message';
import { formatParams, formatVia, parseNameAddr, parseSipUri, parseVia, tagOf, userOf } from './sip-header-values';
import { canAnswer, responseTo } from './sip-status';

/** Sends on connections; implemented by the WebSocket binding (or an in-memory fake). */
export interface FlowTransport {
  /** Sends one SIP message as one frame; false when the flow is gone. */
  send(flow: FlowId, text: string): boolean;
  /** Opens, or reuses, a connection to another SIP server at a `ws://` URL. Rejects if unreachable. */
  connect(url: string): Promise<FlowId>;
}

/** Finds the WebSocket URL of another cluster's SIP server, or undefined when it has none. */
export type TrunkResolver = (clusterId: string) => string | undefined | Promise<string | undefined>;

export interface ProxyOptions {
  readonly clusterId: string;
  /** The address this server writes in Via and Record-Route; also how it recognises its own Route entries. */
  readonly host: string;
  readonly port: number;
  readonly registrar: Registrar;
  readonly routes: RouteTable;
  readonly trunks: TrunkResolver;
  readonly transport: FlowTransport;
  readonly clock: SipClock;
  readonly onEvent?: (event: SipEventBody) => void;
  /** §16.6 step 11 Timer C; default 180 s. */
  readonly inviteTimeoutMs?: number;
  /** §17.1.2.2 Timer F (64·T1); default 32 s. */
  readonly nonInviteTimeoutMs?: number;
}

/** A request this server sent on its own (`sendRequest`) got no final response in time. */
export class SipRequestTimeoutError extends Error {
  constructor(readonly method: string, readonly ms: number) {
    super(`${method} got no final response within ${ms} ms`);
    this.name = 'SipRequestTimeoutError';
  }
}

/** The flow a request this server sent on its own was to go out on is closed. */
export class SipFlowClosedError extends Error {
  constructor(readonly flow: FlowId) {
    super(`flow ${flow} is closed`);
    this.name = 'SipFlowClosedError';
  }
}

export const ALLOWED_METHODS = ['INVITE', 'ACK', 'BYE', 'CANCEL', 'OPTIONS', 'REGISTER', 'REFER', 'NOTIFY', 'SUBSCRIBE', 'MESSAGE', 'INFO', 'UPDATE', 'PRACK'] as const;

/** Methods that create a dialog when sent outside one; the proxy record-routes them (§16.6 step 4). */
const DIALOG_CREATING = new Set(['INVITE', 'SUBSCRIBE', 'REFER', 'NOTIFY']);

export enum ProxyTransactionState {
  Proceeding = 'proceeding',
  Accepted = 'accepted',
  Completed = 'completed',
  Terminated = 'terminated',
}

export enum BranchState {
  Trying = 'trying',
  Proceeding = 'proceeding',
  Completed = 'completed',
}

const TRANSACTION_MOVES: Readonly<Record<ProxyTransactionState, readonly ProxyTransactionState[]>> = {
  [ProxyTransactionState.Proceeding]: [ProxyTransactionState.Accepted, ProxyTransactionState.Completed, ProxyTransactionState.Terminated],
  [ProxyTransactionState.Accepted]: [ProxyTransactionState.Terminated],
  [ProxyTransactionState.Completed]: [ProxyTransactionState.Terminated],
  [ProxyTransactionState.Terminated]: [],
};

const BRANCH_MOVES: Readonly<Record<BranchState, readonly BranchState[]>> = {
  [BranchState.Trying]: [BranchState.Proceeding, BranchState.Completed],
  [BranchState.Proceeding]: [BranchState.Proceeding, BranchState.Completed],
  [BranchState.Completed]: [],
};

/** How long a finished transaction is kept to absorb ACKs and late 2xx (64·T1, §17.2.1). */
const LINGER_MS = 32_000;

interface ClientBranch {
  readonly id: string;
  readonly flow: FlowId;
  readonly request: SipRequest;
  state: BranchState;
  cancelTimer: () => void;
}

interface ProxyTransaction {
  readonly key: string;
  readonly request: SipRequest;
  readonly sourceFlow: FlowId;
  readonly branches: ClientBranch[];
  state: ProxyTransactionState;
  best?: SipResponse;
  lastResponse?: SipResponse;
  cancelled: boolean;
  ringingReported: boolean;
  readonly callEvents: boolean;
  cancelLinger?: () => void;
  cancelGuard?: () => void;
}

interface PendingUac {
  readonly method: string;
  readonly flow: FlowId;
  resolve(response: SipResponse): void;
  reject(error: Error): void;
  cancelTimer: () => void;
}

type Target = { readonly flow: FlowId; readonly uri: string };
type Routing =
  | { readonly kind: 'targets'; readonly targets: Target[]; readonly request: SipRequest }
  | { readonly kind: 'reject'; readonly status: number; readonly reason?: string };
type Handler = (flow: FlowId, request: SipRequest) => Promise<void>;

export class SipProxy {
  private readonly transactions = new Map<string, ProxyTransaction>();
  private readonly branches = new Map<string, { txn: ProxyTransaction; branch: ClientBranch }>();
  private readonly uac = new Map<string, PendingUac>();
  private readonly flows = new Map<FlowId, { remoteAddress?: string; remotePort?: number }>();
  private readonly handlers: Readonly<Record<string, Handler>>;
  private host: string;
  private port: number;

  constructor(private readonly options: ProxyOptions) {
    this.host = options.host;
    this.port = options.port;
    this.handlers = {
      REGISTER: (f, r) => this.onRegister(f, r),
      INVITE: (f, r) => this.onInvite(f, r),
      ACK: (f, r) => this.onAck(f, r),
      CANCEL: (f, r) => this.onCancel(f, r),
      OPTIONS: (f, r) => this.onOptions(f, r),
      BYE: (f, r) => this.onBye(f, r),
      REFER: (f, r) => this.forwardNonInvite(f, r),
      NOTIFY: (f, r) => this.forwardNonInvite(f, r),
      SUBSCRIBE: (f, r) => this.forwardNonInvite(f, r),
      MESSAGE: (f, r) => this.forwardNonInvite(f, r),
      INFO: (f, r) => this.forwardNonInvite(f, r),
      UPDATE: (f, r) => this.forwardNonInvite(f, r),
      PRACK: (f, r) => this.forwardNonInvite(f, r),
    };
  }

  /** Sets the address once the listening socket knows its port. */
  setAddress(host: string, port: number): void {
    this.host = host;
    this.port = port;
  }

  get sentBy(): string {
    return `${this.host}:${this.port}`;
  }

  flowOpened(flow: FlowId, info: { remoteAddress?: string; remotePort?: number } = {}): void {
    this.flows.set(flow, info);
  }

  /** A connection closed: its bindings go, its pending branches fail, its callers' INVITEs are cancelled. */
  flowClosed(flow: FlowId): void {
    this.flows.delete(flow);
    this.options.registrar.dropFlow(flow);
    for (const [branchId, pending] of this.uac) {
      if (pending.flow !== flow) continue;
      this.uac.delete(branchId);
      pending.cancelTimer();
      pending.reject(new SipFlowClosedError(flow));
    }
    for (const txn of [...this.transactions.values()]) {
      if (txn.sourceFlow === flow && txn.state === ProxyTransactionState.Proceeding && txn.request.method === 'INVITE') {
        txn.cancelled = true;
        this.cancelBranches(txn);
      }
      for (const branch of txn.branches) {
        if (branch.flow === flow && branch.state !== BranchState.Completed) {
          this.onBranchFinal(txn, branch, responseTo(branch.request, 408, { reason: 'Flow Failed', toTag: newTag() }));
        }
      }
    }
  }

  /** Entry point for one received frame. Never throws. */
  async receive(flow: FlowId, text: string): Promise<void> {
    if (/^(\r\n)+$/.test(text)) {
      this.onKeepAlive(flow, text);
      return;
    }
    let message;
    try {
      message = parseSipMessage(text);
    } catch (error) {
      this.onParseError(flow, error);
      return;
    }
    try {
      if (message.kind === 'response') this.onResponse(flow, message);
      else await this.onRequest(flow, message);
    } catch (error) {
      this.emit({ kind: 'error', message: `internal error: ${(error as Error).message}` });
      if (message.kind === 'request' && message.method !== 'ACK') this.reply(flow, message, 500);
    }
  }

  /**
   * Sends a request this server originates (§8.1) on `flow` and resolves with
   * its final response. Adds the Via; the caller supplies everything else.
   */
  sendRequest(flow: FlowId, request: SipRequest, timeoutMs = this.options.nonInviteTimeoutMs ?? 32_000): Promise<SipResponse> {
    const branch = newBranch();
    const withVia = withHeaderOnTop(request, 'Via', this.viaValue(branch));
    return new Promise<SipResponse>((resolve, reject) => {
      const pending: PendingUac = {
        method: request.method,
        flow,
        resolve,
        reject,
        cancelTimer: this.options.clock.setTimer(timeoutMs, () => {
          this.uac.delete(branch);
          reject(new SipRequestTimeoutError(request.method, timeoutMs));
        }),
      };
      this.uac.set(branch, pending);
      if (!this.options.transport.send(flow, serializeSipMessage(withVia))) {
        this.uac.delete(branch);
        pending.cancelTimer();
        reject(new SipFlowClosedError(flow));
      }
    });
  }

  /** Cancels every timer and forgets every transaction. */
  close(): void {
    for (const txn of this.transactions.values()) {
      txn.cancelLinger?.();
      txn.cancelGuard?.();
      for (const b of txn.branches) b.cancelTimer();
    }
    this.transactions.clear();
    this.branches.clear();
    for (const pending of this.uac.values()) {
      pending.cancelTimer();
      pending.reject(new SipFlowClosedError('closed'));
    }
    this.uac.clear();
  }

  private emit(event: SipEventBody): void {
    this.options.onEvent?.(event);
  }

  /** RFC 5626 §4.4.1 / §5.4: a double-CRLF ping is answered with a single-CRLF pong. */
  private onKeepAlive(flow: FlowId, text: string): void {
    if (text === '\r\n\r\n') this.options.transport.send(flow, '\r\n');
  }

  /** §16.3 step 1: a request we can answer gets 400; anything else is dropped. */
  private onParseError(flow: FlowId, error: unknown): void {
    const reason = error instanceof SipParseError ? error.message : String(error);
    this.emit({ kind: 'error', message: `malformed message on ${flow}: ${reason}` });
    if (!(error instanceof SipParseError)) return;
    const partial = error.partial;
    if (!partial?.method || partial.method === 'ACK' || !canAnswer(partial.headers)) return;
    this.send(flow, responseTo({ headers: partial.headers }, 400, { reason: `Bad Request (${reason.replace(/[\r\n]/g, ' ').slice(0, 80)})`, toTag: newTag() }));
  }

  private async onRequest(flow: FlowId, incoming: SipRequest): Promise<void> {
    const request = this.stampReceived(flow, incoming);
    const handler = this.handlers[request.method] ?? ((f: FlowId, r: SipRequest) => this.forwardNonInvite(f, r));
    await handler(flow, request);
  }

  /** §18.2.1: note where the request really came from in its top Via. */
  private stampReceived(flow: FlowId, request: SipRequest): SipRequest {
    const info = this.flows.get(flow);
    const top = getHeader(request, 'Via');
    const via = top ? parseVia(top) : null;
    if (!via || !info?.remoteAddress) return request;
    const params: Record<string, string | null> = { ...via.params, received: info.remoteAddress };
    if ('rport' in via.params && info.remotePort !== undefined) params['rport'] = String(info.remotePort);
    const vias = getHeaders(request, 'Via');
    vias[0] = formatVia({ ...via, params });
    return withHeader(request, 'Via', ...vias);
  }

  private async onRegister(flow: FlowId, request: SipRequest): Promise<void> {
    const response = await this.options.registrar.handleRegister(request, flow);
    this.send(flow, response);
  }

  /** §11.2: OPTIONS to the server itself (no user part) is answered here; to a DN it is forwarded. */
  private async onOptions(flow: FlowId, request: SipRequest): Promise<void> {
    const uri = parseSipUri(request.uri);
    if (uri && uri.user === undefined) {
      this.reply(flow, request, 200, {
        headers: [
          { name: 'Allow', value: ALLOWED_METHODS.join(', ') },
          { name: 'Accept', value: 'application/sdp, text/plain' },
          { name: 'Supported', value: 'path, outbound' },
        ],
      });
      return;
    }
    await this.forwardNonInvite(flow, request);
  }

  private async onInvite(flow: FlowId, request: SipRequest): Promise<void> {
    await this.forward(flow, request);
  }

  private async onBye(flow: FlowId, request: SipRequest): Promise<void> {
    this.emit({ kind: 'call', dn: userOf(getHeader(request, 'To')) ?? '', from: userOf(getHeader(request, 'From')) ?? '', callId: getHeader(request, 'Call-ID') ?? '', state: 'ended' });
    await this.forward(flow, request);
  }

  private async forwardNonInvite(flow: FlowId, request: SipRequest): Promise<void> {
    await this.forward(flow, request);
  }

  /**
   * §17.2.3 / §16.10: an ACK matching an INVITE we answered with a non-2xx is
   * absorbed (hop-by-hop); any other ACK (for a 2xx) is routed end to end.
   */
  private async onAck(flow: FlowId, request: SipRequest): Promise<void> {
    const txn = this.transactions.get(this.transactionKey(request));
    if (txn && txn.state !== ProxyTransactionState.Accepted) return;
    if (!this.checkHops(flow, request)) return;
    const routing = await this.route(flow, request);
    if (routing.kind !== 'targets') return;
    for (const target of routing.targets) {
      const forwarded = this.prepareForward(routing.request, target, newBranch(), false);
      this.options.transport.send(target.flow, serializeSipMessage(forwarded));
    }
  }

  /** §16.10: answer the CANCEL, then cancel every pending branch of the matching INVITE. */
  private async onCancel(flow: FlowId, request: SipRequest): Promise<void> {
    const txn = this.transactions.get(this.transactionKey(request));
    if (!txn || txn.request.method !== 'INVITE') {
      this.reply(flow, request, 481);
      return;
    }
    this.reply(flow, request, 200);
    if (txn.state !== ProxyTransactionState.Proceeding || txn.cancelled) return;
    txn.cancelled = true;
    this.cancelBranches(txn);
    txn.cancelGuard = this.options.clock.setTimer(this.options.nonInviteTimeoutMs ?? 32_000, () => {
      for (const branch of txn.branches) {
        if (branch.state !== BranchState.Completed) this.onBranchFinal(txn, branch, responseTo(branch.request, 487, { toTag: newTag() }));
      }
    });
  }

  /** §16.3 step 3 (Max-Forwards, 483) and step 4 (loop detection, 482). False when answered here. */
  private checkHops(flow: FlowId, request: SipRequest): boolean {
    const mf = getHeader(request, 'Max-Forwards');
    if (mf !== undefined && !/^\s*\d{1,3}\s*$/.test(mf)) {
      if (request.method !== 'ACK') this.reply(flow, request, 400, { reason: 'Bad Max-Forwards' });
      return false;
    }
    if (mf !== undefined && Number(mf) === 0) {
      if (request.method !== 'ACK') this.reply(flow, request, 483);
      return false;
    }
    const hash = this.loopHash(request);
    const looped = getHeaders(request, 'Via').some((value) => {
      const via = parseVia(value);
      return via !== null && `${via.host}:${via.port ?? ''}` === this.sentBy && (via.params['branch'] ?? '').startsWith(`${BRANCH_COOKIE}-${hash}-`);
    });
    if (looped) {
      if (request.method !== 'ACK') this.reply(flow, request, 482);
      return false;
    }
    return true;
  }

  /** §16.6: route, then forward to every target with a new client branch each. */
  private async forward(flow: FlowId, request: SipRequest): Promise<void> {
    const key = this.transactionKey(request);
    const existing = this.transactions.get(key);
    if (existing) {
      if (existing.lastResponse) this.send(existing.sourceFlow, existing.lastResponse);
      return;
    }
    if (!this.checkHops(flow, request)) return;
    const isInvite = request.method === 'INVITE';
    const initial = tagOf(getHeader(request, 'To')) === undefined;
    const callEvents = isInvite && initial;
    if (isInvite) this.reply(flow, request, 100);
    if (callEvents) {
      this.emit({ kind: 'call', dn: this.dnOf(request), from: userOf(getHeader(request, 'From')) ?? '', callId: getHeader(request, 'Call-ID') ?? '', state: 'setup' });
    }

    const routing = await this.route(flow, request);
    if (routing.kind === 'reject') {
      const response = responseTo(request, routing.status, { toTag: newTag(), ...(routing.reason ? { reason: routing.reason } : {}) });
      this.send(flow, response);
      if (callEvents) this.emitCallFinal(request, response);
      return;
    }

    const txn: ProxyTransaction = {
      key, request, sourceFlow: flow, branches: [], state: ProxyTransactionState.Proceeding,
      cancelled: false, ringingReported: false, callEvents,
    };
    this.transactions.set(key, txn);
    const recordRoute = initial && DIALOG_CREATING.has(request.method);
    const hash = this.loopHash(request);
    const timeout = isInvite ? this.options.inviteTimeoutMs ?? 180_000 : this.options.nonInviteTimeoutMs ?? 32_000;
    for (const target of routing.targets) {
      const id = newBranch(hash);
      const forwarded = this.prepareForward(routing.request, target, id, recordRoute ? flow : false);
      const branch: ClientBranch = {
        id, flow: target.flow, request: forwarded, state: BranchState.Trying,
        cancelTimer: () => undefined,
      };
      branch.cancelTimer = this.options.clock.setTimer(timeout, () => this.onBranchTimeout(txn, branch));
      txn.branches.push(branch);
      this.branches.set(id, { txn, branch });
    }
    for (const branch of txn.branches) {
      if (!this.options.transport.send(branch.flow, serializeSipMessage(branch.request))) {
        this.onBranchFinal(txn, branch, responseTo(branch.request, 408, { reason: 'Flow Failed', toTag: newTag() }));
      }
    }
  }

  /**
   * §16.6 steps 1–8: copy, set the request-URI, decrement Max-Forwards, add
   * Record-Route (a flow-token pair `<in>~<out>`, RFC 5626 §5.3) and our Via.
   */
  private prepareForward(request: SipRequest, target: Target, branch: string, recordRouteFrom: FlowId | false): SipRequest {
    let out: SipRequest = { ...request, uri: target.uri };
    const mf = getHeader(request, 'Max-Forwards');
    out = withHeader(out, 'Max-Forwards', String(mf === undefined ? 69 : Math.max(0, Number(mf) - 1)));
    if (recordRouteFrom !== false) {
      out = withHeaderOnTop(out, 'Record-Route', `<sip:${recordRouteFrom}~${target.flow}@${this.sentBy};transport=ws;lr>`);
    }
    return withHeaderOnTop(out, 'Via', this.viaValue(branch));
  }

  /**
   * Where a request goes (§16.4, §16.5):
   * 1. our own Route on top is removed; its flow token names the other side of the dialog;
   * 2. otherwise the next Route (another server) is reached by opening a trunk to it;
   * 3. otherwise the request-URI: a registered contact, a local DN, or a DN a route pattern sends to another cluster.
   */
  private async route(flow: FlowId, request: SipRequest): Promise<Routing> {
    let routes = getHeaders(request, 'Route');
    let tokenTarget: FlowId | undefined;
    while (routes.length > 0) {
      const uri = parseSipUri(parseNameAddr(routes[0] as string)?.uri ?? '');
      if (!uri || !this.isOwnUri(uri)) break;
      const pair = (uri.user ?? '').split('~');
      if (pair.length === 2) tokenTarget = pair[0] === flow ? pair[1] : pair[1] === flow ? pair[0] : tokenTarget;
      routes = routes.slice(1);
      request = withoutTopHeader(request, 'Route');
    }
    if (tokenTarget !== undefined && this.flows.has(tokenTarget)) {
      return { kind: 'targets', targets: [{ flow: tokenTarget, uri: request.uri }], request };
    }
    if (routes.length > 0) {
      const next = parseSipUri(parseNameAddr(routes[0] as string)?.uri ?? '');
      if (!next) return { kind: 'reject', status: 400, reason: 'Bad Route' };
      if (!isLoopback(next.host)) return { kind: 'reject', status: 403, reason: 'Next hop is not on loopback' };
      try {
        const trunk = await this.options.transport.connect(`ws://${next.host}:${next.port ?? 80}`);
        return { kind: 'targets', targets: [{ flow: trunk, uri: request.uri }], request };
      } catch {
        return { kind: 'reject', status: 503, reason: 'Next hop unreachable' };
      }
    }
    return this.routeByRequestUri(request);
  }

  private async routeByRequestUri(request: SipRequest): Promise<Routing> {
    const ruri = parseSipUri(request.uri);
    if (!ruri) return { kind: 'reject', status: 416 };
    const byContact = this.options.registrar.all().filter((b) => {
      const c = parseSipUri(b.contact);
      return c !== null && c.host === ruri.host && c.user === ruri.user && c.host.endsWith('.invalid');
    });
    if (byContact.length > 0) return { kind: 'targets', targets: byContact.map((b) => ({ flow: b.flow, uri: b.contact })), request };
    const dn = ruri.user;
    if (dn === undefined) return { kind: 'reject', status: 404 };

    if (await this.options.registrar.isKnownDn(dn)) {
      const bindings = this.options.registrar.bindingsOf(dn).filter((b) => this.flows.has(b.flow));
      if (bindings.length === 0) return { kind: 'reject', status: 480 };
      return { kind: 'targets', targets: bindings.map((b) => ({ flow: b.flow, uri: b.contact })), request };
    }
    const route = this.options.routes.select(dn);
    if (!route || route.cluster === this.options.clusterId) return { kind: 'reject', status: 404 };
    const url = await this.options.trunks(route.cluster);
    if (!url) return { kind: 'reject', status: 503, reason: `No trunk to ${route.cluster}` };
    try {
      const trunk = await this.options.transport.connect(url);
      return { kind: 'targets', targets: [{ flow: trunk, uri: request.uri }], request };
    } catch {
      return { kind: 'reject', status: 503, reason: `Trunk to ${route.cluster} unreachable` };
    }
  }

  /** §16.7: responses come back on our Via; forward them to where the request came from. */
  private onResponse(flow: FlowId, response: SipResponse): void {
    const top = parseVia(getHeader(response, 'Via') ?? '');
    const branchId = top?.params['branch'] ?? '';
    if (!top || `${top.host}:${top.port ?? ''}` !== this.sentBy) {
      this.emit({ kind: 'error', message: `response ${response.status} on ${flow} is not for this server` });
      return;
    }
    const pending = this.uac.get(branchId);
    if (pending) {
      if (response.status < 200) return;
      this.uac.delete(branchId);
      pending.cancelTimer();
      pending.resolve(response);
      return;
    }
    const found = this.branches.get(branchId);
    if (!found) return;
    const method = parseCSeqValue(getHeader(response, 'CSeq') ?? '')?.method;
    if (method === 'CANCEL') return;
    const { txn, branch } = found;
    const upstream = withoutTopHeader(response, 'Via');
    if (response.status < 200) {
      if (branch.state !== BranchState.Completed) this.moveBranch(branch, BranchState.Proceeding);
      if (response.status === 100 || txn.state !== ProxyTransactionState.Proceeding) return;
      this.sendUp(txn, upstream);
      if (txn.callEvents && response.status === 180 && !txn.ringingReported) {
        txn.ringingReported = true;
        this.emit({ kind: 'call', dn: this.dnOf(txn.request), from: userOf(getHeader(txn.request, 'From')) ?? '', callId: getHeader(txn.request, 'Call-ID') ?? '', state: 'ringing' });
      }
      return;
    }
    if (response.status < 300 && txn.state === ProxyTransactionState.Accepted) {
      this.sendUp(txn, upstream);
      return;
    }
    if (branch.state === BranchState.Completed) {
      if (response.status >= 300 && txn.request.method === 'INVITE') this.ackNon2xx(branch, response);
      return;
    }
    this.onBranchFinal(txn, branch, response, false);
  }

  /**
   * §16.7 steps 4–10 for a final response on one branch: received from the
   * wire, or synthesised here (timeout, closed flow), which is never ACKed.
   */
  private onBranchFinal(txn: ProxyTransaction, branch: ClientBranch, response: SipResponse, synthesised = true): void {
    this.moveBranch(branch, BranchState.Completed);
    branch.cancelTimer();
    if (!synthesised && txn.request.method === 'INVITE' && response.status >= 300) this.ackNon2xx(branch, response);
    if (txn.state !== ProxyTransactionState.Proceeding) return;
    const upstream = withoutTopHeader(response, 'Via');

    if (response.status < 300) {
      this.moveTransaction(txn, ProxyTransactionState.Accepted);
      this.sendUp(txn, upstream);
      if (txn.request.method === 'INVITE') this.cancelBranches(txn);
      if (txn.callEvents) this.emitCallFinal(txn.request, response);
      this.linger(txn);
      return;
    }
    if (response.status >= 600 && txn.request.method === 'INVITE') this.cancelBranches(txn);
    if (!txn.best || rank(response.status) < rank(txn.best.status)) txn.best = upstream;
    if (txn.branches.some((b) => b.state !== BranchState.Completed)) return;

    let best = txn.best;
    if (best.status === 503) best = { ...best, status: 500, reason: 'Server Internal Error' };
    this.moveTransaction(txn, ProxyTransactionState.Completed);
    this.sendUp(txn, best);
    if (txn.callEvents) this.emitCallFinal(txn.request, best);
    this.linger(txn);
  }

  private onBranchTimeout(txn: ProxyTransaction, branch: ClientBranch): void {
    if (branch.state === BranchState.Completed) return;
    if (txn.request.method === 'INVITE') this.sendCancel(branch);
    this.onBranchFinal(txn, branch, responseTo(branch.request, 408, { toTag: newTag() }));
  }

  /** §16.10 / §9.1: CANCEL every branch without a final response. */
  private cancelBranches(txn: ProxyTransaction): void {
    for (const branch of txn.branches) if (branch.state !== BranchState.Completed) this.sendCancel(branch);
  }

  /** §9.1: same request-URI, Call-ID, From, To, CSeq number, Route and top Via as the INVITE. */
  private sendCancel(branch: ClientBranch): void {
    const req = branch.request;
    const cseq = parseCSeqValue(getHeader(req, 'CSeq') ?? '');
    const headers = [
      { name: 'Via', value: getHeaders(req, 'Via')[0] ?? '' },
      ...getHeaders(req, 'Route').map((value) => ({ name: 'Route', value })),
      { name: 'Max-Forwards', value: '70' },
      { name: 'From', value: getHeader(req, 'From') ?? '' },
      { name: 'To', value: getHeader(req, 'To') ?? '' },
      { name: 'Call-ID', value: getHeader(req, 'Call-ID') ?? '' },
      { name: 'CSeq', value: `${cseq?.seq ?? 1} CANCEL` },
    ];
    const cancel: SipRequest = { kind: 'request', method: 'CANCEL', uri: req.uri, headers, body: '' };
    this.options.transport.send(branch.flow, serializeSipMessage(cancel));
  }

  /** §17.1.1.3: the client transaction ACKs a non-2xx final response itself. */
  private ackNon2xx(branch: ClientBranch, response: SipResponse): void {
    const req = branch.request;
    const cseq = parseCSeqValue(getHeader(req, 'CSeq') ?? '');
    const headers = [
      { name: 'Via', value: getHeaders(req, 'Via')[0] ?? '' },
      ...getHeaders(req, 'Route').map((value) => ({ name: 'Route', value })),
      { name: 'Max-Forwards', value: '70' },
      { name: 'From', value: getHeader(req, 'From') ?? '' },
      { name: 'To', value: getHeader(response, 'To') ?? getHeader(req, 'To') ?? '' },
      { name: 'Call-ID', value: getHeader(req, 'Call-ID') ?? '' },
      { name: 'CSeq', value: `${cseq?.seq ?? 1} ACK` },
    ];
    const ack: SipRequest = { kind: 'request', method: 'ACK', uri: req.uri, headers, body: '' };
    this.options.transport.send(branch.flow, serializeSipMessage(ack));
  }

  private linger(txn: ProxyTransaction): void {
    txn.cancelGuard?.();
    txn.cancelLinger = this.options.clock.setTimer(LINGER_MS, () => {
      this.moveTransaction(txn, ProxyTransactionState.Terminated);
      this.transactions.delete(txn.key);
      for (const b of txn.branches) {
        b.cancelTimer();
        this.branches.delete(b.id);
      }
    });
  }

  private sendUp(txn: ProxyTransaction, response: SipResponse): void {
    txn.lastResponse = response;
    this.send(txn.sourceFlow, response);
  }

  private emitCallFinal(request: SipRequest, response: SipResponse): void {
    const state = response.status < 300 ? 'connected' : response.status === 487 ? 'cancelled' : 'failed';
    this.emit({ kind: 'call', dn: this.dnOf(request), from: userOf(getHeader(request, 'From')) ?? '', callId: getHeader(request, 'Call-ID') ?? '', state, status: response.status });
  }

  private moveTransaction(txn: ProxyTransaction, to: ProxyTransactionState): void {
    if (!TRANSACTION_MOVES[txn.state].includes(to)) throw new Error(`proxy transaction ${txn.key}: ${txn.state} → ${to} is not allowed`);
    txn.state = to;
  }

  private moveBranch(branch: ClientBranch, to: BranchState): void {
    if (!BRANCH_MOVES[branch.state].includes(to)) throw new Error(`branch ${branch.id}: ${branch.state} → ${to} is not allowed`);
    branch.state = to;
  }

  /** §17.2.3: branch + sent-by + method, where ACK and CANCEL match their INVITE. */
  private transactionKey(request: SipRequest): string {
    const via = parseVia(getHeader(request, 'Via') ?? '');
    const method = request.method === 'ACK' || request.method === 'CANCEL' ? 'INVITE' : request.method;
    return `${via?.params['branch'] ?? ''}|${via?.host ?? ''}:${via?.port ?? ''}|${method}`;
  }

  /** §16.6 step 8: the part of the branch that detects loops (§16.3 step 4). */
  private loopHash(request: SipRequest): string {
    const cseq = parseCSeqValue(getHeader(request, 'CSeq') ?? '')?.seq ?? 0;
    const material = [request.uri, tagOf(getHeader(request, 'From')) ?? '', tagOf(getHeader(request, 'To')) ?? '', getHeader(request, 'Call-ID') ?? '', cseq].join('|');
    return createHash('md5').update(material).digest('hex').slice(0, 10);
  }

  private isOwnUri(uri: { host: string; port?: number }): boolean {
    return `${uri.host}:${uri.port ?? ''}` === this.sentBy;
  }

  private viaValue(branch: string): string {
    return `SIP/2.0/WS ${this.sentBy}${formatParams({ branch })}`;
  }

  private dnOf(request: SipRequest): string {
    return parseSipUri(request.uri)?.user ?? userOf(getHeader(request, 'To')) ?? '';
  }

  private reply(flow: FlowId, request: SipRequest, status: number, options: { reason?: string; headers?: { name: string; value: string }[] } = {}): void {
    this.send(flow, responseTo(request, status, { ...options, toTag: newTag() }));
  }

  private send(flow: FlowId, message: SipRequest | SipResponse): void {
    this.options.transport.send(flow, serializeSipMessage(message));
  }
}

/** The lab only ever talks to loopback (environment.md, "The network"). */
function isLoopback(host: string): boolean {
  return /^127(\.\d{1,3}){3}$/.test(host) || host === 'localhost' || host === '[::1]';
}

/** §16.7 step 6: 6xx first, then the lowest class; within 4xx prefer specific answers over 408. */
function rank(status: number): number {
  if (status >= 600) return 0;
  if (status === 408) return 480;
  if (status === 500 || status === 503) return 550;
  return status;
}
