/**
 * SIP message codec (RFC 3261 §7 message format, §20 header fields, §25 ABNF).
 *
 * Pure functions: `parseSipMessage` turns one wire message (one WebSocket text
 * frame, RFC 7118 §5.1) into a `SipMessage`; `serializeSipMessage` does the
 * reverse and always writes a correct Content-Length (§20.14).
 *
 * Header names are canonicalised (compact forms expanded, §7.3.3) and headers
 * that may carry comma-separated lists (Via, Contact, Route, Record-Route, …,
 * §7.3.1) are split into one entry per value, in wire order.
 */

export const SIP_VERSION = 'SIP/2.0';

export interface SipHeader {
  /** Canonical name, e.g. `Via`, `Call-ID`, `WWW-Authenticate`. */
  readonly name: string;
  readonly value: string;
}

interface SipMessageBase {
  readonly headers: SipHeader[];
  /** The body as text; `''` when absent. */
  readonly body: string;
}

export interface SipRequest extends SipMessageBase {
  readonly kind: 'request';
  readonly method: string;
  readonly uri: string;
}

export interface SipResponse extends SipMessageBase {
  readonly kind: 'response';
  readonly status: number;
  readonly reason: string;
}

export type SipMessage = SipRequest | SipResponse;

/** What went wrong while parsing; lets the server decide between 400 and drop. */
export type SipParseErrorCode =
  | 'empty'
  | 'start-line'
  | 'header-syntax'
  | 'content-length'
  | 'missing-header'
  | 'cseq';

/**
 * A message that is not valid SIP. `partial` carries whatever was recovered
 * (the request line and the headers that did parse) so a server can still
 * answer 400 (RFC 3261 §8.2.6, §16.3 step 1) when Via, From, To, Call-ID and
 * CSeq are present.
 */
export class SipParseError extends Error {
  constructor(
    readonly code: SipParseErrorCode,
    message: string,
    readonly partial?: { method?: string; uri?: string; headers: SipHeader[] },
  ) {
    super(message);
    this.name = 'SipParseError';
  }
}

/** RFC 3261 §7.3.3 compact forms, plus RFC 3515 (r), RFC 3891 / 4028 / 3265 ones. */
const COMPACT_FORMS: Readonly<Record<string, string>> = {
  i: 'Call-ID', m: 'Contact', e: 'Content-Encoding', l: 'Content-Length', c: 'Content-Type',
  f: 'From', s: 'Subject', k: 'Supported', t: 'To', v: 'Via', o: 'Event', r: 'Refer-To',
  u: 'Allow-Events', b: 'Referred-By', x: 'Session-Expires', a: 'Accept-Contact',
};

/** Canonical spellings where the title-case rule does not give the RFC name. */
const CANONICAL_NAMES: Readonly<Record<string, string>> = {
  'call-id': 'Call-ID', cseq: 'CSeq', 'www-authenticate': 'WWW-Authenticate', 'mime-version': 'MIME-Version',
  'rack': 'RAck', 'rseq': 'RSeq', 'sip-etag': 'SIP-ETag', 'sip-if-match': 'SIP-If-Match',
};

/** Headers whose value is a comma-separated list of entries (§7.3.1). */
const LIST_HEADERS = new Set([
  'via', 'contact', 'route', 'record-route', 'allow', 'supported', 'require', 'proxy-require',
  'unsupported', 'accept', 'accept-encoding', 'accept-language', 'allow-events', 'path',
]);

/** Headers a request must carry (RFC 3261 §8.1.1); Max-Forwards is defaulted by the proxy. */
const MANDATORY_REQUEST_HEADERS = ['Via', 'From', 'To', 'Call-ID', 'CSeq'] as const;

