/**
 * The browser shell's wire format for `HostApi` over one WebSocket (`/host`).
 *
 *   renderer → host   { id, channel, payload }
 *   host → renderer   { id, result } | { id, error }
 *
 * and the push channel (host-contract.ts `PhoneRequest`), once the page has
 * sent `host:phone-requests-ready`:
 *
 *   host → renderer   { push: PhoneRequestEnvelope }
 *   renderer → host   { reply: PhoneReplyEnvelope }
 *
 * JSON has no bytes, so every Uint8Array travels as `{ "$bytes": "<base64>" }`.
 * `encodeWire` / `decodeWire` are inverse on any JSON value with Uint8Arrays
 * inside; both run unchanged in a browser and in Node (no Buffer, no btoa).
 */
import type { HostChannel, PhoneReplyEnvelope, PhoneRequestEnvelope } from './host-contract';

export interface WireRequest {
  readonly id: number;
  readonly channel: HostChannel;
  readonly payload: unknown;
}

export type WireResponse =
  | { readonly id: number; readonly result: unknown }
  | { readonly id: number; readonly error: string };

export interface WirePush {
  readonly push: PhoneRequestEnvelope;
}

export interface WireReply {
  readonly reply: PhoneReplyEnvelope;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Map([...ALPHABET].map((char, index) => [char, index]));

export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const triple = (a << 16) | (b << 8) | c;
    out += ALPHABET[(triple >> 18) & 63];
    out += ALPHABET[(triple >> 12) & 63];
    out += i + 1 < bytes.length ? ALPHABET[(triple >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? ALPHABET[triple & 63] : '=';
  }
  return out;
}

/** Throws on characters outside the base64 alphabet. */
export function base64ToBytes(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 6) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of clean) {
    const value = LOOKUP.get(char);
    if (value === undefined) throw new Error(`Not base64: ${JSON.stringify(char)}`);
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}

/** Replaces every Uint8Array with `{ $bytes }`, leaving other JSON values as they are. */
export function encodeWire(value: unknown): unknown {
  if (value instanceof Uint8Array) return { $bytes: bytesToBase64(value) };
  if (Array.isArray(value)) return value.map(encodeWire);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, encodeWire(inner)]));
  }
  return value;
}

/** Inverse of `encodeWire`. */
export function decodeWire(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeWire);
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && keys[0] === '$bytes' && typeof record.$bytes === 'string') return base64ToBytes(record.$bytes);
    return Object.fromEntries(keys.map((key) => [key, decodeWire(record[key])]));
  }
  return value;
}
