/**
 * The time source the SIP engines run on. The lab passes the system clock; tests
 * pass a manual one (`testing/manual-clock.ts`) and move time forward by hand.
 */
export interface SipClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `fn` once after `ms`; the returned function cancels it. */
  setTimer(ms: number, fn: () => void): () => void;
}

export const systemClock: SipClock = {
  now: () => Date.now(),
  setTimer(ms, fn) {
    const handle = setTimeout(fn, ms);
    handle.unref?.();
    return () => clearTimeout(handle);
  },
};
