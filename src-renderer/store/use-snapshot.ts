import { useStore } from 'zustand';
import type { PhoneSnapshot } from '../../src-firmware/phone-snapshot';
import type { PhoneStore } from './phone-store';

/** Subscribes a component to one slice of the phone's snapshot. */
export function useSnapshot<T>(phone: PhoneStore, selector: (snapshot: PhoneSnapshot) => T): T {
  return useStore(phone.snapshots, selector);
}
