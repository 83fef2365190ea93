/**
 * Status codes the lab server produces, with their RFC reason phrases
 * (RFC 3261 §21, RFC 3265 §7.3.2, RFC 5626 §11.6), and how to build a response
 * to a request (RFC 3261 §8.2.6).
 */
import { getHeader, getHeaders, type HasHeaders, type SipHeader, type SipResponse } from './sip-message';
import { parseNameAddr, formatParams } from './sip-header-values';

export const REASON_PHRASES: Readonly<Record<number, string>> = {
  100: 'Trying', 180: 'Ringing', 183: 'Session Progress',
  200: 'OK', 202: 'Accepted',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  408: 'Request Timeout', 416: 'Unsupported URI Scheme', 420: 'Bad Extension', 423: 'Interval Too Brief', 430: 'Flow Failed',
  480: 'Temporarily Unavailable', 481: 'Call/Transaction Does Not Exist', 482: 'Loop Detected',
  483: 'Too Many Hops', 484: 'Address Incomplete', 486: 'Busy Here', 487: 'Request Terminated',
  489: 'Bad Event', 500: 'Server Internal Error', 501: 'Not Implemented', 502: 'Bad Gateway',
  503: 'Service Unavailable', 504: 'Server Time-out', 513: 'Message Too Large', 603: 'Decline',
};

export function reasonPhrase(status: number): string {
  return REASON_PHRASES[status] ?? 'Unknown';
}

export interface ResponseOptions {
  readonly reason?: string;
  /** Added after the copied headers. */
  readonly headers?: readonly SipHeader[];
  readonly body?: string;
  /** To-tag to add when the request's To has none (§8.2.6.2); ignored for 100. */
  readonly toTag?: string;
}

/**
 * §8.2.6.2: copy Via (all, in order), From, To, Call-ID and CSeq; add a To tag
 * unless the request already has one or the status is 100.
 */
export function responseTo(req: HasHeaders, status: number, options: ResponseOptions = {}): SipResponse {
  const headers: SipHeader[] = [];
  for (const via of getHeaders(req, 'Via')) headers.push({ name: 'Via', value: via });
  const from = getHeader(req, 'From');
  if (from !== undefined) headers.push({ name: 'From', value: from });
  let to = getHeader(req, 'To');
  if (to !== undefined && status !== 100 && options.toTag) {
    const addr = parseNameAddr(to);
    if (addr && addr.params['tag'] === undefined) to = `${to}${formatParams({ tag: options.toTag })}`;
  }
  if (to !== undefined) headers.push({ name: 'To', value: to });
  const callId = getHeader(req, 'Call-ID');
  if (callId !== undefined) headers.push({ name: 'Call-ID', value: callId });
  const cseq = getHeader(req, 'CSeq');
  if (cseq !== undefined) headers.push({ name: 'CSeq', value: cseq });
  headers.push(...(options.headers ?? []));
  return { kind: 'response', status, reason: options.reason ?? reasonPhrase(status), headers, body: options.body ?? '' };
}

/** True when a request carries what §8.2.6 needs to answer it. */
export function canAnswer(headers: readonly SipHeader[]): boolean {
  return ['Via', 'From', 'To', 'Call-ID', 'CSeq'].every((name) => headers.some((h) => h.name === name));
}
