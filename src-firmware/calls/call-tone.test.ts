import { describe, expect, it } from 'vitest';
import { callTone } from './call';

describe('the tone a phone sounds for its calls', () => {
  it('is silent with no calls, rings for an offered call, rings back while our call alerts', () => {
    expect(callTone([])).toBe('none');
    expect(callTone([{ state: 'ringing' }])).toBe('ringing');
    expect(callTone([{ state: 'proceeding' }])).toBe('none');
    expect(callTone([{ state: 'ringback' }])).toBe('ringback');
  });

  it('does not ring over a connected call, and stops once answered', () => {
    expect(callTone([{ state: 'connected' }, { state: 'ringing' }])).toBe('none');
    expect(callTone([{ state: 'held' }, { state: 'ringing' }])).toBe('ringing');
    expect(callTone([{ state: 'connected' }])).toBe('none');
    expect(callTone([{ state: 'held' }, { state: 'ringback' }])).toBe('ringback');
  });
});
