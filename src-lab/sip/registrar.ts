/**
 * The registrar engine (RFC 3261 §10.3), with no sockets: it takes a decoded
 * REGISTER and the flow (connection) it arrived on, and returns the response.
 *
 * Authentication is HTTP Digest (§22.4, RFC 2617) with MD5 and qop=auth,
 * checked against a `CredentialSource` (the cluster's device database). Each
 * binding keeps the Call-ID of the REGISTER that made it (the service-control
 * NOTIFY quotes it, cisco-reference.md §6.1) and the flow it came on (RFC 5626
 * §5: WebSocket clients are reached over their connection, RFC 7118 §5.2).
 *
 * A binding's life:
 *
 *     REGISTER (expires > 0)      refresh (same contact)
 *   ───────────────────────► Active ◄──────┐
 *                              │  └────────┘
 *        Expires: 0 / `*` ─────┤──── timer ────► (expired event)
 *        flow closed ──────────┘──────────────► (unregister event)
 */
import { digestResponse, NonceAuthority } from './digest';
import { newTag } from './sip-ids';
import { getHeader, getHeaders, parseCSeqValue, type SipHeader, type SipRequest, type SipResponse } from './sip-message';
import { parseDigest, parseNameAddr, parseSipUri } from './sip-header-values';
import { responseTo } from './sip-status';
import type { SipClock } from './clock';

/** A line's SIP credentials as the device database stores them. */
export interface LineCredentials {
  readonly dn: string;
  readonly authName: string;
  readonly password: string;
}

/**
 * Where the registrar finds line credentials. `lookup` is called with a
 * directory number or a digest user name and returns the line that has it as
 * its `dn` or its `authName`, or null. It may be synchronous or async.
 */
export interface CredentialSource {
  lookup(dnOrAuthName: string): LineCredentials | null | Promise<LineCredentials | null>;
}

/** Opaque id of one transport connection (a WebSocket); URI-user safe, since it travels in Record-Route flow tokens. */
export type FlowId = string;

export interface Binding {
  readonly dn: string;
  /** The address-of-record, `sip:<dn>@<domain>` from the REGISTER's To. */
  readonly aor: string;
  /** The registered Contact URI (a WebSocket client's host is `*.invalid`). */
  readonly contact: string;
  /** `+sip.instance` of the contact (RFC 5626 §4.1), when given. */
  readonly instanceId?: string;
  /** The digest user name the REGISTER authenticated as. */
  readonly authName: string;
  /** Call-ID of the REGISTER that created or last refreshed this binding. */
  readonly callId: string;
  readonly cseq: number;
  readonly flow: FlowId;
  readonly registeredAt: number;
  readonly expiresAt: number;
  readonly userAgent?: string;
}

export type RegistrarEvent =
  | { readonly kind: 'register'; readonly binding: Binding; readonly refresh: boolean }
  | { readonly kind: 'unregister'; readonly binding: Binding; readonly reason: 'request' | 'flow-closed' }
  | { readonly kind: 'expired'; readonly binding: Binding }
  | { readonly kind: 'auth-failed'; readonly dn: string; readonly status: number; readonly reason: string };

export interface RegistrarOptions {
  /** Digest realm (§22.1), usually the cluster id. */
  readonly realm: string;
  readonly credentials: CredentialSource;
  readonly clock: SipClock;
  /** §10.3 step 7 / §20.23: shorter non-zero expiries get 423. Default 30 s. */
  readonly minExpires?: number;
  /** Longer expiries are cut to this. Default 3600 s. */
  readonly maxExpires?: number;
  /** Expiry when neither the contact nor the request gives one. Default 3600 s. */
  readonly defaultExpires?: number;
  /** How long a nonce stays fresh before `stale=true`. Default 300 s. */
  readonly nonceTtlSeconds?: number;
  readonly onEvent?: (event: RegistrarEvent) => void;
}

