import { describe, expect, it } from 'vitest';
import type { PhoneKey } from '../../src-firmware/keys';
import { BLANK_LINE, type PhoneSnapshot } from '../../src-firmware/phone-snapshot';
import { createPhoneStore, type PhoneDriver } from './phone-store';

const snapshot = (prompt: string): PhoneSnapshot => ({
  state: 'idle',
  screen: 'idle',
  header: { clock: '12:00', label: '1000' },
  body: { title: '', rows: [], scrollTop: 0 },
  prompt,
  softkeys: ['Redial', 'NewCall', 'CFwdAll', 'more'],
  lines: [BLANK_LINE, BLANK_LINE, BLANK_LINE, BLANK_LINE, BLANK_LINE, BLANK_LINE],
  hook: 'on-hook',
  audio: { speaker: false, headset: false, mute: false, volume: 4 },
  handsetLamp: 'off',
  tone: 'none',
  conference: false,
  contrast: 8,
  deviceName: 'SEP00AABB000001',
});

function fakePhone(): PhoneDriver & { pressed: (PhoneKey | 'Handset' | 'back')[]; publish(s: PhoneSnapshot): void; listeners: number } {
  const listeners = new Set<(s: PhoneSnapshot) => void>();
  let current = snapshot('');
  const pressed: (PhoneKey | 'Handset' | 'back')[] = [];
  return {
    pressed,
    get listeners() {
      return listeners.size;
    },
    getSnapshot: () => current,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    press: (key) => void pressed.push(key),
    back: () => void pressed.push('back'),
    publish: (next) => {
      current = next;
      listeners.forEach((listener) => listener(next));
    },
  };
}

describe('the UI store mirrors the firmware', () => {
  it('starts from the phone\'s snapshot and follows every published one', () => {
    const phone = fakePhone();
    const store = createPhoneStore(phone);
    expect(store.snapshots.getState()).toBe(phone.getSnapshot());
    const next = snapshot('Your current options');
    phone.publish(next);
    expect(store.snapshots.getState()).toBe(next);
  });

  it('forwards key presses and back to the firmware without touching state', () => {
    const phone = fakePhone();
    const store = createPhoneStore(phone);
    const before = store.snapshots.getState();
    store.press('KeyPad5');
    store.back();
    expect(phone.pressed).toEqual(['KeyPad5', 'back']);
    expect(store.snapshots.getState()).toBe(before);
  });

  it('stops following the phone once disposed', () => {
    const phone = fakePhone();
    const store = createPhoneStore(phone);
    store.dispose();
    expect(phone.listeners).toBe(0);
  });
});
