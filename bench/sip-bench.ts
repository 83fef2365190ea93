/**
 * SIP over WebSocket on loopback, the lab's call manager side by side with
 * Debian's Kamailio started in the same run:
 *
 * - time to register N lines at once (N sip.js UAs in this process, each on
 *   its own WebSocket, digest on both servers);
 * - REGISTERs per second: the same N UAs re-registering one after another
 *   for a fixed count each (every REGISTER is challenged: 401, then 200);
 * - call setup time, INVITE (Dial pressed) to connected on the caller, over
 *   CALLS calls between two headless phones (in-process firmware, real UDP
 *   TFTP and WebSockets) that answer and hang up as soon as they can.
 *
 * Bounded loops, loopback only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocketImpl from 'ws';
import { Registerer, UserAgent } from 'sip.js';
import { startLab } from '../src-lab/lab';
import type { TftpServerAddress } from '../src-firmware/board';
import { clusterOf } from '../testing/lab-clusters';
import { FolderPhone } from '../testing/folder-phone';
import { writeHandWrittenCnf } from '../testing/hand-written-cnf';
import { spawnRegistrarProcess, registrarPassword } from '../testing/registrar-process';
import { kamailioMissing, startKamailio } from '../testing/kamailio';
import { hasTftpdHpa, startTftpdHpa } from '../testing/tftpd-hpa';
import { waitUntil } from '../testing/wait-until';
import type { BenchRow, BenchSection } from './bench-report';
import { percentile } from './statistics';

const LINES = 50;
const REGISTERS_PER_LINE = 20;
const CALLS = 100;
const WARM_UP_CALLS = 5;
/** Kamailio's static digest password (testing/kamailio/kamailio-ws.cfg, WITH_AUTH). */
const KAMAILIO_PASSWORD = 'secret';
const lineDn = (index: number): string => String(5000 + index);

interface RegisterMeasures {
  /** ms from starting N UAs to all N registered. */
  readonly registerAllMs: number;
  /** Registrations completed (200 OK) per second in the repeat phase. */
  readonly registrationsPerSecond: number;
  /** REGISTER requests sent per second in the repeat phase (challenged ones included). */
  readonly requestsPerSecond: number;
}

/** Wraps one REGISTER transaction (with its digest retry) in a promise. */
function registerOnce(registerer: Registerer): Promise<void> {
  return new Promise((resolve, reject) => {
    registerer.register({
      requestDelegate: {
        onAccept: () => resolve(),
        onReject: (response) => reject(new Error(`REGISTER answered ${response.message.statusCode}`)),
      },
    }).catch(reject);
  });
}

/** The load generator, the same for both servers: N sip.js UAs in this process. */
async function measureRegistrations(server: string, password: (dn: string) => string): Promise<RegisterMeasures> {
  (globalThis as unknown as { WebSocket: unknown }).WebSocket = WebSocketImpl;
  let sent = 0;
  const agents = Array.from({ length: LINES }, (_, index) => {
    const dn = lineDn(index);
    const uri = UserAgent.makeURI(`sip:${dn}@127.0.0.1`);
    if (!uri) throw new Error(`bad DN ${dn}`);
    const ua = new UserAgent({
      uri, transportOptions: { server }, authorizationUsername: dn, authorizationPassword: password(dn),
      logLevel: 'error', logBuiltinEnabled: false,
    });
    const transport = ua.transport as unknown as { send(message: string): Promise<void> };
    const send = transport.send.bind(transport);
    transport.send = (message) => {
      if (message.startsWith('REGISTER ')) sent++;
      return send(message);
    };
    return { ua, registerer: new Registerer(ua, { expires: 600 }) };
  });
  try {
    const started = performance.now();
    await Promise.all(agents.map(async ({ ua, registerer }) => {
      await ua.start();
      await registerOnce(registerer);
    }));
    const registerAllMs = performance.now() - started;

    const sentBefore = sent;
    const repeatStarted = performance.now();
    await Promise.all(agents.map(async ({ registerer }) => {
      for (let round = 0; round < REGISTERS_PER_LINE; round++) await registerOnce(registerer);
    }));
    const seconds = (performance.now() - repeatStarted) / 1000;
    return { registerAllMs, registrationsPerSecond: (LINES * REGISTERS_PER_LINE) / seconds, requestsPerSecond: (sent - sentBefore) / seconds };
  } finally {
    await Promise.all(agents.map(async ({ ua, registerer }) => {
      await registerer.dispose().catch(() => undefined);
      await ua.stop().catch(() => undefined);
    }));
  }
}

