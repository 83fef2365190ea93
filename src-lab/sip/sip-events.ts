/**
 * Structured events the lab's SIP server emits for the lab log and `/api/state`.
 * Every event names its cluster; `dn` is the directory number concerned
 * (absent only for errors that cannot be tied to a line).
 */

export type CallState = 'setup' | 'ringing' | 'connected' | 'failed' | 'cancelled' | 'ended';

type SipEventBase = {
  readonly type: 'sip';
  readonly cluster: string;
  /** ISO 8601 time from the server's clock (the lab event log's format). */
  readonly at: string;
};

export type SipLabEvent =
  | (SipEventBase & { readonly kind: 'register'; readonly dn: string; readonly contact: string; readonly callId: string; readonly expiresAt: number; readonly refresh: boolean })
  | (SipEventBase & { readonly kind: 'unregister'; readonly dn: string; readonly contact: string; readonly reason: 'request' | 'flow-closed' })
  | (SipEventBase & { readonly kind: 'expired'; readonly dn: string; readonly contact: string })
  | (SipEventBase & { readonly kind: 'call'; readonly dn: string; readonly from: string; readonly callId: string; readonly state: CallState; readonly status?: number })
  | (SipEventBase & { readonly kind: 'notify'; readonly dn: string; readonly event: string; readonly action?: string; readonly status?: number; readonly error?: string })
  | (SipEventBase & { readonly kind: 'error'; readonly dn?: string; readonly message: string; readonly status?: number });

/** Distributes `Omit<SipLabEvent, 'type' | 'cluster' | 'at'>` over the union. */
export type SipEventBody = SipLabEvent extends infer E ? (E extends SipLabEvent ? Omit<E, 'type' | 'cluster' | 'at'> : never) : never;