const TOKEN = /^[A-Za-z0-9\-.!%*_+`'~]+$/;

export function canonicalHeaderName(name: string): string {
  const lower = name.trim().toLowerCase();
  const compact = COMPACT_FORMS[lower];
  if (compact) return compact;
  const special = CANONICAL_NAMES[lower];
  if (special) return special;
  return lower.replace(/(^|-)([a-z])/g, (_m, dash: string, ch: string) => dash + ch.toUpperCase());
}

/**
 * Splits a header value on commas that are outside quotes and angle brackets
 * (§7.3.1). `Contact: *` stays one entry.
 */
export function splitHeaderList(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  let inQuotes = false;
  let inAngle = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    if (inQuotes) {
      current += ch;
      if (ch === '\\' && i + 1 < value.length) current += value[++i] as string;
      else if (ch === '"') inQuotes = false;
      continue;
    }
    if (ch === '"') inQuotes = true;
    else if (ch === '<') inAngle = true;
    else if (ch === '>') inAngle = false;
    if (ch === ',' && !inAngle) {
      if (current.trim()) parts.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function byteLength(text: string): number {
  return encoder.encode(text).length;
}

/** Parses one SIP message. Throws `SipParseError` on malformed input. */
export function parseSipMessage(raw: string): SipMessage {
  const text = raw.replace(/^(\r?\n)+/, '');
  if (!text.trim()) throw new SipParseError('empty', 'empty message');
  const split = findHeaderEnd(text);
  const head = text.slice(0, split.index);
  const rawBody = split.index < 0 ? '' : text.slice(split.index + split.length);
  const lines = unfold(split.index < 0 ? text : head);
  const startLine = lines.shift() ?? '';
  const start = parseStartLine(startLine);

  const headers: SipHeader[] = [];
  let badLine: string | undefined;
  for (const line of lines) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!name || !TOKEN.test(name)) {
      badLine ??= line;
      continue;
    }
    const canonical = canonicalHeaderName(name);
    const value = line.slice(colon + 1).trim();
    if (LIST_HEADERS.has(canonical.toLowerCase()) && value !== '*') {
      for (const item of splitHeaderList(value)) headers.push({ name: canonical, value: item });
    } else {
      headers.push({ name: canonical, value });
    }
  }

  const partial = start.kind === 'request' ? { method: start.method, uri: start.uri, headers } : { headers };
  if (start.kind === 'invalid') throw new SipParseError('start-line', `bad start line: ${truncate(startLine)}`, { headers });
  if (badLine !== undefined) throw new SipParseError('header-syntax', `bad header line: ${truncate(badLine)}`, partial);

  const body = sliceBody(rawBody, headers, partial);

  if (start.kind === 'request') {
    for (const name of MANDATORY_REQUEST_HEADERS) {
      if (!headers.some((h) => h.name === name)) {
        throw new SipParseError('missing-header', `missing ${name}`, partial);
      }
    }
    const cseq = headers.find((h) => h.name === 'CSeq');
    const parsedCseq = cseq ? parseCSeqValue(cseq.value) : null;
    if (!parsedCseq || parsedCseq.method !== start.method) {
      throw new SipParseError('cseq', 'CSeq does not match the request method', partial);
    }
    return { kind: 'request', method: start.method, uri: start.uri, headers, body };
  }
  return { kind: 'response', status: start.status, reason: start.reason, headers, body };
}

/** Serialises a message; Content-Length is recomputed from the body (§20.14). */
export function serializeSipMessage(message: SipMessage): string {
  const startLine = message.kind === 'request'
    ? `${message.method} ${message.uri} ${SIP_VERSION}`
    : `${SIP_VERSION} ${message.status} ${message.reason}`;
  const lines = [startLine];
  for (const h of message.headers) {
    if (h.name === 'Content-Length') continue;
    lines.push(`${h.name}: ${h.value}`);
  }
  lines.push(`Content-Length: ${byteLength(message.body)}`);
  return `${lines.join('\r\n')}\r\n\r\n${message.body}`;
}

type StartLine =
  | { kind: 'request'; method: string; uri: string }
  | { kind: 'response'; status: number; reason: string }
  | { kind: 'invalid' };

/** §7.1 Request-Line and §7.2 Status-Line. */
function parseStartLine(line: string): StartLine {
  const status = /^SIP\/2\.0 ([1-6]\d\d) ?(.*)$/.exec(line);
  if (status) return { kind: 'response', status: Number(status[1]), reason: status[2] ?? '' };
  const request = /^([A-Za-z0-9\-.!%*_+`'~]+) (\S+) SIP\/2\.0$/.exec(line);
  if (request && /^[A-Za-z][A-Za-z0-9+\-.]*:\S+$/.test(request[2] as string)) {
    return { kind: 'request', method: request[1] as string, uri: request[2] as string };
  }
  return { kind: 'invalid' };
}

