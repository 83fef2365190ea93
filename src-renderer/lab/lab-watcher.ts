/**
 * Polls the embedded lab's `GET /api/state` once a second through the host
 * (HTTP is the board's, so no CORS) into a small store the lab view reads.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { HostApi } from '../../src-shared/host-contract';
import { parseLabState, type LabView } from './lab-state';

export interface LabWatch {
  readonly view: LabView | null;
  /** Why the last poll failed, '' when it worked. */
  readonly problem: string;
}

export type LabWatchStore = StoreApi<LabWatch>;

export const LAB_POLL_MS = 1000;

export function watchLab(host: Pick<HostApi, 'httpRequest'>, labApi: string): { store: LabWatchStore; stop(): void } {
  const store = createStore<LabWatch>()(() => ({ view: null, problem: '' }));
  let stopped = false;
  let timer: number | undefined;
  const poll = async (): Promise<void> => {
    const result = await host.httpRequest({
      method: 'GET', url: `${labApi.replace(/\/$/, '')}/api/state`, headers: { Accept: 'application/json' }, timeoutMs: 3000, maxBytes: 4 * 1024 * 1024,
    }).catch((error: unknown) => ({ outcome: 'connection-failed' as const, message: (error as Error).message }));
    if (stopped) return;
    if (result.outcome === 'ok' && result.status === 200) {
      const view = parseLabState(new TextDecoder().decode(result.body));
      store.setState(view ? { view, problem: '' } : { problem: 'The lab answered something else' });
    } else {
      store.setState({ problem: result.outcome === 'ok' ? `HTTP ${result.status}` : result.message });
    }
    timer = window.setTimeout(() => void poll(), LAB_POLL_MS);
  };
  void poll();
  return {
    store,
    stop: () => {
      stopped = true;
      window.clearTimeout(timer);
    },
  };
}
