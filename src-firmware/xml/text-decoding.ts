/**
 * Bytes to text for XML documents, without a host's TextDecoder.
 *
 * Encoding is chosen as XML 1.0 Appendix F describes: a UTF-8 byte-order mark
 * wins, then the `encoding` of the XML declaration (UTF-8, ISO-8859-1 and its
 * aliases, US-ASCII, windows-1252 read as Latin-1), else UTF-8. Invalid
 * UTF-8 sequences become U+FFFD rather than failing.
 */
export type XmlCharset = 'utf-8' | 'iso-8859-1';

const LATIN1_NAMES = new Set(['iso-8859-1', 'iso8859-1', 'latin1', 'latin-1', 'l1', 'iso_8859-1', 'windows-1252', 'cp1252', 'us-ascii', 'ascii']);

export function declaredCharset(bytes: Uint8Array): XmlCharset {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  let head = '';
  for (let i = 0; i < Math.min(bytes.length, 200); i++) head += String.fromCharCode(bytes[i] ?? 0);
  const match = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
  if (match && match[1] && LATIN1_NAMES.has(match[1].toLowerCase())) return 'iso-8859-1';
  return 'utf-8';
}

export function decodeLatin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return out;
}

export function decodeUtf8(bytes: Uint8Array): string {
  const codes: number[] = [];
  let out = '';
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const flush = (): void => {
    out += String.fromCodePoint(...codes);
    codes.length = 0;
  };
  while (i < bytes.length) {
    const b0 = bytes[i] ?? 0;
    let code = 0xfffd;
    let length = 1;
    if (b0 < 0x80) {
      code = b0;
    } else if (b0 >= 0xc2 && b0 < 0xe0) {
      length = 2;
    } else if (b0 >= 0xe0 && b0 < 0xf0) {
      length = 3;
    } else if (b0 >= 0xf0 && b0 < 0xf5) {
      length = 4;
    }
    if (length > 1) {
      let value = b0 & (0xff >> (length + 1));
      let valid = i + length <= bytes.length;
      for (let k = 1; valid && k < length; k++) {
        const next = bytes[i + k] ?? 0;
        if ((next & 0xc0) !== 0x80) valid = false;
        else value = (value << 6) | (next & 0x3f);
      }
      const minimum = length === 2 ? 0x80 : length === 3 ? 0x800 : 0x10000;
      if (valid && value >= minimum && value <= 0x10ffff && !(value >= 0xd800 && value <= 0xdfff)) code = value;
      else length = 1;
    }
    codes.push(code);
    if (codes.length >= 8192) flush();
    i += length;
  }
  flush();
  return out;
}

export function decodeXmlBytes(bytes: Uint8Array): string {
  return declaredCharset(bytes) === 'iso-8859-1' ? decodeLatin1(bytes) : decodeUtf8(bytes);
}

/** UTF-8 encoding, for hosts without TextEncoder in the core. */
export function encodeUtf8(text: string): Uint8Array {
  const out: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) out.push(code);
    else if (code < 0x800) out.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    else if (code < 0x10000) out.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    else out.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
  }
  return new Uint8Array(out);
}
