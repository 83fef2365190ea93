import { describe, expect, it } from 'vitest';
import { localStorageFor } from './renderer-board';

class MapStorage implements Pick<Storage, 'getItem' | 'setItem'> {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

describe('a phone\'s flash in the browser shell', () => {
  it('lives in localStorage under phone:<scope>:<key>, one scope per launch MAC', async () => {
    const backing = new MapStorage();
    const first = localStorageFor('00AABB000001', backing as unknown as Storage);
    const second = localStorageFor('00AABB000002', backing as unknown as Storage);
    await first.save('network-settings', '{"a":1}');
    expect(backing.items.get('phone:00AABB000001:network-settings')).toBe('{"a":1}');
    expect(await first.load('network-settings')).toBe('{"a":1}');
    expect(await second.load('network-settings')).toBeNull();
  });
});
