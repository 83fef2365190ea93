import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tftpFetch } from '../src-lab/tftp-fetch';
import { clusterOf } from '../testing/lab-clusters';
import { LabPhone, startLabWithSip, type LabWithSip } from '../testing/lab-phones';
import { waitUntil } from '../testing/wait-until';
import { ccemGet, deviceNames, submitUrl } from './testing/ccem-lab';

const BRANCH_PHONE = 'SEP00AABB000002';
const HQ_PHONE = 'SEP00AABB000001';

function registeredWith(phone: LabPhone, dn: string, sipUrl: string): boolean {
  return registeredAs(phone, dn) && (phone.phone.getRegistrations()[0]?.registrar ?? '').replace(/\/$/, '') === sipUrl.replace(/\/$/, '');
}

function registeredAs(phone: LabPhone, dn: string): boolean {
  const lines = phone.phone.getRegistrations();
  return lines.length > 0 && lines.every((line) => line.state === 'registered') && lines[0]?.dn === dn;
}

describe('Cross Cluster EM over the lab', () => {
  let setup: LabWithSip;
  let phones: LabPhone[] = [];

  beforeEach(async () => {
    setup = await startLabWithSip();
    phones = [];
  });
  afterEach(async () => {
    for (const phone of phones) phone.stop();
    await setup.lab.stop();
  });

  it('alice from hq logs in on the branch phone, comes up as 1001 with hq, and logs out back to 2000 with branch', async () => {
    const { lab } = setup;
    const ccem = lab.ccem!;
    expect(lab.ccemUrl).toBe(`${ccem.url}/ccem/login`);
    const phone = await new LabPhone(lab, '00AABB000002', 'branch').boot();
    phones.push(phone);
    expect(registeredAs(phone, '2000')).toBe(true);

    const input = await ccemGet(`${lab.ccemUrl}?device=${BRANCH_PHONE}`);
    expect(input.root).toBe('CiscoIPPhoneInput');
    expect(input.body).toContain('<QueryStringParam>userid</QueryStringParam>');
    expect(input.body).toContain('<InputFlags>NP</InputFlags>');

    const answer = await ccemGet(submitUrl(ccem.url, BRANCH_PHONE, 'alice', '12345'));
    expect(answer.text).toBe('Login successful');

    const hq = clusterOf(lab, 'hq');
    const branch = clusterOf(lab, 'branch');
    const temporary = hq.database.getDevice(BRANCH_PHONE);
    expect(temporary?.temporary).toBe(true);
    expect(temporary?.loggedInUser).toBe('alice');
    expect(deviceNames(lab, 'branch')).toContain('SEPCCCABB000002');
    expect(deviceNames(lab, 'branch')).not.toContain(BRANCH_PHONE);

    const file = await tftpFetch(branch.tftp, `${BRANCH_PHONE}.cnf.xml`);
    expect(file.outcome).toBe('ok');
    if (file.outcome === 'ok') expect(file.data.toString('utf8')).toContain('<name>1001</name>');
    await waitUntil(() => lab.events.recent().some((e) => e.type === 'tftp' && e.cluster === 'branch' && e.file === `${BRANCH_PHONE}.cnf.xml` && e.source === 'alternate:hq'),
      2000, `the branch TFTP to serve ${BRANCH_PHONE}.cnf.xml from hq (${JSON.stringify(lab.events.recent().filter((e) => e.type === 'tftp'))})`);

    await waitUntil(() => registeredWith(phone, '1001', hq.sipUrl), 5000, 'the branch phone as 1001 with hq');
    expect(phone.events.some((e) => e.type === 'restart')).toBe(true);
    expect(ccem.sessions()).toMatchObject([{ user: 'alice', device: BRANCH_PHONE, home: 'hq', visiting: 'branch', step: 'logged-in' }]);
    const state = lab.state();
    expect(state.ccem?.sessions[0]?.user).toBe('alice');
    expect(state.clusters.find((c) => c.id === 'hq')?.devices.find((d) => d.name === BRANCH_PHONE)?.loggedInUser).toBe('alice');

    const shown = await ccemGet(`${lab.ccemUrl}?device=${BRANCH_PHONE}`);
    expect(shown.root).toBe('CiscoIPPhoneText');
    expect(shown.text).toContain('alice');
    expect(shown.text).toContain('1001');
    expect(shown.body).toContain('/ccem/logout?device=SEP00AABB000002');

    const restartsBefore = phone.events.filter((e) => e.type === 'restart').length;
    const logout = await ccemGet(`${ccem.url}/ccem/logout?device=${BRANCH_PHONE}`);
    expect(logout.text).toBe('Logout successful');
    expect(hq.database.getDevice(BRANCH_PHONE)).toBeNull();
    expect(branch.database.getDevice(BRANCH_PHONE)).not.toBeNull();
    expect(branch.database.getDevice('SEPCCCABB000002')).toBeNull();
    await waitUntil(() => phone.events.filter((e) => e.type === 'restart').length > restartsBefore && registeredWith(phone, '2000', branch.sipUrl), 5000, 'the branch phone back as 2000 with branch');
    expect(ccem.sessions()).toEqual([]);
    expect(lab.events.recent().some((e) => e.type === 'ccem' && e.step === 'login' && e.outcome === 'success')).toBe(true);
  });

  it('bob logs in on the hq phone (same cluster): an ordinary EM login and restart, then logout', async () => {
    const { lab } = setup;
    const ccem = lab.ccem!;
    const phone = await new LabPhone(lab, '00AABB000001', 'hq').boot();
    phones.push(phone);
    expect(registeredAs(phone, '1000')).toBe(true);
    expect((await ccemGet(submitUrl(ccem.url, HQ_PHONE, 'bob', '23456'))).text).toBe('Login successful');
    const hq = clusterOf(lab, 'hq');
    expect(hq.database.getDevice(HQ_PHONE)?.loggedInUser).toBe('bob');
    expect(hq.database.listDevices().some((d) => d.temporary)).toBe(false);
    await waitUntil(() => registeredAs(phone, '1002'), 5000, 'the hq phone as 1002');
    expect(ccem.sessions()[0]).toMatchObject({ user: 'bob', home: 'hq', visiting: 'hq' });

    expect((await ccemGet(`${ccem.url}/ccem/logout?device=${HQ_PHONE}`)).text).toBe('Logout successful');
    expect(hq.database.getDevice(HQ_PHONE)?.loggedInUser).toBeNull();
    await waitUntil(() => registeredAs(phone, '1000'), 5000, 'the hq phone back as 1000');
  });
});
