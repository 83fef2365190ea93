import type { Board, Clock, FirmwareEvent, Storage, TimerHandle } from '../src-firmware/board';
import { httpRequest } from './http-client';
import { tftpGet } from './tftp-client';
import { openNodeWebSocket } from './node-websocket';

/** Node's timers as the firmware's clock. */
export const nodeClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms) as unknown as TimerHandle,
  clearTimeout: (handle) => clearTimeout(handle as unknown as NodeJS.Timeout),
};

/** The board for a phone running in a Node process (headless phone, tests). */
export function createNodeBoard(options: { storage: Storage; emit?: (event: FirmwareEvent) => void; clock?: Clock }): Board {
  return {
    clock: options.clock ?? nodeClock,
    storage: options.storage,
    tftpGet,
    httpRequest,
    openWebSocket: openNodeWebSocket,
    emit: options.emit ?? (() => undefined),
  };
}
