/**
 * A read-only mirror of one phone's snapshot. The firmware is the only
 * writer: the store follows `phone.subscribe`, and the UI changes the phone
 * only through `press` / `back`, never by setting state.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PhoneKey } from '../../src-firmware/keys';
import type { PhoneSnapshot } from '../../src-firmware/phone-snapshot';

/** The slice of `Phone` the UI needs (tests pass a fake). */
export interface PhoneDriver {
  getSnapshot(): PhoneSnapshot;
  subscribe(listener: (snapshot: PhoneSnapshot) => void): () => void;
  press(key: PhoneKey | 'Handset'): void;
  back(): void;
}

export interface PhoneStore {
  readonly snapshots: Pick<StoreApi<PhoneSnapshot>, 'getState' | 'subscribe' | 'getInitialState'>;
  press(key: PhoneKey | 'Handset'): void;
  back(): void;
  dispose(): void;
}

export function createPhoneStore(phone: PhoneDriver): PhoneStore {
  const store = createStore<PhoneSnapshot>()(() => phone.getSnapshot());
  const unsubscribe = phone.subscribe((snapshot) => store.setState(snapshot, true));
  return {
    snapshots: { getState: store.getState, subscribe: store.subscribe, getInitialState: store.getInitialState },
    press: (key) => phone.press(key),
    back: () => phone.back(),
    dispose: unsubscribe,
  };
}
