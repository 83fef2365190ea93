import { describe, expect, it } from 'vitest';
import { macFromArgv } from './main-args';

describe('the desktop app command line', () => {
  it('takes --mac in either spelling and normalises it', () => {
    expect(macFromArgv(['electron', 'out/main/index.js', '--mac', '00:aa:bb:00:00:02'])).toBe('00AABB000002');
    expect(macFromArgv(['--mac=00AABB000003'])).toBe('00AABB000003');
  });

  it('shows every phone without --mac and refuses a bad MAC', () => {
    expect(macFromArgv(['--no-sandbox'])).toBeNull();
    expect(() => macFromArgv(['--mac', 'nope'])).toThrow(/12 hex digits/);
  });
});
