import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { childElements, textAt } from '../src-firmware/xml/xml-parser';
import type { DeviceResetKind } from './device-reset';
import { startLab, type RunningCluster, type RunningLab } from './lab';
import { createSipServiceStarter } from './sip/cluster-sip-service';
import { tftpFetch } from './tftp-fetch';
import { axlCall } from './testing/cluster-api-client';

let lab: RunningLab;
const hq = (): RunningCluster => lab.cluster('hq')!;

beforeEach(async () => {
  lab = await startLab({ ephemeralPorts: true, dataDir: null });
});
afterEach(async () => {
  await lab.stop();
});

describe('an AXL client reads phones', () => {
  it('getPhone by name returns the phone with its lines, in the request version namespace', async () => {
    const answer = await axlCall(hq().adminUrl, 'getPhone', '<name>SEP00AABB000001</name>', { version: '14.0' });
    expect(answer.status).toBe(200);
    expect(answer.namespace).toBe('http://www.cisco.com/AXL/API/14.0');
    const phone = childElements(answer.returned!, 'phone')[0]!;
    expect(phone.attributes.uuid).toMatch(/^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$/);
    expect(textAt(phone, 'name')).toBe('SEP00AABB000001');
    expect(textAt(phone, 'product')).toBe('Cisco 7960');
    expect(textAt(phone, 'model')).toBe('Cisco 7960');
    expect(textAt(phone, 'class')).toBe('Phone');
    expect(textAt(phone, 'protocol')).toBe('SIP');
    expect(textAt(phone, 'enableExtensionMobility')).toBe('true');
    expect(childElements(childElements(phone, 'lines')[0]!, 'line')
      .map((l) => [textAt(l, 'index'), textAt(l, 'dirn', 'pattern'), textAt(l, 'label')])).toEqual([['1', '1000', 'HQ Hot Desk']]);
    expect(textAt(phone, 'loginUserId')).toBe('');

    const byUuid = await axlCall(hq().adminUrl, 'getPhone', `<uuid>${phone.attributes.uuid}</uuid><returnedTags><name/><description/></returnedTags>`, { soapAction: false });
    const slim = childElements(byUuid.returned!, 'phone')[0]!;
    expect(childElements(slim).map((e) => e.name)).toEqual(['name', 'description']);
    expect(byUuid.namespace).toBe('http://www.cisco.com/AXL/API/12.5');
  });

  it('listPhone finds phones by a % pattern with the returned tags', async () => {
    const answer = await axlCall(hq().adminUrl, 'listPhone',
      '<searchCriteria><name>SEP00AABB00000%</name></searchCriteria><returnedTags><name/><description/></returnedTags>');
    const phones = childElements(answer.returned!, 'phone');
    expect(phones.map((p) => textAt(p, 'name'))).toEqual(['SEP00AABB000001', 'SEP00AABB000003', 'SEP00AABB000005']);
    expect(textAt(phones[1], 'description')).toBe("Alice Meyer's desk phone");
    expect(textAt(phones[1], 'product')).toBeUndefined();
    const none = await axlCall(hq().adminUrl, 'listPhone', '<searchCriteria><name>SEPCCC%</name></searchCriteria>');
    expect(childElements(none.returned!, 'phone')).toEqual([]);
  });

  it('an unknown phone is fault 5007, with HTTP 500', async () => {
    const answer = await axlCall(hq().adminUrl, 'getPhone', '<name>SEP00AABB0000FF</name>');
    expect(answer.status).toBe(500);
    expect(answer.fault).toEqual({
      faultcode: 'soapenv:Server', axlcode: 5007, axlmessage: 'Item not valid: The specified Phone was not found', request: 'getPhone',
    });
  });

  it('wrong Basic credentials get 401 and change nothing', async () => {
    const answer = await axlCall(hq().adminUrl, 'removePhone', '<name>SEP00AABB000001</name>', { password: 'wrong' });
    expect(answer.status).toBe(401);
    const chen = await axlCall(hq().adminUrl, 'getPhone', '<name>SEP00AABB000001</name>', { user: 'chen', password: '54321' });
    expect(chen.status).toBe(401);
    expect(hq().database.getDevice('SEP00AABB000001')).not.toBeNull();
  });

  it('getUser returns the end user with the device profile and EMCC enabled', async () => {
    const answer = await axlCall(hq().adminUrl, 'getUser', '<userid>alice</userid>');
    const user = childElements(answer.returned!, 'user')[0]!;
    expect([textAt(user, 'userid'), textAt(user, 'firstName'), textAt(user, 'lastName'), textAt(user, 'telephoneNumber')])
      .toEqual(['alice', 'Alice', 'Meyer', '1001']);
    expect(textAt(user, 'phoneProfiles', 'profileName')).toBe('UDP-alice');
    expect(textAt(user, 'enableEmcc')).toBe('true');
    expect(answer.text).not.toContain('12345');
    expect((await axlCall(hq().adminUrl, 'getUser', '<userid>chen</userid>')).fault?.axlmessage).toBe('Item not valid: The specified User was not found');
  });
});

