import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Messager, SessionState, UserAgent, type Core, type Invitation, type Session } from 'sip.js';
import { installNodeWebSocket, TestPhone, waitFor } from './testing/sip-test-phone';
import { memoryCredentials, startTestCluster, type TestCluster } from './testing/lab-fixtures';
import type { RoutePattern } from './route-pattern';

const ROUTES: RoutePattern[] = [
  { pattern: '1XXX', cluster: 'hq' },
  { pattern: '2XXX', cluster: 'branch' },
];

type Outcome = { status: number; response: Core.IncomingResponse };

describe('calls between phones in the HQ and branch clusters', () => {
  const urls = new Map<string, string>();
  let hq: TestCluster;
  let branch: TestCluster;
  let alice: TestPhone;
  let bob: TestPhone;
  let carol: TestPhone;

  beforeAll(async () => {
    installNodeWebSocket();
    const trunks = (cluster: string): string | undefined => urls.get(cluster);
    hq = await startTestCluster({
      clusterId: 'hq', routes: [...ROUTES, { pattern: '3XXX', cluster: 'branch' }], trunks,
      credentials: memoryCredentials([
        { dn: '1001', authName: '1001', password: 'a' },
        { dn: '1002', authName: '1002', password: 'b' },
        { dn: '1003', authName: '1003', password: 'never-registers' },
      ]),
    });
    branch = await startTestCluster({
      clusterId: 'branch', routes: [...ROUTES, { pattern: '3XXX', cluster: 'hq' }], trunks,
      credentials: memoryCredentials([{ dn: '2001', authName: '2001', password: 'c' }]),
    });
    urls.set('hq', hq.server.url);
    urls.set('branch', branch.server.url);
    alice = new TestPhone({ server: hq.server.url, dn: '1001', password: 'a', domain: 'hq.lab' });
    bob = new TestPhone({ server: hq.server.url, dn: '1002', password: 'b', domain: 'hq.lab' });
    carol = new TestPhone({ server: branch.server.url, dn: '2001', password: 'c', domain: 'branch.lab' });
    for (const p of [alice, bob, carol]) {
      await p.start();
      expect((await p.register()).status).toBe(200);
    }
  });

  afterAll(async () => {
    await Promise.all([alice, bob, carol].map((p) => p?.stop().catch(() => undefined)));
    await hq?.server.close();
    await branch?.server.close();
  });

  /** Places a call and resolves with the caller's session and the final response. */
  function call(from: TestPhone, to: string): { session: Session; final: Promise<Outcome>; provisional: number[] } {
    const inviter = from.inviter(to);
    const provisional: number[] = [];
    const final = new Promise<Outcome>((resolve, reject) => {
      const settle = (response: Core.IncomingResponse): void => resolve({ status: response.message.statusCode ?? 0, response });
      inviter.invite({
        requestDelegate: {
          onProgress: (r) => provisional.push(r.message.statusCode ?? 0),
          onAccept: settle,
          onReject: settle,
        },
      }).catch(reject);
    });
    return { session: inviter, final, provisional };
  }

  function answerWith(phone: TestPhone, handle: (invitation: Invitation) => void): void {
    phone.onInvite = handle;
  }

  function ringThenAnswer(invitation: Invitation): void {
    void invitation.progress().then(() => invitation.accept());
  }

  it('connects two HQ phones: INVITE → 100 → 180 → 200 → ACK, then BYE', async () => {
    answerWith(bob, ringThenAnswer);
    const { session, final, provisional } = call(alice, '1002');
    const outcome = await final;
    expect(outcome.status).toBe(200);
    expect(provisional).toContain(180);
    expect(outcome.response.message.getHeaders('record-route')).toHaveLength(1);
    await waitFor(() => bob.startLines().some((l) => l.startsWith('ACK ')), 2000, 'ACK at the callee');
    const callee = bob.invitations.at(-1) as Invitation;
    expect(callee.state).toBe(SessionState.Established);
    await session.bye();
    await waitFor(() => callee.state === SessionState.Terminated, 2000, 'callee hangs up');
    const states = hq.events.filter((e) => e.kind === 'call' && e.dn === '1002').map((e) => e.kind === 'call' && e.state);
    expect(states).toEqual(['setup', 'ringing', 'connected', 'ended']);
  });

  it('connects an HQ phone to a branch phone over the trunk picked by route pattern 2XXX; the callee hangs up', async () => {
    answerWith(carol, ringThenAnswer);
    const { session, final, provisional } = call(alice, '2001');
    const outcome = await final;
    expect(outcome.status).toBe(200);
    expect(provisional).toContain(180);
    expect(outcome.response.message.getHeaders('record-route')).toHaveLength(2);
    await waitFor(() => carol.startLines().some((l) => l.startsWith('ACK ')), 2000, 'ACK across the trunk');
    const callee = carol.invitations.at(-1) as Invitation;
    await callee.bye();
    await waitFor(() => session.state === SessionState.Terminated, 2000, 'caller sees the BYE');
    expect(branch.events.some((e) => e.kind === 'call' && e.dn === '2001' && e.state === 'connected')).toBe(true);
    expect(hq.events.some((e) => e.kind === 'call' && e.dn === '2001' && e.state === 'connected')).toBe(true);
  });

  it('carries re-INVITE and REFER inside an established cross-cluster dialog', async () => {
    answerWith(carol, ringThenAnswer);
    const { session, final } = call(alice, '2001');
    expect((await final).status).toBe(200);
    const callee = carol.invitations.at(-1) as Invitation;
    await waitFor(() => carol.wire.some((m) => m.startsWith('ACK ') && m.includes(callee.request.callId)), 2000, 'ACK');
    // sip.js answers 500 + Retry-After (RFC 6337 §4.3) to a re-INVITE that lands while it still processes the ACK.
    await new Promise((resolve) => setTimeout(resolve, 20));

    const reinvite = await new Promise<number>((resolve, reject) => {
      session.invite({
        requestDelegate: { onAccept: (r) => resolve(r.message.statusCode ?? 0), onReject: (r) => resolve(r.message.statusCode ?? 0) },
      }).catch(reject);
    });
    expect(reinvite).toBe(200);

    callee.delegate = { onRefer: (referral) => void referral.accept() };
    const refer = await new Promise<number>((resolve, reject) => {
      const target = UserAgent.makeURI('sip:1002@hq.lab');
      if (!target) throw new Error('bad uri');
      session.refer(target, {
        requestDelegate: { onAccept: (r) => resolve(r.message.statusCode ?? 0), onReject: (r) => resolve(r.message.statusCode ?? 0) },
      }).catch(reject);
    });
    expect(refer).toBe(202);
    await session.bye();
    await waitFor(() => callee.state === SessionState.Terminated, 2000, 'callee hangs up');
  });

  it('cancels a ringing call: the caller gets 487 and the callee stops ringing', async () => {
    answerWith(bob, (invitation) => void invitation.progress());
    const { session, final, provisional } = call(alice, '1002');
    await waitFor(() => provisional.includes(180), 2000, 'ringing');
    const callee = bob.invitations.at(-1) as Invitation;
    await (session as unknown as { cancel(): Promise<void> }).cancel();
    expect((await final).status).toBe(487);
    await waitFor(() => callee.state === SessionState.Terminated, 2000, 'callee stops ringing');
    await hq.waitForEvent((e) => e.kind === 'call' && e.state === 'cancelled' && e.status === 487, 'cancelled event');
  });

  it('passes a busy callee\'s 486 back to the caller', async () => {
    answerWith(bob, (invitation) => void invitation.reject({ statusCode: 486 }));
    const { final } = call(alice, '1002');
    expect((await final).status).toBe(486);
  });

  it('answers 404 for a number nobody owns and 480 for a known line that is not registered', async () => {
    expect((await call(alice, '1999').final).status).toBe(404);
    expect((await call(alice, '9999').final).status).toBe(404);
    expect((await call(alice, '1003').final).status).toBe(480);
    expect((await call(carol, '1003').final).status).toBe(480);
  });

  it('forks to every phone sharing a line: the first to answer wins, the others are cancelled', async () => {
    const bobSoftphone = new TestPhone({ server: hq.server.url, dn: '1002', password: 'b', domain: 'hq.lab' });
    await bobSoftphone.start();
    expect((await bobSoftphone.register()).status).toBe(200);
    expect(hq.server.registrations().filter((b) => b.dn === '1002')).toHaveLength(2);
    answerWith(bob, (invitation) => void invitation.progress());
    answerWith(bobSoftphone, ringThenAnswer);
    const { session, final } = call(alice, '1002');
    expect((await final).status).toBe(200);
    const deskInvitation = bob.invitations.at(-1) as Invitation;
    await waitFor(() => deskInvitation.state === SessionState.Terminated, 2000, 'the desk phone stops ringing');
    expect(bob.startLines().some((l) => l.startsWith('CANCEL '))).toBe(true);
    await session.bye();
    await bobSoftphone.stop();
    await waitFor(() => hq.server.registrations().filter((b) => b.dn === '1002').length === 1, 2000, 'softphone gone');
  });

  it('stops a routing loop between two misconfigured clusters with 482 Loop Detected', async () => {
    const outcome = await call(alice, '3001').final;
    expect(outcome.status).toBe(482);
  });

  it('delivers MESSAGE inside a cluster and across the trunk', async () => {
    const toBob = UserAgent.makeURI('sip:1002@hq.lab');
    const toAlice = UserAgent.makeURI('sip:1001@hq.lab');
    if (!toBob || !toAlice) throw new Error('bad uri');
    await new Messager(alice.ua, toBob, 'hello bob').message();
    await waitFor(() => bob.messages.find((m) => m.request.body === 'hello bob'), 2000, 'message at bob');
    await new Messager(carol.ua, toAlice, 'hello from the branch').message();
    await waitFor(() => alice.messages.find((m) => m.request.body === 'hello from the branch'), 2000, 'message at alice');
  });
});
