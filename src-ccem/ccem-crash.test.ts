/**
 * The kill suite: the CCEM service runs as its own process
 * (`node --import tsx src-ccem/ccem-cli.ts`) against a lab's clusters and is
 * SIGKILLed right after its n-th journal write (`CCEM_CRASH_AFTER_STEP=n`),
 * for every n a login or logout makes; a fresh process then recovers, and
 * the enterprise must be wholly logged in or wholly out: no orphaned
 * temporary device, no device left renamed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type RunningLab } from '../src-lab/lab';
import { clusterOf } from '../testing/lab-clusters';
import { EmClient } from './em-client';
import { ccemConfigFromLab } from './lab-ccem-config';
import { submitUrl } from './testing/ccem-lab';

/** The two stories run side by side on different phones: alice (hq) on the branch phone, chen (branch) on the hq phone. */
interface Story { readonly device: string; readonly renamed: string; readonly user: string; readonly pin: string; readonly home: string; readonly visiting: string }
const ALICE: Story = { device: 'SEP00AABB000002', renamed: 'SEPCCCABB000002', user: 'alice', pin: '12345', home: 'hq', visiting: 'branch' };
const CHEN: Story = { device: 'SEP00AABB000001', renamed: 'SEPCCCABB000001', user: 'chen', pin: '54321', home: 'branch', visiting: 'hq' };
/** Journal writes of a cross-cluster login: the session, 4 steps × (planned, done), logged-in. */
const LOGIN_WRITES = 10;

interface CcemProcess {
  readonly url: string;
  readonly child: ChildProcess;
  readonly exited: Promise<NodeJS.Signals | number | null>;
}

let lab: RunningLab;
const children = new Set<ChildProcess>();
let dir: string;
let configFile: string;

async function startCli(dataDir: string, crashAfter?: number): Promise<CcemProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-ccem/ccem-cli.ts', '--config', configFile, '--data', dataDir], {
    cwd: join(import.meta.dirname, '..'),
    env: { ...process.env, ...(crashAfter === undefined ? {} : { CCEM_CRASH_AFTER_STEP: String(crashAfter) }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => { errors += chunk.toString('utf8'); });
  child.once('exit', (code, signal) => { if (process.env.CCEM_CRASH_DEBUG && signal !== 'SIGKILL') console.log(`exit ${String(code)} ${String(signal)}`, errors.slice(-3000)); });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
    void exited.then((how) => reject(new Error(`ccem-cli exited (${String(how)}) before listening`)));
  });
  return { url, child, exited };
}

async function stopCli(ccem: CcemProcess): Promise<void> {
  ccem.child.kill('SIGTERM');
  await ccem.exited;
}

/** Wholly logged in (temporary device with the user in home, phone renamed in visiting) or wholly out. */
async function wholeness(story: Story): Promise<'in' | 'out'> {
  const home = clusterOf(lab, story.home);
  const visiting = clusterOf(lab, story.visiting);
  const em = new EmClient({ cluster: story.home, url: `${home.adminUrl}/emservice/EMServiceServlet`, appId: 'ccmadmin', appCertificate: 'cisco' });
  const user = await em.deviceUser(story.device);
  const temporaries = home.database.listDevices().filter((d) => d.temporary).map((d) => d.name);
  const renamed = visiting.database.getDevice(story.renamed) !== null;
  const own = visiting.database.getDevice(story.device) !== null;
  if (user === story.user && temporaries.join() === story.device && renamed && !own) return 'in';
  expect({ user, temporaries, renamed, own }).toEqual({ user: undefined, temporaries: [], renamed: false, own: true });
  return 'out';
}

beforeAll(async () => {
  lab = await startLab({ ephemeralPorts: true, dataDir: null, startSip: null, startCcem: null });
  dir = mkdtempSync(join(tmpdir(), 'ccem-crash-'));
  configFile = join(dir, 'ccem.json');
  writeFileSync(configFile, JSON.stringify(ccemConfigFromLab(lab, { retryMs: 200 })));
});
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await lab.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe.concurrent('the CCEM service killed between any two steps recovers to wholly in or wholly out', () => {
  it('login: killed after each journal write, then recovered', async () => {
    const outcomes: string[] = [];
    for (let n = 1; n < 30; n++) {
      const data = join(dir, `login-${n}`);
      const doomed = await startCli(data, n);
      const answer = await fetch(submitUrl(doomed.url, ALICE.device, ALICE.user, ALICE.pin)).then((r) => r.text(), () => 'killed');
      const how = await Promise.race([doomed.exited, new Promise((resolve) => setTimeout(() => resolve('alive'), 300))]);
      if (how === 'alive') {
        expect(answer).toContain('Login successful');
        expect(await wholeness(ALICE)).toBe('in');
        await stopCli(doomed);
        const cleaner = await startCli(data);
        await fetch(`${cleaner.url}/ccem/logout?device=${ALICE.device}`);
        await stopCli(cleaner);
        break;
      }
      expect(how).toBe('SIGKILL');
      const revived = await startCli(data);
      const state = await wholeness(ALICE);
      outcomes.push(`${n}:${state}`);
      if (state === 'in') await fetch(`${revived.url}/ccem/logout?device=${ALICE.device}`);
      await stopCli(revived);
      expect(await wholeness(ALICE)).toBe('out');
    }
    expect(outcomes.length).toBe(LOGIN_WRITES);
    expect(outcomes.some((o) => o.endsWith(':in'))).toBe(true);
    expect(outcomes.some((o) => o.endsWith(':out'))).toBe(true);
  }, 300_000);

  it('logout: killed after each journal write, then recovered to wholly out', async () => {
    let kills = 0;
    for (let n = 1; n < 30; n++) {
      const data = join(dir, `logout-${n}`);
      const doomed = await startCli(data, LOGIN_WRITES + n);
      expect(await fetch(submitUrl(doomed.url, CHEN.device, CHEN.user, CHEN.pin)).then((r) => r.text())).toContain('Login successful');
      const answer = await fetch(`${doomed.url}/ccem/logout?device=${CHEN.device}`).then((r) => r.text(), () => 'killed');
      const how = await Promise.race([doomed.exited, new Promise((resolve) => setTimeout(() => resolve('alive'), 300))]);
      if (how === 'alive') {
        expect(answer).toContain('Logout successful');
        expect(await wholeness(CHEN)).toBe('out');
        await stopCli(doomed);
        break;
      }
      kills++;
      const revived = await startCli(data);
      expect(await wholeness(CHEN)).toBe('out');
      await stopCli(revived);
    }
    expect(kills).toBeGreaterThanOrEqual(7);
  }, 300_000);
});
