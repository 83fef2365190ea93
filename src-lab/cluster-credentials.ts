/**
 * Who may do what on a cluster, as CUCM decides it:
 * - the application user (`ClusterSpec.appUser`) authenticates AXL (HTTP
 *   Basic, cisco-reference §5), the EM API (`appInfo`, §4.1) and phone pushes
 *   (`authenticate.jsp`, §2.2);
 * - an end user of the cluster authenticates phone pushes with their password
 *   (`UserSpec.password`, default: the PIN).
 *
 * Comparisons run in constant time over SHA-256 digests. Nothing here logs.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { DeviceDatabase } from './device-database';
import type { ClusterSpec } from './topology';

/** Constant-time comparison of two secrets (SHA-256 digests). */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function isAppUser(spec: ClusterSpec, id: string, password: string): boolean {
  return id === spec.appUser.id && sameSecret(password, spec.appUser.password);
}

/**
 * An end user of this cluster's database with this password. The password
 * comes from the topology; a user the topology no longer names (an older
 * database file) falls back to their PIN.
 */
export function isEndUser(spec: ClusterSpec, database: DeviceDatabase, id: string, password: string): boolean {
  const user = database.getUser(id);
  if (user === null || password === '') return false;
  const expected = spec.users.find((u) => u.userId.toLowerCase() === user.userId.toLowerCase())?.password ?? user.pin;
  return sameSecret(password, expected);
}

/** Parses `Authorization: Basic …` (RFC 7617); null when absent or malformed. */
export function basicCredentials(header: string | undefined): { id: string; password: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (match === null) return null;
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { id: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
