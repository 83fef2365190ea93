/**
 * Parsers and printers for structured SIP header values: SIP URIs (RFC 3261
 * §19.1), name-addr / addr-spec with header parameters (§20.10, §25.1), Via
 * (§20.42) and digest credentials/challenges (§25.1, RFC 2617 §3.2). Pure.
 */

export type SipParams = Record<string, string | null>;

export interface SipUri {
  readonly scheme: 'sip' | 'sips';
  readonly user?: string;
  readonly password?: string;
  readonly host: string;
  readonly port?: number;
  /** uri-parameters (`;transport=ws;lr`); a flag parameter maps to `null`. */
  readonly params: SipParams;
  /** `?name=value` headers, still escaped. */
  readonly headers?: string;
}

export interface NameAddr {
  readonly displayName?: string;
  readonly uri: string;
  /** header parameters after the address (`;tag=…`, `;expires=…`). */
  readonly params: SipParams;
}

export interface ViaValue {
  readonly protocol: string;
  readonly transport: string;
  readonly host: string;
  readonly port?: number;
  readonly params: SipParams;
}

/** Splits `;a=b;c` on semicolons outside quotes. */
export function parseParams(text: string): SipParams {
  const params: SipParams = {};
  for (const part of splitOutsideQuotes(text, ';')) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const eq = trimmed.indexOf('=');
    if (eq < 0) params[trimmed.toLowerCase()] = null;
    else params[trimmed.slice(0, eq).trim().toLowerCase()] = trimmed.slice(eq + 1).trim();
  }
  return params;
}

export function formatParams(params: SipParams): string {
  return Object.entries(params).map(([k, v]) => (v === null ? `;${k}` : `;${k}=${v}`)).join('');
}

/** §19.1.1: `sip:user:password@host:port;uri-parameters?headers`. Returns null if not a SIP URI. */
export function parseSipUri(text: string): SipUri | null {
  const m = /^(sips?):(?:([^:@;?]*)(?::([^@;?]*))?@)?(\[[0-9A-Fa-f:.]+\]|[^:;?]+)(?::(\d{1,5}))?((?:;[^?]*)?)(?:\?(.*))?$/i.exec(text.trim());
  if (!m) return null;
  const host = m[4] as string;
  if (!/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9\-.]+)$/.test(host)) return null;
  const uri: SipUri = {
    scheme: (m[1] as string).toLowerCase() as 'sip' | 'sips',
    host: host.toLowerCase(),
    params: parseParams(m[6] ?? ''),
    ...(m[2] !== undefined && m[2] !== '' ? { user: m[2] } : {}),
    ...(m[3] !== undefined ? { password: m[3] } : {}),
    ...(m[5] !== undefined ? { port: Number(m[5]) } : {}),
    ...(m[7] !== undefined ? { headers: m[7] } : {}),
  };
  return uri;
}

export function formatSipUri(uri: SipUri): string {
  const userinfo = uri.user !== undefined ? `${uri.user}${uri.password !== undefined ? `:${uri.password}` : ''}@` : '';
  const port = uri.port !== undefined ? `:${uri.port}` : '';
  const headers = uri.headers !== undefined ? `?${uri.headers}` : '';
  return `${uri.scheme}:${userinfo}${uri.host}${port}${formatParams(uri.params)}${headers}`;
}

/**
 * §20.10 / §25.1: `"Display" <uri>;params`, `Display <uri>;params` or a bare
 * addr-spec `uri;params` (whose `;params` are header parameters, not URI ones).
 */
