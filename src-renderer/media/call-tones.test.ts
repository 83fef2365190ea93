import { describe, expect, it } from 'vitest';
import { cadenceIsOn, TONE_CADENCES } from './call-tones';

describe('ringing and ringback cadences', () => {
  it('ringback is 440 + 480 Hz, two seconds on and four off', () => {
    const ringback = TONE_CADENCES.ringback;
    expect(ringback.frequencies).toEqual([440, 480]);
    expect(cadenceIsOn(ringback, 0)).toBe(true);
    expect(cadenceIsOn(ringback, 1999)).toBe(true);
    expect(cadenceIsOn(ringback, 2000)).toBe(false);
    expect(cadenceIsOn(ringback, 5999)).toBe(false);
    expect(cadenceIsOn(ringback, 6000)).toBe(true);
    expect(cadenceIsOn(ringback, -1)).toBe(false);
  });

  it('the ringer uses the same ring cadence with a warble', () => {
    const ringing = TONE_CADENCES.ringing;
    expect(ringing.onMs).toBe(2000);
    expect(ringing.offMs).toBe(4000);
    expect(ringing.warbleMs).toBeGreaterThan(0);
  });
});
