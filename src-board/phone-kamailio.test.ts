/**
 * Interop with a real SIP server: Debian's Kamailio over WebSocket, started by
 * the test from testing/kamailio/kamailio-ws.cfg (static digest on REGISTER),
 * two headless phones (`npm run phone`) booting from tftpd-hpa with
 * hand-written cnf.xml files that point at Kamailio, and a call between them.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeHandWrittenCnf } from '../testing/hand-written-cnf';
import { HeadlessPhoneProcess, type PhoneLine } from '../testing/headless-phone-process';
import { kamailioMissing, startKamailio, type RunningKamailio } from '../testing/kamailio';
import { hasTftpdHpa, startTftpdHpa, type RunningTftpd } from '../testing/tftpd-hpa';

const ALICE = { mac: '00AABB0000C1', dn: '3001' };
const BOB = { mac: '00AABB0000C3', dn: '3002' };
const MALLORY = { mac: '00AABB0000C5', dn: '3003' };

const missing = kamailioMissing() ?? (hasTftpdHpa() ? null : '/usr/sbin/in.tftpd is missing (apt-get install tftpd-hpa)');
if (missing) console.log(`SKIPPED Kamailio interop: ${missing}`);

const isCall = (dn: string, state: string) => (line: PhoneLine): boolean => line.type === 'call' && line.dn === dn && line.state === state;

describe.skipIf(missing !== null)('two headless phones registering with Kamailio over WebSocket and calling each other through it', () => {
  let kamailio: RunningKamailio | undefined;
  let tftpd: RunningTftpd | undefined;
  const phones: HeadlessPhoneProcess[] = [];

  beforeAll(async () => {
    kamailio = await startKamailio({ auth: true });
    const folder = mkdtempSync(join(tmpdir(), 'kamailio-cnf-'));
    for (const phone of [ALICE, BOB]) {
      writeHandWrittenCnf(folder, { mac: phone.mac, lines: [{ dn: phone.dn, authPassword: 'secret' }], webSocketPorts: [kamailio.wsPort] });
    }
    writeHandWrittenCnf(folder, { mac: MALLORY.mac, lines: [{ dn: MALLORY.dn, authPassword: 'guess' }], webSocketPorts: [kamailio.wsPort] });
    tftpd = await startTftpdHpa(folder);
  });

  afterAll(async () => {
    for (const phone of phones) {
      phone.kill();
      await phone.exited;
    }
    await tftpd?.stop();
    await kamailio?.stop();
  });

  const launch = (mac: string): HeadlessPhoneProcess => {
    const phone = new HeadlessPhoneProcess(['--mac', mac, '--tftp', `127.0.0.1:${tftpd?.port ?? 0}`]);
    phones.push(phone);
    return phone;
  };

  it('a line with the wrong password is refused by Kamailio\'s digest check', async () => {
    const mallory = launch(MALLORY.mac);
    expect(await mallory.waitFor((line) => line.type === 'unregistered')).toMatchObject({ dn: MALLORY.dn, reason: expect.stringMatching(/^401 /) });
    expect((await mallory.snapshot()).prompt).toMatch(/^Registration Rejected: 401 /);
  }, 30_000);

  it('both register (digest against Kamailio), Alice calls Bob: ringing, answered, connected, hung up with BYE', async () => {
    const alice = launch(ALICE.mac);
    const bob = launch(BOB.mac);
    const url = `ws://127.0.0.1:${kamailio?.wsPort ?? 0}/`;
    expect(await alice.waitFor((line) => line.type === 'registered')).toMatchObject({ dn: ALICE.dn, registrar: url });
    expect(await bob.waitFor((line) => line.type === 'registered')).toMatchObject({ dn: BOB.dn, registrar: url });

    for (const digit of BOB.dn) alice.send(`press ${digit}`);
    alice.send('press softkey-1');
    await bob.waitFor(isCall(BOB.dn, 'ringing'), 5000);
    await alice.waitFor(isCall(ALICE.dn, 'ringback'), 5000);
    expect((await bob.snapshot()).softkeys).toEqual(['Answer', 'Divert', '', '']);

    bob.send('press softkey-1');
    expect(await bob.waitFor(isCall(BOB.dn, 'connected'), 5000)).toMatchObject({ peer: ALICE.dn });
    expect(await alice.waitFor(isCall(ALICE.dn, 'connected'), 5000)).toMatchObject({ peer: BOB.dn });
    const talking = await alice.snapshot();
    expect(talking.softkeys).toEqual(['Hold', 'EndCall', 'Transfer', 'more']);
    expect(String(talking.body)).toMatch(new RegExp(`Connected.*${BOB.dn}|${BOB.dn}.*Connected`));

    alice.send('press softkey-2');
    await alice.waitFor(isCall(ALICE.dn, 'ended'), 5000);
    await bob.waitFor(isCall(BOB.dn, 'ended'), 5000);
    expect((await bob.snapshot()).screen).toBe('idle');
    expect(alice.lines.filter((line) => line.type === 'call').map((line) => line.state)).toEqual(['dialing', 'ringback', 'connected', 'ended']);
  }, 30_000);
});
