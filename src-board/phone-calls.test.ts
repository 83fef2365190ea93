import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LabPhone, startLabWithSip, type LabWithSip } from '../testing/lab-phones';
import { waitUntil } from '../testing/wait-until';

describe('calls between headless phones through the lab\'s call managers', () => {
  let lab: LabWithSip;
  let phones: LabPhone[];

  beforeEach(async () => {
    lab = await startLabWithSip();
    phones = [];
  });

  afterEach(async () => {
    for (const phone of phones) phone.stop();
    await lab.lab.stop();
  });

  const boot = async (mac: string, cluster: string): Promise<LabPhone> => {
    const phone = new LabPhone(lab.lab, mac, cluster);
    phones.push(phone);
    return phone.boot();
  };

  /** Branch phones 2000, 2001 and 2002; 2000 has called 2001, who answered. */
  const threeBranchPhonesWithACall = async (): Promise<[LabPhone, LabPhone, LabPhone]> => {
    const a = await boot('00AABB000002', 'branch');
    const b = await boot('00AABB000004', 'branch');
    const c = await boot('00AABB000006', 'branch');
    a.dial('2001');
    await b.waitForCall('2000', /Ringing/);
    b.press('softkey-1');
    await b.waitForCall('2000', /Connected/);
    await a.waitForCall('2001', /Connected/);
    return [a, b, c];
  };

  it('a call across clusters rings, is answered with the handset, holds, resumes and hangs up', async () => {
    const branch = await boot('00AABB000002', 'branch');
    const hq = await boot('00AABB000001', 'hq');
    branch.dial('1000');
    await hq.waitForCall('2000', /Ringing/);
    expect(hq.phone.getSnapshot().softkeys).toEqual(['Answer', 'Divert', '', '']);
    expect(hq.phone.getSnapshot().handsetLamp).toBe('red-flash');
    await branch.waitForCall('1000', /Ring Out/);
    hq.press('handset');
    await hq.waitForCall('2000', /Connected/);
    await branch.waitForCall('1000', /Connected/);
    expect(branch.phone.getSnapshot().softkeys).toEqual(['Hold', 'EndCall', 'Transfer', 'more']);
    expect(branch.phone.getSnapshot().lines[0]).toMatchObject({ icon: 'line-connected', lamp: 'green' });

    branch.press('softkey-1');
    await branch.waitForCall('1000', /On Hold/);
    await hq.waitForCall('2000', /Held by peer/);
    expect(branch.phone.getSnapshot().softkeys).toEqual(['Resume', 'NewCall', 'EndCall', '']);
    branch.press('softkey-1');
    await branch.waitForCall('1000', /Connected/);
    await hq.waitForCall('2000', /^Connected/);

    hq.press('handset');
    await waitUntil(() => branch.phone.getSnapshot().screen === 'idle' && hq.phone.getSnapshot().screen === 'idle', 10_000, 'both idle');
    expect(branch.events.filter((event) => event.type === 'call').map((event) => event.state)).toEqual(['dialing', 'ringback', 'connected', 'ended']);
    expect(hq.phone.callHistory.received.map((entry) => entry.telephone)).toEqual(['2000']);
    expect(branch.phone.callHistory.placed.map((entry) => entry.telephone)).toEqual(['1000']);
  });

  it('a call in the same cluster that nobody answers is cancelled and lands in Missed Calls', async () => {
    const caller = await boot('00AABB000002', 'branch');
    const callee = await boot('00AABB000004', 'branch');
    caller.dial('2001');
    await callee.waitForCall('2000', /Ringing/);
    caller.press('softkey-2');
    await waitUntil(() => callee.phone.getSnapshot().screen === 'idle', 10_000, 'the callee to stop ringing');
    expect(callee.phone.callHistory.missed.map((entry) => entry.telephone)).toEqual(['2000']);
  });

  it('Divert on a ringing call tells the caller it is busy', async () => {
    const caller = await boot('00AABB000002', 'branch');
    const callee = await boot('00AABB000004', 'branch');
    caller.dial('2001');
    await callee.waitForCall('2000', /Ringing/);
    callee.press('softkey-2');
    await waitUntil(() => caller.phone.getSnapshot().prompt === 'Busy', 10_000, 'the caller to see Busy');
  });

  it('an unknown number ends with a clear reason', async () => {
    const caller = await boot('00AABB000002', 'branch');
    caller.dial('2999');
    await waitUntil(() => caller.phone.getSnapshot().prompt === 'Unknown number', 10_000, 'Unknown number');
  });

  it('blind transfer: the transferee ends up talking to the target', async () => {
    const [a, b, c] = await threeBranchPhonesWithACall();
    b.press('softkey-3');
    expect(b.phone.getSnapshot().body.title).toBe('Transfer to');
    b.press('2', '0', '0', '2');
    b.press('softkey-1');
    await c.waitForCall('2001', /Ringing/);
    b.press('softkey-3');
    await c.waitForCall('2000', /Ringing/);
    c.press('softkey-1');
    await a.waitForCall('2002', /Connected/);
    await waitUntil(() => b.phone.getSnapshot().screen === 'idle', 10_000, 'the transferor to be idle');
  });

  it('consultative transfer replaces the consultation with the transferee', async () => {
    const [a, b, c] = await threeBranchPhonesWithACall();
    b.press('softkey-3', '2', '0', '0', '2', 'softkey-1');
    await c.waitForCall('2001', /Ringing/);
    c.press('softkey-1');
    await b.waitForCall('2002', /Connected/);
    await c.waitForCall('2001', /Connected/);
    b.press('softkey-3');
    await a.waitForCall('2002', /Connected/);
    await c.waitForCall('2000', /Connected/);
    await waitUntil(() => b.phone.getSnapshot().screen === 'idle', 10_000, 'the transferor to be idle');
  });

  it('a three-party conference bridged by the first phone', async () => {
    const [a, b, c] = await threeBranchPhonesWithACall();
    a.press('softkey-4', 'softkey-1');
    expect(a.phone.getSnapshot().body.title).toBe('Conference with');
    a.press('2', '0', '0', '2', 'softkey-1');
    await c.waitForCall('2000', /Ringing/);
    c.press('softkey-1');
    await a.waitForCall('2002', /Connected/);
    a.press('softkey-3');
    await a.waitForCall('2001', /Conference/);
    await a.waitForCall('2002', /Conference/);
    await b.waitForCall('2000', /^Connected/);
    await c.waitForCall('2000', /^Connected/);
  });

  it('call waiting: a second call rings on the same line and Answer holds the first', async () => {
    const [a, b, c] = await threeBranchPhonesWithACall();
    c.dial('2001');
    await b.waitForCall('2002', /Ringing/);
    expect(b.phone.getSnapshot().softkeys).toEqual(['Answer', 'Divert', '', '']);
    b.press('softkey-1');
    await b.waitForCall('2002', /Connected/);
    await b.waitForCall('2000', /On Hold/);
    await a.waitForCall('2001', /Held by peer/);
  });

  it('Call Forward All sends callers to the chosen number', async () => {
    const a = await boot('00AABB000002', 'branch');
    const b = await boot('00AABB000004', 'branch');
    const c = await boot('00AABB000006', 'branch');
    b.press('softkey-3');
    expect(b.phone.getSnapshot().body.title).toBe('Forward all calls to');
    b.press('2', '0', '0', '2', 'softkey-1');
    expect(b.phone.getSnapshot().prompt).toBe('Forwarded to 2002');
    a.dial('2001');
    await c.waitForCall('2000', /Ringing/);
    expect(b.phone.callHistory.missed.map((entry) => entry.telephone)).toEqual(['2000']);
  });

  it('digits pressed during a call go out as DTMF', async () => {
    const [a] = await threeBranchPhonesWithACall();
    a.press('1', 'pound');
    expect(a.events.filter((event) => event.type === 'dtmf').map((event) => [event.digit, event.sent])).toEqual([['1', true], ['#', true]]);
  });
});
