/**
 * The board for a phone running in the renderer (Electron or browser shell).
 *
 * Clock: the window's timers. TFTP and HTTP: the host (Node does the sockets).
 * Storage: Electron's user data through the host, or in the browser shell the
 * page's `localStorage` under `phone:<scope>:<key>`. `scope` is the phone's
 * launch MAC, so two handsets on one page keep separate flash. WebSockets
 * (SIP) open straight from the page; the CSP allows loopback only. Media:
 * WebRTC audio when the page passes `options.media`.
 */
import type { Board, Clock, MediaPort, Storage, TimerHandle } from '../src-firmware/board';
import type { HostApi } from '../src-shared/host-contract';
import { openBrowserWebSocket } from './browser-websocket';

export const windowClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => window.setTimeout(callback, ms),
  clearTimeout: (handle: TimerHandle) => window.clearTimeout(handle as number),
};

export function localStorageFor(scope: string, backing: globalThis.Storage): Storage {
  const keyOf = (key: string): string => `phone:${scope}:${key}`;
  return {
    load: async (key) => backing.getItem(keyOf(key)),
    save: async (key, value) => backing.setItem(keyOf(key), value),
  };
}

export function hostStorageFor(scope: string, host: HostApi): Storage {
  return {
    load: (key) => host.storageLoad({ scope, key }),
    save: (key, value) => host.storageSave({ scope, key, value }),
  };
}

export interface RendererBoardOptions {
  /** Where flash lives: the host (Electron user data) or the page (browser shell). */
  readonly storage?: 'host' | 'local';
  readonly clock?: Clock;
  /** Call media (src-renderer/media/phone-media.ts); absent: calls carry signalling only. */
  readonly media?: MediaPort;
}

export function createRendererBoard(host: HostApi, scope: string, options: RendererBoardOptions = {}): Board {
  const storage = options.storage === 'host' ? hostStorageFor(scope, host) : localStorageFor(scope, window.localStorage);
  const sockets = { openWebSocket: openBrowserWebSocket };
  return {
    clock: options.clock ?? windowClock,
    storage,
    tftpGet: (server, file, tftpOptions) => host.tftpGet({ server, file, options: tftpOptions }),
    httpRequest: (request) => host.httpRequest(request),
    emit: (event) => {
      host.firmwareEvent({ scope, event }).catch(() => undefined);
    },
    ...sockets,
    ...(options.media ? { media: options.media } : {}),
  };
}
