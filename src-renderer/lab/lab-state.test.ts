import { describe, expect, it } from 'vitest';
import { parseLabState, testIdPart } from './lab-state';

describe('the lab view reading the lab\'s /api/state', () => {
  it('keeps each cluster\'s devices with their DNs, registration and logged-in user', () => {
    const view = parseLabState(JSON.stringify({
      enterprise: 'Example Corp',
      clusters: [{
        id: 'hq', name: 'HQ', region: 'Europe', tftp: '127.0.0.1:6969',
        devices: [
          { name: 'SEP00AABB000001', description: 'HQ demo', lines: [{ dn: '1000', label: 'HQ' }], registered: true, loggedInUser: null, temporary: false },
          { name: 'SEP00AABB000002', description: 'temp', lines: [{ dn: '1001' }, { dn: 7 }], registered: false, loggedInUser: 'alice', temporary: true },
        ],
      }],
      events: [],
    }));
    expect(view).toEqual({
      enterprise: 'Example Corp',
      clusters: [{
        id: 'hq', name: 'HQ', region: 'Europe', devices: [
          { name: 'SEP00AABB000001', description: 'HQ demo', dns: ['1000'], registered: true, loggedInUser: null, temporary: false },
          { name: 'SEP00AABB000002', description: 'temp', dns: ['1001'], registered: false, loggedInUser: 'alice', temporary: true },
        ],
      }],
    });
  });

  it('drops malformed parts and refuses what is not a lab state', () => {
    expect(parseLabState('not json')).toBeNull();
    expect(parseLabState('{"clusters": 3}')).toBeNull();
    const view = parseLabState('{"clusters": [null, {"name": "no id"}, {"id": "b", "devices": [1, {"name": "SEPX", "registered": "yes"}]}]}');
    expect(view?.clusters).toEqual([{ id: 'b', name: 'b', region: '', devices: [{ name: 'SEPX', description: '', dns: [], registered: false, loggedInUser: null, temporary: false }] }]);
  });

  it('makes names safe for test IDs', () => {
    expect(testIdPart('SEP00AABB000001')).toBe('SEP00AABB000001');
    expect(testIdPart('a b/c')).toBe('a_b_c');
  });
});
