/**
 * Identifiers the lab's SIP server mints: Via branches with the RFC 3261 magic
 * cookie (§8.1.1.7), tags (§19.3) and Call-IDs (§8.1.1.4).
 */
import { randomBytes } from 'node:crypto';

export const BRANCH_COOKIE = 'z9hG4bK';

export function randomToken(bytes = 8): string {
  return randomBytes(bytes).toString('hex');
}

export function newBranch(loopHash?: string): string {
  return loopHash ? `${BRANCH_COOKIE}-${loopHash}-${randomToken(6)}` : `${BRANCH_COOKIE}${randomToken(8)}`;
}

export function newTag(): string {
  return randomToken(6);
}

export function newCallId(host: string): string {
  return `${randomToken(12)}@${host}`;
}
