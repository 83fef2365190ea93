/**
 * Stories of a line's registration over real WebSockets on loopback: wrong
 * credentials, failover to the second call manager and back, a registrar that
 * dies and comes back, the call manager's NOTIFYs (wrong RegisterCallId,
 * check-sync), and a call nobody answers.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clusterOf } from '../testing/lab-clusters';
import { FolderPhone } from '../testing/folder-phone';
import { freeTcpPort, writeHandWrittenCnf } from '../testing/hand-written-cnf';
import { HeadlessPhoneProcess } from '../testing/headless-phone-process';
import { LabPhone, startLabWithSip, type LabWithSip } from '../testing/lab-phones';
import { startLabWithInviteTimeout, startStandInRegistrar, type LabWithServers } from '../testing/lab-sip-variants';
import { hasTftpdHpa, startTftpdHpa } from '../testing/tftpd-hpa';
import { waitUntil } from '../testing/wait-until';

const noTftpd = !hasTftpdHpa();
if (noTftpd) console.log('SKIPPED hand-written cnf.xml stories: /usr/sbin/in.tftpd is missing (apt-get install tftpd-hpa)');

type Cleanup = () => unknown;

describe('a line registering with its call managers over real WebSockets', () => {
  let lab: LabWithSip;
  let cleanups: Cleanup[];

  beforeEach(async () => {
    lab = await startLabWithSip();
    cleanups = [];
  });

  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await lab.lab.stop();
  });

  const branchPort = (): number => Number(new URL(clusterOf(lab.lab, 'branch').sipUrl).port);

  /** tftpd-hpa serving one hand-written cnf.xml. */
  const serveCnf = async (...args: Parameters<typeof writeHandWrittenCnf>[1][]): Promise<{ host: string; port: number }> => {
    const folder = mkdtempSync(join(tmpdir(), 'cnf-'));
    for (const cnf of args) writeHandWrittenCnf(folder, cnf);
    const tftpd = await startTftpdHpa(folder);
    cleanups.push(() => tftpd.stop());
    return { host: '127.0.0.1', port: tftpd.port };
  };

  const bootLabPhone = async (mac: string): Promise<LabPhone> => {
    const phone = new LabPhone(lab.lab, mac, 'branch');
    cleanups.push(() => phone.stop());
    return phone.boot();
  };

  it.skipIf(noTftpd)('a wrong authPassword: the registrar answers 403 and the phone says "Registration Rejected" on the LCD, in Status Messages and on stdout', async () => {
    const tftp = await serveCnf({ mac: '00AABB0000B2', lines: [{ dn: '2000', authPassword: 'not-br2000' }], webSocketPorts: [branchPort()] });
    const phone = new HeadlessPhoneProcess(['--mac', '00AABB0000B2', '--tftp', `${tftp.host}:${tftp.port}`]);
    cleanups.push(async () => {
      phone.kill();
      await phone.exited;
    });

    const unregistered = await phone.waitFor((line) => line.type === 'unregistered');
    expect(unregistered).toMatchObject({ dn: '2000', reason: expect.stringMatching(/^403 /) });
    expect((await phone.snapshot()).prompt).toMatch(/^Registration Rejected: 403 /);

    phone.send('press settings');
    phone.send('press 5');
    phone.send('press 1');
    const messages = await phone.snapshot();
    expect(messages.title).toBe('Status Messages');
    expect(String(messages.body)).toMatch(/Line 2000: Registration Rejected \(403 [^)]+\) by ws:\/\/127\.0\.0\.1:\d+\//);
    expect(phone.lines.some((line) => line.type === 'registered')).toBe(false);
    expect(lab.sip.get('branch')?.server.isRegistered('2000')).toBe(false);
  });

  it.skipIf(noTftpd)('fails over to the second call manager while the first is down, and moves back when the first comes up', async () => {
    const primaryPort = await freeTcpPort();
    const tftp = await serveCnf({ mac: '00AABB000002', lines: [{ dn: '2000', authPassword: 'br2000' }], webSocketPorts: [primaryPort, branchPort()] });
    const phone = new FolderPhone(tftp, '00AABB000002');
    cleanups.push(() => phone.stop());
    await phone.start();

    expect(await phone.waitForRegistered(1)).toMatchObject({ dn: '2000', registrar: `ws://127.0.0.1:${branchPort()}/` });
    expect(phone.networkConfigurationRows().filter((row) => /CallManager [12]:/.test(row))).toEqual([
      '7 CallManager 1: 127.0.0.1 Standby', '8 CallManager 2: 127.0.0.1 Active',
    ]);

    const primary = await startStandInRegistrar('branch', clusterOf(lab.lab, 'branch').database, primaryPort);
    cleanups.push(() => primary.close());
    expect(await phone.waitForRegistered(2)).toMatchObject({ dn: '2000', registrar: `ws://127.0.0.1:${primaryPort}/` });
    expect(primary.isRegistered('2000')).toBe(true);
    expect(phone.networkConfigurationRows().filter((row) => /CallManager [12]:/.test(row))).toEqual([
      '7 CallManager 1: 127.0.0.1 Active', '8 CallManager 2: 127.0.0.1 Standby',
    ]);
    expect(phone.phone.getStatusMessages().map((message) => message.text)).toContain(`Line 2000: primary CallManager ws://127.0.0.1:${primaryPort}/ is back`);
    await waitUntil(() => !lab.sip.get('branch')?.server.isRegistered('2000'), 3000, 'the secondary to drop the binding with its socket');
  });

  it('re-registers on its own after the registrar is killed and started again on the same port', async () => {
    const phone = await bootLabPhone('00AABB000002');
    const service = lab.sip.get('branch');
    if (!service) throw new Error('no branch SIP service');
    const port = service.server.port;

    await service.stop();
    const lost = await waitUntil(() => phone.events.find((event) => event.type === 'unregistered'), 3000, 'an unregistered event');
    expect(lost).toMatchObject({ dn: '2000', reason: `Connection to ws://127.0.0.1:${port}/ lost` });
    expect(phone.phone.getRegistrations()[0]?.state).not.toBe('registered');

    const revived = await startStandInRegistrar('branch', clusterOf(lab.lab, 'branch').database, port);
    cleanups.push(() => revived.close());
    await waitUntil(() => phone.events.filter((event) => event.type === 'registered').length >= 2, 5000, 'the line to register again');
    expect(revived.isRegistered('2000')).toBe(true);
    expect(phone.phone.getRegistrations()[0]).toMatchObject({ state: 'registered', registrar: `ws://127.0.0.1:${port}/` });
  });

  it('answers 200 to a restart NOTIFY quoting someone else\'s REGISTER Call-ID, logs it and keeps running', async () => {
    const phone = await bootLabPhone('00AABB000002');
    const server = lab.sip.get('branch')?.server;
    const binding = server?.registrations().find((entry) => entry.dn === '2000');
    if (!server || !binding) throw new Error('2000 is not bound');

    expect(await server.serviceControl({ ...binding, callId: 'not-the-phones-call-id@127.0.0.1' }, 'restart', '0')).toBe(200);
    expect(phone.events.find((event) => event.type === 'notify-ignored')).toMatchObject({
      event: 'service-control', action: 'restart', registerCallId: 'not-the-phones-call-id@127.0.0.1', line: '2000',
    });
    expect(phone.phone.getStatusMessages().map((message) => message.text))
      .toContain('Ignored service-control restart: RegisterCallId not-the-phones-call-id@127.0.0.1 is not ours');
    expect(phone.events.some((event) => event.type === 'restart')).toBe(false);
    expect(phone.phone.getRegistrations()[0]?.state).toBe('registered');
  });

  it('restarts on a check-sync NOTIFY: fetches its config again and registers again', async () => {
    const phone = await bootLabPhone('00AABB000002');
    const server = lab.sip.get('branch')?.server;
    if (!server) throw new Error('no branch SIP server');
    const configsBefore = phone.events.filter((event) => event.type === 'config').length;

    expect(await server.checkSync('2000')).toBe(200);
    await waitUntil(() => phone.events.find((event) => event.type === 'restart'), 3000, 'a restart event');
    expect(phone.events.find((event) => event.type === 'restart')).toMatchObject({ kind: 'restart' });
    await waitUntil(() => phone.events.filter((event) => event.type === 'registered').length >= 2, 5000, 'registration after the restart');
    expect(phone.events.filter((event) => event.type === 'config').length).toBeGreaterThan(configsBefore);
  });
});