interface StoredBinding {
  binding: Binding;
  cancelTimer: () => void;
}

export class Registrar {
  private readonly bindings = new Map<string, Map<string, StoredBinding>>();
  private readonly nonces: NonceAuthority;
  private readonly nonceCounts = new Map<string, { nc: number; at: number }>();
  private readonly minExpires: number;
  private readonly maxExpires: number;
  private readonly defaultExpires: number;
  private readonly nonceTtlMs: number;

  constructor(private readonly options: RegistrarOptions) {
    this.minExpires = options.minExpires ?? 30;
    this.maxExpires = options.maxExpires ?? 3600;
    this.defaultExpires = options.defaultExpires ?? 3600;
    this.nonceTtlMs = (options.nonceTtlSeconds ?? 300) * 1000;
    this.nonces = new NonceAuthority(this.nonceTtlMs);
  }

  /** All live bindings, oldest first. */
  all(): Binding[] {
    return [...this.bindings.values()].flatMap((m) => [...m.values()].map((s) => s.binding))
      .sort((a, b) => a.registeredAt - b.registeredAt);
  }

  /** Live bindings of one DN, most recently registered first. */
  bindingsOf(dn: string): Binding[] {
    return [...(this.bindings.get(dn)?.values() ?? [])].map((s) => s.binding)
      .sort((a, b) => b.registeredAt - a.registeredAt);
  }

  /** True when `dn` is a line in the credential source. */
  async isKnownDn(dn: string): Promise<boolean> {
    const line = await this.options.credentials.lookup(dn);
    return line !== null && line.dn === dn;
  }

  /** RFC 5626 §5.2: a closed flow can no longer reach its contacts. */
  dropFlow(flow: FlowId): void {
    for (const [dn, perDn] of this.bindings) {
      for (const [key, stored] of perDn) {
        if (stored.binding.flow !== flow) continue;
        stored.cancelTimer();
        perDn.delete(key);
        this.options.onEvent?.({ kind: 'unregister', binding: stored.binding, reason: 'flow-closed' });
      }
      if (perDn.size === 0) this.bindings.delete(dn);
    }
  }

  /** Cancels every expiry timer; the registrar is unusable afterwards. */
  close(): void {
    for (const perDn of this.bindings.values()) for (const stored of perDn.values()) stored.cancelTimer();
    this.bindings.clear();
  }

