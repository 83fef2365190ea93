import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { childElements, textAt } from '../src-firmware/xml/xml-parser';
import type { DeviceResetKind } from './device-reset';
import { startLab, type RunningCluster, type RunningLab } from './lab';
import { tftpFetch } from './tftp-fetch';
import { appInfo, axlCall, emCall, emLogin, emLogout } from './testing/cluster-api-client';

let lab: RunningLab;
let resets: [string, string, DeviceResetKind][];
const hq = (): RunningCluster => lab.cluster('hq')!;

beforeEach(async () => {
  resets = [];
  lab = await startLab({
    ephemeralPorts: true,
    dataDir: null,
    resetDevice: async (cluster, device, kind) => {
      resets.push([cluster, device, kind]);
    },
  });
});
afterEach(async () => {
  await lab.stop();
});

async function cnfXml(cluster: RunningCluster, device: string): Promise<string> {
  const file = await tftpFetch(cluster.tftp, `${device}.cnf.xml`);
  if (file.outcome !== 'ok') throw new Error(`${device}.cnf.xml: ${file.outcome}`);
  return file.data.toString('utf8');
}

const stampOf = (xml: string): string => /<versionStamp>([^<]*)<\/versionStamp>/.exec(xml)?.[1] ?? '';

describe('Extension Mobility login and logout on the HQ hot desk', () => {
  it('login rewrites the cnf.xml with the user profile and a new versionStamp, then restarts the phone; logout restores it', async () => {
    const before = await cnfXml(hq(), 'SEP00AABB000001');
    expect(before).toContain('<name>1000</name>');

    const login = await emCall(hq().adminUrl, emLogin('SEP00AABB000001', 'alice', '<deviceProfile>UDP-alice</deviceProfile><exclusiveDuration><time>60</time></exclusiveDuration>'));
    expect(login.status).toBe(200);
    expect(login.text).toContain('<response><success/></response>');
    const during = await cnfXml(hq(), 'SEP00AABB000001');
    expect(during).toContain('<name>1001</name>');
    expect(during).not.toContain('<name>1000</name>');
    expect(during).toContain('<phoneLabel>alice</phoneLabel>');
    expect(stampOf(during)).not.toBe(stampOf(before));
    expect(resets).toEqual([['hq', 'SEP00AABB000001', 'restart']]);

    const logout = await emCall(hq().adminUrl, emLogout('SEP00AABB000001'));
    expect(logout.code).toBeNull();
    const after = await cnfXml(hq(), 'SEP00AABB000001');
    expect(after).toContain('<name>1000</name>');
    expect(stampOf(after)).not.toBe(stampOf(during));
    expect(resets).toHaveLength(2);

    const events = lab.events.recent().filter((e) => e.type === 'em');
    expect(events.map((e) => [e.op, e.device, e.user, e.outcome, e.code])).toEqual([
      ['login', 'SEP00AABB000001', 'alice', 'success', 0],
      ['logout', 'SEP00AABB000001', undefined, 'success', 0],
    ]);
    expect(JSON.stringify(lab.events.recent())).not.toMatch(/12345|cisco"/);
  });

  it('deviceUserQuery and userDevicesQuery report who is where', async () => {
    await emCall(hq().adminUrl, emLogin('SEP00AABB000001', 'alice'));
    const who = await emCall(hq().adminUrl, `<query>${appInfo()}<deviceUserQuery><deviceName>SEP00AABB000001</deviceName><deviceName>SEP00AABB000003</deviceName><deviceName>SEP00AABB0000FF</deviceName></deviceUserQuery></query>`);
    expect(who.text).toContain('<response><deviceUserResults><device name="SEP00AABB000001"><userID>alice</userID></device>' +
      '<device name="SEP00AABB000003"><none/></device><device name="SEP00AABB0000FF"><doesNotExist/></device></deviceUserResults></response>');
    const where = await emCall(hq().adminUrl, `<query>${appInfo()}<userDevicesQuery><userID>alice</userID><userID>bob</userID></userDevicesQuery></query>`);
    const users = childElements(childElements(where.root, 'userDevicesResults')[0]!, 'user');
    expect(users.map((u) => [u.attributes.id, textAt(u, 'deviceName') ?? childElements(u)[0]?.name])).toEqual([
      ['alice', 'SEP00AABB000001'], ['bob', 'none'],
    ]);
  });
});

describe('Extension Mobility refuses with the documented codes', () => {
  it('3 for a wrong app user, 23 for an unknown user, 2 for a blank one, 11 for an unknown device, 12 for a foreign profile', async () => {
    expect((await emCall(hq().adminUrl, emLogin('SEP00AABB000001', 'alice', '', appInfo('ccmadmin', 'nope')))).code).toBe(3);
    expect((await emCall(hq().adminUrl, emLogin('SEP00AABB000001', 'alice', '', appInfo('alice', '12345')))).code).toBe(3);
    expect((await emCall(hq().adminUrl, emLogin('SEP00AABB000001', 'mallory'))).code).toBe(23);
    expect((await emCall(hq().adminUrl, emLogin('SEP00AABB000001', ''))).code).toBe(2);
    expect((await emCall(hq().adminUrl, emLogin('SEP00AABB0000FF', 'alice'))).code).toBe(11);
    expect((await emCall(hq().adminUrl, emLogin('SEP00AABB000001', 'alice', '<deviceProfile>UDP-bob</deviceProfile>'))).code).toBe(12);
    expect((await emCall(hq().adminUrl, emLogout('SEP00AABB000001'))).code).toBe(19);
    expect((await emCall(hq().adminUrl, '<request><login>')).code).toBe(1);
    expect(hq().database.getDevice('SEP00AABB000001')!.loggedInUser).toBeNull();
    expect(resets).toEqual([]);
  });

  it('5 when the device is not enabled for Extension Mobility', async () => {
    await axlCall(hq().adminUrl, 'updatePhone', '<name>SEP00AABB000001</name><enableExtensionMobility>false</enableExtensionMobility>');
    const answer = await emCall(hq().adminUrl, emLogin('SEP00AABB000001', 'alice'));
    expect(answer.code).toBe(5);
    expect(answer.text).toContain('<error code="5">Device logon disabled</error>');
  });

  it('18 when another user is logged in on the device', async () => {
    await emCall(hq().adminUrl, emLogin('SEP00AABB000001', 'alice'));
    expect((await emCall(hq().adminUrl, emLogin('SEP00AABB000001', 'bob'))).code).toBe(18);
    expect((await emCall(hq().adminUrl, emLogin('SEP00AABB000001', 'alice'))).code).toBeNull();
  });
});

describe('Multiple Login Behavior', () => {
  it('not-allowed (the default): a second login elsewhere is refused with 25', async () => {
    expect(hq().extensionMobility.multipleLoginBehavior).toBe('not-allowed');
    await emCall(hq().adminUrl, emLogin('SEP00AABB000001', 'alice'));
    const second = await emCall(hq().adminUrl, emLogin('SEP00AABB000005', 'alice'));
    expect(second.code).toBe(25);
    expect(hq().database.devicesOfUser('alice')).toEqual(['SEP00AABB000001']);
  });

  it('auto-logout: logging in on B logs the user out of A and restarts both', async () => {
    hq().extensionMobility.multipleLoginBehavior = 'auto-logout';
    await emCall(hq().adminUrl, emLogin('SEP00AABB000001', 'alice'));
    expect((await emCall(hq().adminUrl, emLogin('SEP00AABB000005', 'alice'))).code).toBeNull();
    expect(hq().database.devicesOfUser('alice')).toEqual(['SEP00AABB000005']);
    expect(await cnfXml(hq(), 'SEP00AABB000001')).toContain('<name>1000</name>');
    expect(resets.map(([, device]) => device)).toEqual(['SEP00AABB000001', 'SEP00AABB000001', 'SEP00AABB000005']);
  });

  it('allowed: the user is logged in on both', async () => {
    const topology = { ...lab.topology, clusters: lab.topology.clusters.map((c) => ({ ...c, extensionMobility: { multipleLoginBehavior: 'allowed' as const } })) };
    await lab.stop();
    lab = await startLab({ ephemeralPorts: true, dataDir: null, topology });
    expect(hq().extensionMobility.multipleLoginBehavior).toBe('allowed');
    await emCall(hq().adminUrl, emLogin('SEP00AABB000001', 'alice'));
    expect((await emCall(hq().adminUrl, emLogin('SEP00AABB000005', 'alice'))).code).toBeNull();
    expect(hq().database.devicesOfUser('alice').sort()).toEqual(['SEP00AABB000001', 'SEP00AABB000005']);
  });
});