export function parseNameAddr(text: string): NameAddr | null {
  const value = text.trim();
  const open = indexOutsideQuotes(value, '<');
  if (open >= 0) {
    const close = value.indexOf('>', open);
    if (close < 0) return null;
    const uri = value.slice(open + 1, close).trim();
    if (!uri) return null;
    let displayName = value.slice(0, open).trim();
    if (displayName.startsWith('"') && displayName.endsWith('"') && displayName.length >= 2) {
      displayName = displayName.slice(1, -1).replace(/\\(.)/g, '$1');
    }
    return {
      uri,
      params: parseParams(value.slice(close + 1)),
      ...(displayName ? { displayName } : {}),
    };
  }
  const semi = value.indexOf(';');
  const uri = semi < 0 ? value : value.slice(0, semi);
  if (!uri || /\s/.test(uri) || !uri.includes(':')) return null;
  return { uri, params: parseParams(semi < 0 ? '' : value.slice(semi)) };
}

export function formatNameAddr(addr: NameAddr): string {
  const display = addr.displayName ? `"${addr.displayName.replace(/(["\\])/g, '\\$1')}" ` : '';
  return `${display}<${addr.uri}>${formatParams(addr.params)}`;
}

/** §20.42: `SIP/2.0/WS host:port;branch=…;received=…`. */
export function parseVia(text: string): ViaValue | null {
  const m = /^([A-Za-z0-9\-.!%*_+`'~]+\/[A-Za-z0-9\-.!%*_+`'~]+)\/([A-Za-z0-9\-.!%*_+`'~]+)\s+(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9\-.]+)(?::(\d{1,5}))?\s*((?:;.*)?)$/.exec(text.trim());
  if (!m) return null;
  return {
    protocol: m[1] as string,
    transport: (m[2] as string).toUpperCase(),
    host: (m[3] as string).toLowerCase(),
    params: parseParams(m[5] ?? ''),
    ...(m[4] !== undefined ? { port: Number(m[4]) } : {}),
  };
}

export function formatVia(via: ViaValue): string {
  const port = via.port !== undefined ? `:${via.port}` : '';
  return `${via.protocol}/${via.transport} ${via.host}${port}${formatParams(via.params)}`;
}

/**
 * RFC 2617 §3.2.1 / §3.2.2 (RFC 3261 §25.1 `challenge` / `credentials`):
 * `Digest a="b", c=d`. Returns lower-case parameter names with quotes removed.
 */
export function parseDigest(text: string): { scheme: string; params: Record<string, string> } | null {
  const m = /^\s*([A-Za-z]+)\s+(.*)$/s.exec(text);
  if (!m) return null;
  const params: Record<string, string> = {};
  for (const part of splitOutsideQuotes(m[2] as string, ',')) {
    const eq = part.indexOf('=');
    if (eq < 0) {
      if (part.trim()) return null;
      continue;
    }
    const name = part.slice(0, eq).trim().toLowerCase();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"')) {
      if (!value.endsWith('"') || value.length < 2) return null;
      value = value.slice(1, -1).replace(/\\(.)/g, '$1');
    }
    params[name] = value;
  }
  return { scheme: (m[1] as string).toLowerCase(), params };
}

/** The `tag` parameter of a From or To header value. */
export function tagOf(headerValue: string | undefined): string | undefined {
  if (headerValue === undefined) return undefined;
  const tag = parseNameAddr(headerValue)?.params['tag'];
  return tag ?? undefined;
}

/** The user part of the URI inside a From/To/Contact header value. */
export function userOf(headerValue: string | undefined): string | undefined {
  if (headerValue === undefined) return undefined;
  const addr = parseNameAddr(headerValue);
  return addr ? parseSipUri(addr.uri)?.user : undefined;
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (inQuotes && ch === '\\' && i + 1 < text.length) {
      current += ch + (text[++i] as string);
      continue;
    }
    if (ch === '"') inQuotes = !inQuotes;
    if (ch === separator && !inQuotes) {
      parts.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  parts.push(current);
  return parts;
}

function indexOutsideQuotes(text: string, ch: string): number {
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes && c === '\\') {
      i++;
      continue;
    }
    if (c === '"') inQuotes = !inQuotes;
    else if (c === ch && !inQuotes) return i;
  }
  return -1;
}
