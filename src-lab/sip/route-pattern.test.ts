import { describe, expect, it } from 'vitest';
import { matchesRoutePattern, RoutePatternError, RouteTable } from './route-pattern';

describe('route patterns', () => {
  it('matches X, literal digits, sets and !', () => {
    expect(matchesRoutePattern('1XXX', '1234')).toBe(true);
    expect(matchesRoutePattern('1XXX', '2234')).toBe(false);
    expect(matchesRoutePattern('1XXX', '123')).toBe(false);
    expect(matchesRoutePattern('2[0-4]XX', '2399')).toBe(true);
    expect(matchesRoutePattern('2[0-4]XX', '2599')).toBe(false);
    expect(matchesRoutePattern('9.!', '900441234')).toBe(true);
    expect(matchesRoutePattern('9.!', '9')).toBe(false);
  });

  it('picks the closest match', () => {
    const table = new RouteTable([
      { pattern: '!', cluster: 'pstn' },
      { pattern: '1XXX', cluster: 'hq' },
      { pattern: '10XX', cluster: 'lab' },
      { pattern: '2XXX', cluster: 'branch' },
    ]);
    expect(table.select('1234')?.cluster).toBe('hq');
    expect(table.select('1034')?.cluster).toBe('lab');
    expect(table.select('2001')?.cluster).toBe('branch');
    expect(table.select('55555')?.cluster).toBe('pstn');
  });

  it('refuses patterns it cannot read', () => {
    expect(() => new RouteTable([{ pattern: '1Y', cluster: 'x' }])).toThrow(RoutePatternError);
    expect(() => new RouteTable([{ pattern: '[1-', cluster: 'x' }])).toThrow(RoutePatternError);
  });
});