/**
 * CALLS calls from `caller` to `number` (after a few warm-up calls): ms from
 * pressing Dial to the caller's `connected` event. The callee answers from its
 * `ringing` event; the caller hangs up as soon as it is connected.
 */
async function callSetupTimes(caller: FolderPhone, callee: FolderPhone, number: string): Promise<number[]> {
  const answer = (event: { type: string; state?: unknown }): void => {
    if (event.type === 'call' && event.state === 'ringing') setImmediate(() => callee.press('softkey-1'));
  };
  callee.listeners.add(answer);
  const times: number[] = [];
  try {
    for (let index = 0; index < WARM_UP_CALLS + CALLS; index++) {
      await waitUntil(() => caller.phone.getSnapshot().screen === 'idle' && callee.phone.getSnapshot().screen === 'idle', 5000, 'both phones idle');
      const connected = caller.nextEvent((event) => event.type === 'call' && event.state === 'connected');
      const callerEnded = caller.nextEvent((event) => event.type === 'call' && event.state === 'ended');
      const calleeEnded = callee.nextEvent((event) => event.type === 'call' && event.state === 'ended');
      caller.press(...number.split(''));
      const dialled = performance.now();
      caller.press('softkey-1');
      const { at } = await connected;
      if (index >= WARM_UP_CALLS) times.push(at - dialled);
      caller.press('softkey-2');
      await Promise.all([callerEnded, calleeEnded]);
    }
  } finally {
    callee.listeners.delete(answer);
  }
  return times;
}

async function bootPair(tftp: TftpServerAddress, callerMac: string, calleeMac: string): Promise<[FolderPhone, FolderPhone]> {
  const caller = new FolderPhone(tftp, callerMac);
  const callee = new FolderPhone(tftp, calleeMac);
  for (const phone of [caller, callee]) {
    await phone.start();
    await phone.waitForRegistered(1, 5000);
  }
  return [caller, callee];
}

interface PeerMeasures {
  readonly registerDigest: RegisterMeasures;
  readonly registerOpen: RegisterMeasures;
  readonly callSetup: number[] | null;
}

async function measureKamailio(notes: string[]): Promise<PeerMeasures> {
  let callSetup: number[] | null = null;
  let registerDigest: RegisterMeasures;
  const withAuth = await startKamailio({ auth: true });
  try {
    registerDigest = await measureRegistrations(withAuth.url, () => KAMAILIO_PASSWORD);
    if (hasTftpdHpa()) {
      const folder = mkdtempSync(join(tmpdir(), 'sip-bench-cnf-'));
      writeHandWrittenCnf(folder, { mac: '00AABB0000D1', lines: [{ dn: '3001', authPassword: KAMAILIO_PASSWORD }], webSocketPorts: [withAuth.wsPort] });
      writeHandWrittenCnf(folder, { mac: '00AABB0000D3', lines: [{ dn: '3002', authPassword: KAMAILIO_PASSWORD }], webSocketPorts: [withAuth.wsPort] });
      const tftpd = await startTftpdHpa(folder);
      const phones: FolderPhone[] = [];
      try {
        const [caller, callee] = await bootPair({ host: '127.0.0.1', port: tftpd.port }, '00AABB0000D1', '00AABB0000D3');
        phones.push(caller, callee);
        callSetup = await callSetupTimes(caller, callee, '3002');
      } finally {
        for (const phone of phones) phone.stop();
        await tftpd.stop();
        rmSync(folder, { recursive: true, force: true });
      }
    } else {
      notes.push('call setup through Kamailio skipped: tftpd-hpa is missing (apt-get install tftpd-hpa)');
    }
  } finally {
    await withAuth.stop();
  }
  const open = await startKamailio({ auth: false });
  try {
    return { registerDigest, registerOpen: await measureRegistrations(open.url, () => ''), callSetup };
  } finally {
    await open.stop();
  }
}