function findHeaderEnd(text: string): { index: number; length: number } {
  const crlf = text.indexOf('\r\n\r\n');
  const lf = text.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { index: crlf, length: 4 };
  if (lf >= 0) return { index: lf, length: 2 };
  return { index: -1, length: 0 };
}

/** §7.3.1: a line starting with whitespace continues the previous header. */
function unfold(head: string): string[] {
  const out: string[] = [];
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && out.length > 1) out[out.length - 1] += ` ${line.trim()}`;
    else out.push(line);
  }
  return out;
}

/**
 * §18.3: over a message-oriented transport a body longer than Content-Length is
 * truncated, a shorter one is an error; without Content-Length the rest of the
 * frame is the body (RFC 7118 §5.1 frames carry exactly one message).
 */
function sliceBody(rawBody: string, headers: SipHeader[], partial: SipParseError['partial']): string {
  const lengthHeader = headers.find((h) => h.name === 'Content-Length');
  if (!lengthHeader) return rawBody;
  if (!/^\d+$/.test(lengthHeader.value)) {
    throw new SipParseError('content-length', `bad Content-Length: ${truncate(lengthHeader.value)}`, partial);
  }
  const declared = Number(lengthHeader.value);
  const bytes = encoder.encode(rawBody);
  if (bytes.length < declared) {
    throw new SipParseError('content-length', `body is ${bytes.length} bytes, Content-Length says ${declared}`, partial);
  }
  return bytes.length === declared ? rawBody : decoder.decode(bytes.slice(0, declared));
}

/** §20.16 CSeq = 1*DIGIT LWS Method. */
export function parseCSeqValue(value: string): { seq: number; method: string } | null {
  const m = /^(\d{1,10})\s+([A-Za-z0-9\-.!%*_+`'~]+)$/.exec(value.trim());
  if (!m) return null;
  const seq = Number(m[1]);
  if (seq > 0xffffffff) return null;
  return { seq, method: m[2] as string };
}

function truncate(s: string): string {
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

/** Anything that carries headers: a message, or the partial one a `SipParseError` recovered. */
export interface HasHeaders {
  readonly headers: readonly SipHeader[];
}

export function getHeader(message: HasHeaders, name: string): string | undefined {
  const canonical = canonicalHeaderName(name);
  return message.headers.find((h) => h.name === canonical)?.value;
}

export function getHeaders(message: HasHeaders, name: string): string[] {
  const canonical = canonicalHeaderName(name);
  return message.headers.filter((h) => h.name === canonical).map((h) => h.value);
}

/** Returns a copy with every `name` header replaced by `values` at the first one's position (or appended). */
export function withHeader<T extends SipMessage>(message: T, name: string, ...values: string[]): T {
  const canonical = canonicalHeaderName(name);
  const index = message.headers.findIndex((h) => h.name === canonical);
  const rest = message.headers.filter((h) => h.name !== canonical);
  const at = index < 0 ? rest.length : message.headers.slice(0, index).filter((h) => h.name !== canonical).length;
  const headers = [...rest.slice(0, at), ...values.map((value) => ({ name: canonical, value })), ...rest.slice(at)];
  return { ...message, headers };
}

/** Returns a copy with `value` inserted before the first `name` header (or at the top when none). */
export function withHeaderOnTop<T extends SipMessage>(message: T, name: string, value: string): T {
  const canonical = canonicalHeaderName(name);
  const index = message.headers.findIndex((h) => h.name === canonical);
  const headers = [...message.headers];
  headers.splice(index < 0 ? 0 : index, 0, { name: canonical, value });
  return { ...message, headers };
}

/** Returns a copy without the first `name` header. */
export function withoutTopHeader<T extends SipMessage>(message: T, name: string): T {
  const canonical = canonicalHeaderName(name);
  const index = message.headers.findIndex((h) => h.name === canonical);
  if (index < 0) return message;
  return { ...message, headers: message.headers.filter((_h, i) => i !== index) };
}

export function withoutHeader<T extends SipMessage>(message: T, name: string): T {
  const canonical = canonicalHeaderName(name);
  return { ...message, headers: message.headers.filter((h) => h.name !== canonical) };
}