  /** §10.3: processes a REGISTER that arrived on `flow`. */
  async handleRegister(request: SipRequest, flow: FlowId): Promise<SipResponse> {
    const toUri = parseSipUri(parseNameAddr(getHeader(request, 'To') ?? '')?.uri ?? '');
    if (!toUri?.user) return responseTo(request, 400, { reason: 'Bad To', toTag: newTag() });
    const dn = toUri.user;

    const auth = await this.authenticate(request, dn);
    if (auth.kind === 'challenge') return auth.response;

    const contacts = getHeaders(request, 'Contact');
    if (contacts.length === 0) return this.okWithBindings(request, dn);

    const cseq = parseCSeqValue(getHeader(request, 'CSeq') ?? '')?.seq ?? 0;
    const callId = getHeader(request, 'Call-ID') ?? '';
    const expiresHeader = parseExpires(getHeader(request, 'Expires'));

    if (contacts.some((c) => c.trim() === '*')) {
      if (contacts.length !== 1 || expiresHeader !== 0) return responseTo(request, 400, { reason: 'Bad wildcard Contact', toTag: newTag() });
      for (const stored of [...(this.bindings.get(dn)?.values() ?? [])]) {
        if (stored.binding.callId === callId && cseq <= stored.binding.cseq) continue;
        this.remove(dn, stored, 'request');
      }
      return this.okWithBindings(request, dn);
    }

    const updates: { contact: string; instanceId?: string; expires: number }[] = [];
    for (const value of contacts) {
      const addr = parseNameAddr(value);
      if (!addr || !parseSipUri(addr.uri)) return responseTo(request, 400, { reason: 'Bad Contact', toTag: newTag() });
      const expires = parseExpires(addr.params['expires'] ?? undefined) ?? expiresHeader ?? this.defaultExpires;
      if (expires > 0 && expires < this.minExpires) {
        return responseTo(request, 423, {
          toTag: newTag(),
          headers: [{ name: 'Min-Expires', value: String(this.minExpires) }],
        });
      }
      const instance = addr.params['+sip.instance'];
      updates.push({
        contact: addr.uri,
        expires: Math.min(expires, this.maxExpires),
        ...(instance ? { instanceId: instance.replace(/^"|"$/g, '') } : {}),
      });
    }

    const perDn = this.bindings.get(dn);
    for (const update of updates) {
      const existing = perDn?.get(update.instanceId ?? update.contact);
      if (existing && existing.binding.callId === callId && cseq <= existing.binding.cseq) {
        return responseTo(request, 400, { reason: 'CSeq out of order', toTag: newTag() });
      }
    }
    for (const update of updates) {
      const key = update.instanceId ?? update.contact;
      const existing = this.bindings.get(dn)?.get(key);
      if (update.expires === 0) {
        if (existing) this.remove(dn, existing, 'request');
        continue;
      }
      this.store(dn, key, {
        dn,
        aor: `sip:${dn}@${toUri.host}`,
        authName: auth.authName,
        contact: update.contact,
        callId,
        cseq,
        flow,
        registeredAt: this.options.clock.now(),
        expiresAt: this.options.clock.now() + update.expires * 1000,
        ...(update.instanceId ? { instanceId: update.instanceId } : {}),
        ...(getHeader(request, 'User-Agent') ? { userAgent: getHeader(request, 'User-Agent') as string } : {}),
      }, existing !== undefined);
    }
    return this.okWithBindings(request, dn);
  }

  /** §22.4 / RFC 2617 §3.2.2: verify the Authorization header or build the challenge. */
  private async authenticate(request: SipRequest, dn: string): Promise<{ kind: 'ok'; authName: string } | { kind: 'challenge'; response: SipResponse }> {
    const now = this.options.clock.now();
    const authorization = getHeaders(request, 'Authorization')
      .map((value) => parseDigest(value))
      .find((d) => d?.scheme === 'digest' && d.params['realm'] === this.options.realm);
    if (!authorization) return { kind: 'challenge', response: this.challenge(request, false) };

    const p = authorization.params;
    const username = p['username'];
    const nonce = p['nonce'];
    const uri = p['uri'];
    const given = p['response'];
    if (!username || !nonce || !uri || !given) return { kind: 'challenge', response: this.reject(request, dn, 400, 'Incomplete Authorization') };
    if (p['algorithm'] && p['algorithm'].toUpperCase() !== 'MD5') return { kind: 'challenge', response: this.challenge(request, false) };

    const line = await this.options.credentials.lookup(username);
    if (!line || line.authName !== username) return { kind: 'challenge', response: this.reject(request, dn, 403, 'Unknown user') };

    const freshness = this.nonces.check(nonce, now);
    if (freshness === 'invalid') return { kind: 'challenge', response: this.challenge(request, false) };

    const qop = p['qop'];
    if (qop !== undefined && qop !== 'auth') return { kind: 'challenge', response: this.challenge(request, false) };
    const expected = digestResponse({
      username, realm: this.options.realm, password: line.password, method: request.method, uri, nonce,
      ...(qop === 'auth' ? { qop: 'auth' as const, nc: p['nc'] ?? '', cnonce: p['cnonce'] ?? '' } : {}),
    });
    if (expected !== given.toLowerCase()) return { kind: 'challenge', response: this.reject(request, dn, 403, 'Wrong password') };
    if (freshness === 'stale') return { kind: 'challenge', response: this.challenge(request, true) };
    if (qop === 'auth' && !this.acceptNonceCount(nonce, p['nc'] ?? '', now)) {
      return { kind: 'challenge', response: this.challenge(request, true) };
    }
    if (line.dn !== dn) return { kind: 'challenge', response: this.reject(request, dn, 403, 'Not allowed to register this line') };
    return { kind: 'ok', authName: line.authName };
  }

