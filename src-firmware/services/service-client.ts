import type { Board } from '../board';
import { decodeXmlBytes } from '../xml/text-decoding';
import { MAX_OBJECT_BYTES, PhoneObjectError, parsePhoneObject, type PhoneObject } from './phone-objects';
import { isHttpUrl, resolveUrl, splitUrl } from './service-url';

/**
 * The phone's HTTP client for IP Phone Services (cisco-reference.md §3.3):
 * the headers a 7960 sends, `#DEVICENAME#` substitution, cookies kept per
 * host, `Refresh` and `Expires` read from the answer, a timeout, and a size
 * cap. Every failure becomes the text a 7960 shows on its prompt line.
 */

export const MODEL_HEADER = 'CP-7960G';
export const DISPLAY_HEADER = '133, 65, 2, G';
export const SDK_VERSION = '3.0.1';
const ACCEPT = [
  'x-CiscoIPPhone/Menu', 'x-CiscoIPPhone/Text', 'x-CiscoIPPhone/Input', 'x-CiscoIPPhone/Directory',
  'x-CiscoIPPhone/Image', 'x-CiscoIPPhone/Graphic', 'x-CiscoIPPhone/GraphicMenu', 'x-CiscoIPPhone/IconMenu',
  'x-CiscoIPPhone/Status', 'x-CiscoIPPhone/Execute', 'x-CiscoIPPhone/Response', 'x-CiscoIPPhone/Error',
  'text/xml', 'text/*', 'image/png',
].join(', ');

export const SERVICE_TIMEOUT_MS = 10_000;
const MAX_COOKIES_PER_HOST = 4;
const MAX_COOKIE_BYTES = 255;

export interface Refresh {
  readonly seconds: number;
  /** Absolute URL to load after `seconds`; the same URL when the header names none. */
  readonly url: string;
}

export type ServiceAnswer =
  | { readonly ok: true; readonly url: string; readonly object: PhoneObject; readonly refresh?: Refresh; readonly expiresAt?: number }
  | { readonly ok: false; readonly url: string; readonly message: string };

export class ServiceClient {
  /** host → cookie name → value */
  private readonly cookies = new Map<string, Map<string, string>>();

  constructor(private readonly board: Board, private readonly deviceName: () => string) {}

  /** Replaces `#DEVICENAME#` as the phone does before every request. */
  expandUrl(url: string): string {
    return url.replace(/#DEVICENAME#/g, this.deviceName());
  }

  async get(rawUrl: string): Promise<ServiceAnswer> {
    const url = this.expandUrl(rawUrl.trim());
    const parsed = splitUrl(url);
    if (!parsed || !isHttpUrl(url)) return { ok: false, url, message: 'Host Not Found' };
    const headers: Record<string, string> = {
      'x-CiscoIPPhoneModelName': MODEL_HEADER,
      'x-CiscoIPPhoneDisplay': DISPLAY_HEADER,
      'x-CiscoIPPhoneSDKVersion': SDK_VERSION,
      Accept: ACCEPT,
      'Accept-Language': 'en',
      'Accept-Charset': 'iso-8859-1,utf-8;q=0.8',
      'User-Agent': 'Allegro-Software-WebClient/4.34',
    };
    const cookie = this.cookieHeader(parsed.host);
    if (cookie) headers.Cookie = cookie;
    const result = await this.board.httpRequest({ method: 'GET', url, headers, timeoutMs: SERVICE_TIMEOUT_MS, maxBytes: MAX_OBJECT_BYTES });
    switch (result.outcome) {
      case 'host-not-found':
      case 'connection-failed':
        return { ok: false, url, message: 'Host Not Found' };
      case 'timeout':
        return { ok: false, url, message: 'HTTP Error [10]: Request Timed Out' };
      case 'too-large':
        return { ok: false, url, message: 'Data too large!' };
      default:
        break;
    }
    this.keepCookies(parsed.host, result.setCookies);
    if (result.status < 200 || result.status >= 300) return { ok: false, url, message: `HTTP Error [${result.status}]` };
    let object: PhoneObject;
    try {
      object = parsePhoneObject(decodeXmlBytes(result.body));
    } catch (error) {
      if (error instanceof PhoneObjectError) return { ok: false, url, message: error.message };
      throw error;
    }
    const refresh = readRefresh(result.headers.refresh, url);
    const expiresAt = readExpires(result.headers.expires, this.board.clock.now());
    return {
      ok: true,
      url,
      object,
      ...(refresh ? { refresh } : {}),
      ...(expiresAt !== undefined ? { expiresAt } : {}),
    };
  }

  private cookieHeader(host: string): string {
    const jar = this.cookies.get(host);
    return jar ? [...jar].map(([name, value]) => `${name}=${value}`).join('; ') : '';
  }

  private keepCookies(host: string, setCookies: readonly string[]): void {
    for (const header of setCookies) {
      const pair = header.split(';')[0] ?? '';
      const equals = pair.indexOf('=');
      if (equals <= 0 || pair.length > MAX_COOKIE_BYTES) continue;
      const name = pair.slice(0, equals).trim();
      const value = pair.slice(equals + 1).trim();
      const jar = this.cookies.get(host) ?? new Map<string, string>();
      const expired = /;\s*max-age\s*=\s*0\b/i.test(header) || /;\s*expires\s*=\s*Thu, 01 Jan 1970/i.test(header);
      jar.delete(name);
      if (!expired) jar.set(name, value);
      while (jar.size > MAX_COOKIES_PER_HOST) jar.delete(jar.keys().next().value as string);
      this.cookies.set(host, jar);
    }
  }
}

/** `Refresh: 5; url=http://…` (RFC-less but universal); relative URLs resolve against the page. */
export function readRefresh(header: string | undefined, base: string): Refresh | undefined {
  if (!header) return undefined;
  const match = /^\s*(\d+)\s*(?:[;,]\s*url\s*=\s*(.+))?$/i.exec(header);
  if (!match) return undefined;
  const target = match[2]?.trim().replace(/^["']|["']$/g, '');
  return { seconds: Number(match[1]), url: target ? resolveUrl(base, target) : base };
}

/** `Expires`: an HTTP date, or 0 / -1 meaning already expired. */
export function readExpires(header: string | undefined, now: number): number | undefined {
  if (header === undefined) return undefined;
  if (/^\s*-?\d+\s*$/.test(header)) return now - 1;
  const at = parseHttpDate(header);
  return Number.isNaN(at) ? now - 1 : at;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** IMF-fixdate (RFC 9110 §5.6.7): `Sun, 06 Nov 1994 08:49:37 GMT`. */
export function parseHttpDate(text: string): number {
  const match = /(\d{1,2})[ -]([A-Za-z]{3})[ -](\d{2,4}) (\d{2}):(\d{2}):(\d{2})/.exec(text);
  if (!match) return Number.NaN;
  const month = MONTHS.indexOf((match[2] ?? '').toLowerCase());
  if (month < 0) return Number.NaN;
  let year = Number(match[3]);
  if (year < 100) year += year < 70 ? 2000 : 1900;
  return Date.UTC(year, month, Number(match[1]), Number(match[4]), Number(match[5]), Number(match[6]));
}
