import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, decodeWire, encodeWire } from './host-wire';

describe('the browser shell wire format', () => {
  it('encodes the RFC 4648 test vectors', () => {
    const vectors: [string, string][] = [['', ''], ['f', 'Zg=='], ['fo', 'Zm8='], ['foo', 'Zm9v'], ['foob', 'Zm9vYg=='], ['fooba', 'Zm9vYmE='], ['foobar', 'Zm9vYmFy']];
    for (const [plain, encoded] of vectors) {
      const bytes = Uint8Array.from([...plain].map((char) => char.charCodeAt(0)));
      expect(bytesToBase64(bytes)).toBe(encoded);
      expect(base64ToBytes(encoded)).toEqual(bytes);
    }
  });

  it('round-trips every byte value', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
  });

  it('carries bytes nested in results through JSON', () => {
    const result = { outcome: 'ok', status: 200, body: new Uint8Array([1, 2, 250]), list: [new Uint8Array([9])] };
    const back = decodeWire(JSON.parse(JSON.stringify(encodeWire(result))));
    expect(back).toEqual(result);
    expect((back as { body: unknown }).body).toBeInstanceOf(Uint8Array);
  });

  it('refuses text outside the alphabet', () => {
    expect(() => base64ToBytes('ab$c')).toThrow(/Not base64/);
  });
});
