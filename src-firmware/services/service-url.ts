/**
 * The little URL handling a phone needs, without the host's URL class:
 * the scheme and host of an absolute URL, resolving a relative reference
 * (RFC 3986 §5.2, simplified: no dot-segment removal), and appending a query.
 */
export interface UrlParts {
  readonly scheme: string;
  /** host[:port] as written. */
  readonly host: string;
  /** Path, query and fragment; '/' when empty. */
  readonly rest: string;
}

export function splitUrl(url: string): UrlParts | null {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#\s]+)([^\s]*)$/.exec(url.trim());
  if (!match || !match[1] || !match[2]) return null;
  return { scheme: match[1].toLowerCase(), host: match[2].toLowerCase(), rest: match[3] || '/' };
}

export function isHttpUrl(url: string): boolean {
  const parts = splitUrl(url);
  return parts !== null && (parts.scheme === 'http' || parts.scheme === 'https');
}

export function resolveUrl(base: string, reference: string): string {
  const target = reference.trim();
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(target)) return target;
  const parts = splitUrl(base);
  if (!parts) return target;
  const origin = `${parts.scheme}://${parts.host}`;
  if (target.startsWith('//')) return `${parts.scheme}:${target}`;
  if (target.startsWith('/')) return origin + target;
  const path = parts.rest.split(/[?#]/)[0] ?? '/';
  if (target.startsWith('?')) return origin + path + target;
  return origin + path.slice(0, path.lastIndexOf('/') + 1) + target;
}

/** Appends URL-encoded `name=value` pairs, as an Input's Submit does. */
export function withQuery(url: string, pairs: readonly (readonly [string, string])[]): string {
  if (pairs.length === 0) return url;
  const query = pairs.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
  const hash = url.indexOf('#');
  const head = hash >= 0 ? url.slice(0, hash) : url;
  const separator = head.includes('?') ? (head.endsWith('?') || head.endsWith('&') ? '' : '&') : '?';
  return head + separator + query + (hash >= 0 ? url.slice(hash) : '');
}
