import type { HostApi } from '../../src-shared/host-contract';
import { WsHostClient } from './ws-host-client';

declare global {
  interface Window {
    /** Set by Electron's preload (src-main/preload.ts); absent in the browser shell. */
    readonly phoneHost?: HostApi;
  }
}

/** Electron's preload bridge when present, else the browser shell's WebSocket host. */
export function resolveHost(): HostApi {
  return window.phoneHost ?? WsHostClient.forLocation(window.location);
}
