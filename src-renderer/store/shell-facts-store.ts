/**
 * What the shell (not the firmware) knows about one phone: where the host
 * runs its web server. Written only by main.tsx from the host's answers.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';

export interface ShellFacts {
  /** The phone's web server (`/CGI/Execute`, `/CGI/Screenshot`), '' until the host has started it. */
  readonly webUrl: string;
  /** Why there is none, or a note from the host (port taken). */
  readonly webNote: string;
}

export type ShellFactsStore = StoreApi<ShellFacts>;

export function createShellFactsStore(): ShellFactsStore {
  return createStore<ShellFacts>()(() => ({ webUrl: '', webNote: '' }));
}