describe('a call nobody answers', () => {
  const TIMER_C_MS = 1500;
  let lab: LabWithServers;
  let phones: LabPhone[];

  beforeEach(async () => {
    lab = await startLabWithInviteTimeout(TIMER_C_MS);
    phones = [];
  });

  afterEach(async () => {
    for (const phone of phones) phone.stop();
    await lab.lab.stop();
  });

  const boot = async (mac: string): Promise<LabPhone> => {
    const phone = new LabPhone(lab.lab, mac, 'branch');
    phones.push(phone);
    return phone.boot();
  };

  it('the call manager gives up after its no-answer time: the caller shows "No answer", the callee stops ringing and logs a missed call', async () => {
    const caller = await boot('00AABB000002');
    const callee = await boot('00AABB000004');
    caller.dial('2001');
    await callee.waitForCall('2000', /Ringing/);
    const ringingSince = Date.now();
    await waitUntil(() => caller.phone.getSnapshot().prompt === 'No answer', TIMER_C_MS + 3000, 'the caller to show No answer');
    expect(Date.now() - ringingSince).toBeGreaterThanOrEqual(TIMER_C_MS - 500);
    await waitUntil(() => callee.phone.getSnapshot().screen === 'idle', 3000, 'the callee to stop ringing');
    expect(callee.phone.callHistory.missed.map((entry) => entry.telephone)).toEqual(['2000']);
    expect(caller.events.filter((event) => event.type === 'call').map((event) => event.state)).toEqual(['dialing', 'ringback', 'ended']);
  });
});
