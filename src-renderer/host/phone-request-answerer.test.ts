import { describe, expect, it } from 'vitest';
import { isPhoneRequest } from '../../src-shared/host-contract';
import { createPhoneRequestAnswerer, type AnswerablePhone } from './phone-request-answerer';

const phone: AnswerablePhone = {
  execute: async (xml) => [{ url: xml, status: 0, data: 'Success' }],
  getSnapshot: () => ({ deviceName: 'SEP00AABB000001' }) as ReturnType<AnswerablePhone['getSnapshot']>,
  deviceInformation: () => [['MACAddress', '00AABB000001']],
  networkConfiguration: () => [['HTTPPort', '0']],
  getConfig: () => null,
};

describe('the page answering the host about its phones', () => {
  const answer = createPhoneRequestAnswerer((mac) => (mac === '00AABB000001' ? phone : undefined));

  it('sends each request to the phone it names', async () => {
    expect(await answer({ channel: 'phone:execute', mac: '00AABB000001', xml: 'Key:Services' })).toEqual([{ url: 'Key:Services', status: 0, data: 'Success' }]);
    expect(await answer({ channel: 'phone:device-information', mac: '00AABB000001' })).toEqual([['MACAddress', '00AABB000001']]);
    expect(await answer({ channel: 'phone:network-configuration', mac: '00AABB000001' })).toEqual([['HTTPPort', '0']]);
    expect(await answer({ channel: 'phone:auth-url', mac: '00AABB000001' })).toBe('');
    expect(await answer({ channel: 'phone:snapshot', mac: '00AABB000001' })).toEqual({ deviceName: 'SEP00AABB000001' });
  });

  it('refuses a phone that is not on the page', async () => {
    await expect(answer({ channel: 'phone:snapshot', mac: '00AABB000009' })).rejects.toThrow(/No phone SEP00AABB000009/);
  });

  it('refuses a malformed request whatever brought it', async () => {
    await expect(answer({ channel: 'phone:execute', mac: '00AABB000001' } as never)).rejects.toThrow(/Malformed phone request/);
  });

  it('checks the shape of a request before answering it', () => {
    expect(isPhoneRequest({ channel: 'phone:snapshot', mac: '00AABB000001' })).toBe(true);
    expect(isPhoneRequest({ channel: 'phone:execute', mac: '00AABB000001' })).toBe(false);
    expect(isPhoneRequest({ channel: 'phone:reboot', mac: '00AABB000001' })).toBe(false);
    expect(isPhoneRequest({ channel: 'phone:snapshot', mac: '../../x' })).toBe(false);
    expect(isPhoneRequest(null)).toBe(false);
  });
});