export async function benchSip(): Promise<BenchSection> {
  const notes: string[] = [
    `load generator for both servers: ${LINES} sip.js 0.21 UAs in this Node process, one WebSocket each; the client shares the 2 cores with the server and is often the bottleneck (environment.md)`,
    'lab registrar: startSipServer from src-lab/sip (the engine every cluster runs) in a Node process of its own (testing/registrar-process.ts) with in-memory credentials; it always checks digest, so it has no row without authentication',
    `Kamailio: testing/kamailio/kamailio-ws.cfg, -m 64 -M 8, tcp_children=8; with digest = -A WITH_AUTH (static password, pv_www_authenticate), without = no challenge`,
    'sip.js refreshes with its previous Authorization header unchanged (same nonce, nc=00000001): the lab registrar refuses that replay (401 with a new nonce), so each refresh costs it two REGISTERs; the Kamailio cfg checks no nonce count and accepts it, so one. Compare the "REGISTER requests" rows for raw throughput',
    'the machine is shared (2 vCPU, other work running): figures moved by up to 2× between runs while writing this',
    `call setup: Dial pressed → caller's connected event, ${CALLS} calls after ${WARM_UP_CALLS} warm-up, two headless phones in this process (signalling only, no media), callee answers from its ringing event; the lab's call manager runs in this process too, Kamailio in its own`,
  ];
  const registrar = await spawnRegistrarProcess();
  let lab: RegisterMeasures;
  try {
    lab = await measureRegistrations(registrar.url, registrarPassword);
  } finally {
    await registrar.stop();
  }

  const running = await startLab({ ephemeralPorts: true, dataDir: null });
  let labCalls: number[];
  const phones: FolderPhone[] = [];
  try {
    const [caller, callee] = await bootPair(clusterOf(running, 'branch').tftp, '00AABB000002', '00AABB000004');
    phones.push(caller, callee);
    labCalls = await callSetupTimes(caller, callee, '2001');
  } finally {
    for (const phone of phones) phone.stop();
    await running.stop();
  }

  let peer: PeerMeasures | null = null;
  const missing = kamailioMissing();
  if (missing) notes.push(`Kamailio peer skipped: ${missing}`);
  else peer = await measureKamailio(notes);

  const withPeer = (row: BenchRow, peerName: string, peerValue: number | undefined): BenchRow =>
    (peerValue === undefined ? row : { ...row, peer: { name: peerName, value: peerValue }, ratio: row.value / peerValue });
  const rows: BenchRow[] = [
    withPeer({ name: `register ${LINES} lines at once (digest)`, value: lab.registerAllMs, unit: 'ms' }, 'Kamailio (digest)', peer?.registerDigest.registerAllMs),
    withPeer({ name: 'registrations per second (digest)', value: lab.registrationsPerSecond, unit: '/s' }, 'Kamailio (digest)', peer?.registerDigest.registrationsPerSecond),
    withPeer({ name: 'REGISTER requests per second (digest)', value: lab.requestsPerSecond, unit: '/s' }, 'Kamailio (digest)', peer?.registerDigest.requestsPerSecond),
    ...(peer ? [
      { name: `Kamailio: register ${LINES} lines at once (no auth)`, value: peer.registerOpen.registerAllMs, unit: 'ms' },
      { name: 'Kamailio: REGISTER requests per second (no auth)', value: peer.registerOpen.requestsPerSecond, unit: '/s' },
    ] : []),
    withPeer({ name: 'call setup median (lab)', value: percentile(labCalls, 50), unit: 'ms' }, 'via Kamailio', peer?.callSetup ? percentile(peer.callSetup, 50) : undefined),
    withPeer({ name: 'call setup p99 (lab)', value: percentile(labCalls, 99), unit: 'ms' }, 'via Kamailio', peer?.callSetup ? percentile(peer.callSetup, 99) : undefined),
  ];
  return {
    title: `SIP over WebSocket: lab call manager vs Kamailio (${LINES} lines, ${LINES * REGISTERS_PER_LINE} refreshes, ${CALLS} calls)`,
    rows,
    notes,
  };
}