  /** RFC 2617 §3.2.2: nc must grow for each use of a nonce (replay protection). */
  private acceptNonceCount(nonce: string, ncText: string, now: number): boolean {
    const nc = parseInt(ncText, 16);
    if (!/^[0-9a-fA-F]{8}$/.test(ncText) || !Number.isFinite(nc)) return false;
    if (this.nonceCounts.size > 1024) {
      for (const [key, seen] of this.nonceCounts) if (now - seen.at > this.nonceTtlMs * 2) this.nonceCounts.delete(key);
    }
    const seen = this.nonceCounts.get(nonce);
    if (seen && nc <= seen.nc) return false;
    this.nonceCounts.set(nonce, { nc, at: now });
    return true;
  }

  private challenge(request: SipRequest, stale: boolean): SipResponse {
    const nonce = this.nonces.issue(this.options.clock.now());
    const value = `Digest realm="${this.options.realm}", nonce="${nonce}", algorithm=MD5, qop="auth"${stale ? ', stale=true' : ''}`;
    return responseTo(request, 401, { toTag: newTag(), headers: [{ name: 'WWW-Authenticate', value }] });
  }

  private reject(request: SipRequest, dn: string, status: number, reason: string): SipResponse {
    this.options.onEvent?.({ kind: 'auth-failed', dn, status, reason });
    return responseTo(request, status, { reason, toTag: newTag() });
  }

  /** §10.3 step 8: 200 listing every current binding of the AOR with its remaining expiry. */
  private okWithBindings(request: SipRequest, dn: string): SipResponse {
    const now = this.options.clock.now();
    const headers: SipHeader[] = this.bindingsOf(dn).map((b) => ({
      name: 'Contact',
      value: `<${b.contact}>;expires=${Math.max(0, Math.round((b.expiresAt - now) / 1000))}`,
    }));
    headers.push({ name: 'Date', value: new Date(now).toUTCString() });
    return responseTo(request, 200, { toTag: newTag(), headers });
  }

  private store(dn: string, key: string, binding: Binding, refresh: boolean): void {
    let perDn = this.bindings.get(dn);
    if (!perDn) {
      perDn = new Map();
      this.bindings.set(dn, perDn);
    }
    perDn.get(key)?.cancelTimer();
    const stored: StoredBinding = {
      binding,
      cancelTimer: this.options.clock.setTimer(binding.expiresAt - this.options.clock.now(), () => this.expire(dn, key, stored)),
    };
    perDn.set(key, stored);
    this.options.onEvent?.({ kind: 'register', binding, refresh });
  }

  private expire(dn: string, key: string, stored: StoredBinding): void {
    const perDn = this.bindings.get(dn);
    if (perDn?.get(key) !== stored) return;
    perDn.delete(key);
    if (perDn.size === 0) this.bindings.delete(dn);
    this.options.onEvent?.({ kind: 'expired', binding: stored.binding });
  }

  private remove(dn: string, stored: StoredBinding, reason: 'request' | 'flow-closed'): void {
    const perDn = this.bindings.get(dn);
    if (!perDn) return;
    for (const [key, s] of perDn) {
      if (s !== stored) continue;
      s.cancelTimer();
      perDn.delete(key);
    }
    if (perDn.size === 0) this.bindings.delete(dn);
    this.options.onEvent?.({ kind: 'unregister', binding: stored.binding, reason });
  }
}

/** §20.19 Expires = delta-seconds; anything else is ignored. */
function parseExpires(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d{1,10}\s*$/.test(value)) return undefined;
  return Number(value);
}
