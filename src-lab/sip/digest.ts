/**
 * HTTP Digest for SIP (RFC 3261 §22.4, RFC 2617 §3.2.2.1): MD5, qop=auth, and
 * stateless nonces that carry their issue time and an HMAC so the registrar can
 * tell a forged nonce (reject) from an expired one (challenge again with
 * `stale=true`, RFC 2617 §3.2.1).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

export interface DigestResponseInput {
  readonly username: string;
  readonly realm: string;
  readonly password: string;
  readonly method: string;
  readonly uri: string;
  readonly nonce: string;
  /** With qop=auth, nc and cnonce are required. */
  readonly qop?: 'auth';
  readonly nc?: string;
  readonly cnonce?: string;
}

/** RFC 2617 §3.2.2.1 request-digest. */
export function digestResponse(input: DigestResponseInput): string {
  const ha1 = md5Hex(`${input.username}:${input.realm}:${input.password}`);
  const ha2 = md5Hex(`${input.method}:${input.uri}`);
  if (input.qop === 'auth') return md5Hex(`${ha1}:${input.nonce}:${input.nc ?? ''}:${input.cnonce ?? ''}:auth:${ha2}`);
  return md5Hex(`${ha1}:${input.nonce}:${ha2}`);
}

export type NonceCheck = 'valid' | 'stale' | 'invalid';

/** Issues and checks nonces `<issued-ms hex>.<random hex>.<hmac hex>`. */
export class NonceAuthority {
  private readonly secret = randomBytes(16);

  constructor(private readonly ttlMs: number) {}

  issue(now: number): string {
    const body = `${now.toString(16)}.${randomBytes(8).toString('hex')}`;
    return `${body}.${this.sign(body)}`;
  }

  check(nonce: string, now: number): NonceCheck {
    const parts = nonce.split('.');
    if (parts.length !== 3) return 'invalid';
    const body = `${parts[0]}.${parts[1]}`;
    const expected = Buffer.from(this.sign(body), 'hex');
    const given = Buffer.from(parts[2] as string, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
    const issued = parseInt(parts[0] as string, 16);
    if (!Number.isFinite(issued) || issued > now + 1000) return 'invalid';
    return now - issued > this.ttlMs ? 'stale' : 'valid';
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('hex').slice(0, 32);
  }
}
