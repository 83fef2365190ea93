import { describe, expect, it } from 'vitest';
import { keyboardPressOf } from './keyboard-map';

const key = (name: string, chord: Partial<{ ctrlKey: boolean; altKey: boolean; metaKey: boolean }> = {}) =>
  keyboardPressOf({ key: name, ctrlKey: false, altKey: false, metaKey: false, ...chord });

describe('a person typing on the computer keyboard', () => {
  it('dials digits, star and pound on the keypad', () => {
    expect(key('5')).toEqual({ control: 'key-5', action: 'KeyPad5' });
    expect(key('*')).toEqual({ control: 'key-star', action: 'KeyPadStar' });
    expect(key('#')).toEqual({ control: 'key-pound', action: 'KeyPadPound' });
  });

  it('presses softkeys with F1–F4 and the rocker with the arrows', () => {
    expect(key('F1')?.action).toBe('Soft1');
    expect(key('F4')?.action).toBe('Soft4');
    expect(key('ArrowUp')?.action).toBe('NavUp');
    expect(key('ArrowDown')?.action).toBe('NavDwn');
  });

  it('goes back with Escape', () => {
    expect(key('Escape')?.action).toBe('back');
  });

  it('leaves Enter, Space, letters and browser shortcuts alone', () => {
    expect(key('Enter')).toBeNull();
    expect(key(' ')).toBeNull();
    expect(key('a')).toBeNull();
    expect(key('5', { ctrlKey: true })).toBeNull();
    expect(key('F1', { altKey: true })).toBeNull();
  });
});