describe('an AXL client changes phones', () => {
  it('addPhone creates an EM-enabled phone the TFTP server then serves', async () => {
    const answer = await axlCall(hq().adminUrl, 'addPhone', `<phone><name>SEP00AABB0000F1</name><description>EMCC temp</description>
      <product>Cisco 7960</product><class>Phone</class><protocol>SIP</protocol><protocolSide>User</protocolSide>
      <enableExtensionMobility>true</enableExtensionMobility>
      <lines><line><index>1</index><dirn><pattern>1099</pattern><routePartitionName/></dirn></line></lines></phone>`);
    expect(answer.status).toBe(200);
    const uuid = answer.returned!.children.join('');
    expect(uuid).toMatch(/^\{[0-9A-F-]{36}\}$/);
    expect(hq().database.getDevice('SEP00AABB0000F1')).toMatchObject({ uuid, emEnabled: true, description: 'EMCC temp' });
    const file = await tftpFetch(hq().tftp, 'SEP00AABB0000F1.cnf.xml');
    expect(file.outcome).toBe('ok');
    if (file.outcome === 'ok') expect(file.data.toString()).toContain('<name>1099</name>');
  });

  it('a duplicate name on addPhone or on a rename is fault -239 and changes nothing', async () => {
    const add = await axlCall(hq().adminUrl, 'addPhone', '<phone><name>SEP00AABB000003</name><product>Cisco 7960</product><protocol>SIP</protocol></phone>');
    expect(add.status).toBe(500);
    expect(add.fault).toMatchObject({ axlcode: -239, request: 'addPhone' });
    expect(add.fault!.axlmessage).toMatch(/duplicate value in a UNIQUE INDEX column/);
    const rename = await axlCall(hq().adminUrl, 'updatePhone', '<name>SEP00AABB000003</name><newName>SEP00AABB000005</newName>');
    expect(rename.fault).toMatchObject({ axlcode: -239, request: 'updatePhone' });
    expect(hq().database.getDevice('SEP00AABB000003')).not.toBeNull();
    const bad = await axlCall(hq().adminUrl, 'addPhone', '<phone><name>PHONE1</name></phone>');
    expect(bad.fault).toMatchObject({ axlcode: 5003 });
  });

  it('updatePhone newName renames: TFTP serves the new name and no longer the old', async () => {
    const before = hq().database.getDevice('SEP00AABB000001')!;
    const answer = await axlCall(hq().adminUrl, 'updatePhone', '<name>SEP00AABB000001</name><newName>SEPCCCABB000001</newName><description>renamed for CCEM</description>');
    expect(answer.returned!.children.join('')).toBe(before.uuid);
    const renamed = hq().database.getDevice('SEPCCCABB000001')!;
    expect(renamed.description).toBe('renamed for CCEM');
    expect(renamed.versionStamp).not.toBe(before.versionStamp);
    const fresh = await tftpFetch(hq().tftp, 'SEPCCCABB000001.cnf.xml');
    expect(fresh.outcome).toBe('ok');
    expect((await tftpFetch(hq().tftp, 'SEP00AABB000001.cnf.xml')).outcome).toBe('not-found');
    const disable = await axlCall(hq().adminUrl, 'updatePhone', `<uuid>${before.uuid}</uuid><enableExtensionMobility>false</enableExtensionMobility>`);
    expect(disable.status).toBe(200);
    expect(hq().database.getDevice('SEPCCCABB000001')!.emEnabled).toBe(false);
  });

  it('removePhone deletes the phone', async () => {
    const answer = await axlCall(hq().adminUrl, 'removePhone', '<name>SEP00AABB000005</name>');
    expect(answer.status).toBe(200);
    expect(hq().database.getDevice('SEP00AABB000005')).toBeNull();
    expect((await axlCall(hq().adminUrl, 'removePhone', '<name>SEP00AABB000005</name>')).fault?.axlcode).toBe(5007);
  });

  it('doDeviceReset asks the cluster reset hook for a reset or a restart, and without one the call manager NOTIFY', async () => {
    const calls: [string, DeviceResetKind][] = [];
    hq().setResetDeviceHook(async (name, kind) => {
      calls.push([name, kind]);
    });
    await axlCall(hq().adminUrl, 'doDeviceReset', '<deviceName>SEP00AABB000001</deviceName><isHardReset>true</isHardReset>');
    await axlCall(hq().adminUrl, 'doDeviceReset', '<deviceName>SEP00AABB000001</deviceName><isHardReset>false</isHardReset>');
    await axlCall(hq().adminUrl, 'doDeviceReset', '<deviceName>sep00aabb000003</deviceName><deviceResetType>Restart</deviceResetType>');
    expect(calls).toEqual([['SEP00AABB000001', 'reset'], ['SEP00AABB000001', 'restart'], ['SEP00AABB000003', 'restart']]);
    expect((await axlCall(hq().adminUrl, 'doDeviceReset', '<deviceName>SEP00AABB0000FF</deviceName>')).fault?.axlcode).toBe(5007);

    hq().setResetDeviceHook(null);
    const answer = await axlCall(hq().adminUrl, 'doDeviceReset', '<deviceName>SEP00AABB000005</deviceName>');
    expect(answer.status).toBe(200);
    expect(lab.events.recent().filter((e) => e.type === 'reset').at(-1)).toMatchObject({
      cluster: 'hq', device: 'SEP00AABB000005', kind: 'restart', via: 'sip', outcome: 'failed',
    });
    expect(lab.events.recent().filter((e) => e.type === 'axl' && e.op === 'doDeviceReset').map((e) => [e.device, e.outcome, e.code]))
      .toEqual([['SEP00AABB000001', 'ok', 0], ['SEP00AABB000001', 'ok', 0], ['SEP00AABB000003', 'ok', 0], ['SEP00AABB0000FF', 'fault', 5007], ['SEP00AABB000005', 'ok', 0]]);
  });

  it('an operation the lab does not implement, or a body that is not XML, is a Client fault', async () => {
    const unknown = await axlCall(hq().adminUrl, 'executeSQLQuery', '<sql>select * from device</sql>');
    expect(unknown.fault).toMatchObject({ faultcode: 'soapenv:Client', axlcode: 5000 });
    const response = await fetch(`${hq().adminUrl}/axl/`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('ccmadmin:cisco').toString('base64')}` },
      body: '<!DOCTYPE x [<!ENTITY a "b">]><x/>',
    });
    expect(response.status).toBe(500);
    expect(await response.text()).toContain('<axlcode>5003</axlcode>');
  });
});

describe('with the SIP registrar plugged in', () => {
  it('doDeviceReset goes to its service-control sender by default; an unregistered phone is only logged', async () => {
    const withSip = await startLab({ ephemeralPorts: true, dataDir: null, startSip: createSipServiceStarter() });
    try {
      const answer = await axlCall(withSip.cluster('hq')!.adminUrl, 'doDeviceReset', '<deviceName>SEP00AABB000001</deviceName><isHardReset>false</isHardReset>');
      expect(answer.status).toBe(200);
      expect(withSip.events.recent().filter((e) => e.type === 'reset')).toEqual([
        expect.objectContaining({ cluster: 'hq', device: 'SEP00AABB000001', kind: 'restart', via: 'sip', outcome: 'failed' }),
      ]);
    } finally {
      await withSip.stop();
    }
  });
});
