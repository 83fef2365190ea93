/**
 * How a call manager's answer can fail, as the CCEM service sees it. Each
 * error carries its protocol's own code (style: errors carry their protocol):
 *
 * - `ClusterUnreachableError`: no HTTP answer (refused, reset, timeout) or an
 *   HTTP status that is not the API's (e.g. 401, 404, 503).
 * - `AxlFaultError`: a SOAP Fault with `detail/axlError/axlcode`
 *   (cisco-reference §5), e.g. 5007 not found, -239 duplicate.
 * - `EmFailureError`: `<response><failure><error code="n">`
 *   (cisco-reference §4.3).
 */
export class ClusterUnreachableError extends Error {
  /**
   * @param notReceived true when the request surely never reached the
   *   cluster (connection refused), so it cannot have changed anything.
   */
  constructor(readonly cluster: string, readonly detail: string, readonly notReceived = false) {
    super(`cluster ${cluster} unreachable: ${detail}`);
    this.name = 'ClusterUnreachableError';
  }
}

export class AxlFaultError extends Error {
  constructor(readonly cluster: string, readonly operation: string, readonly axlcode: number, readonly axlmessage: string) {
    super(`AXL ${operation} on ${cluster}: ${axlcode} ${axlmessage}`);
    this.name = 'AxlFaultError';
  }
}

export class EmFailureError extends Error {
  constructor(readonly cluster: string, readonly operation: string, readonly code: number, readonly emMessage: string) {
    super(`EM ${operation} on ${cluster}: ${code} ${emMessage}`);
    this.name = 'EmFailureError';
  }
}

/** True when the cluster surely did not act on the request: it answered with a fault, or was never reached. */
export function surelyNotTaken(error: unknown): boolean {
  return error instanceof AxlFaultError || error instanceof EmFailureError ||
    (error instanceof ClusterUnreachableError && error.notReceived);
}

/** axlcode 5007 "Item not valid: The specified … was not found". */
export const AXL_NOT_FOUND = 5007;

/** EM codes the CCEM service answers with or reacts to (cisco-reference §4.3, §8.3). */
export const EM_CODES = {
  unknown: 0,
  blankUserIdOrPin: 2,
  policy: 4,
  database: 6,
  deviceDoesNotExist: 11,
  anotherUserLoggedIn: 18,
  noUserLoggedIn: 19,
  userDoesNotExist: 23,
  multiLoginNotAllowed: 25,
  duplicateDevice: 37,
} as const;

/**
 * The EM code a phone screen shows for a failed call to a cluster:
 * an EM failure keeps its code; an AXL fault is a database error (6);
 * an unreachable cluster is unknown (0), as EMCC shows "Login is unavailable"
 * for a remote cluster it cannot reach (cisco-reference §8.2).
 */
export function emCodeOf(error: unknown): number {
  if (error instanceof EmFailureError) return error.code;
  if (error instanceof AxlFaultError) return error.axlcode === -239 ? EM_CODES.duplicateDevice : EM_CODES.database;
  return EM_CODES.unknown;
}
