/**
 * Cross Cluster EM with a headless phone: login time (the PIN submitted to
 * the CCEM service → the branch phone registered with hq as alice's 1001) and
 * logout time (Logout → registered with branch as 2000 again), median and
 * p99 over 20 runs, real sockets on loopback.
 */
import { submitUrl } from '../src-ccem/testing/ccem-lab';
import { clusterOf } from '../testing/lab-clusters';
import { LabPhone, startLabWithSip } from '../testing/lab-phones';
import { waitUntil } from '../testing/wait-until';
import type { BenchSection } from './bench-report';
import { percentile } from './statistics';

const RUNS = 20;
const DEVICE = 'SEP00AABB000002';

function registeredWith(phone: LabPhone, dn: string, sipUrl: string): boolean {
  const lines = phone.phone.getRegistrations();
  return lines.length > 0 && lines.every((line) => line.state === 'registered') && lines[0]?.dn === dn &&
    (lines[0]?.registrar ?? '').replace(/\/$/, '') === sipUrl.replace(/\/$/, '');
}

export async function benchCcem(): Promise<BenchSection> {
  const { lab } = await startLabWithSip();
  const phone = new LabPhone(lab, '00AABB000002', 'branch');
  try {
    await phone.boot();
    const ccem = lab.ccem;
    if (ccem === null) throw new Error('the lab started no CCEM service');
    const hq = clusterOf(lab, 'hq').sipUrl;
    const branch = clusterOf(lab, 'branch').sipUrl;
    const logins: number[] = [];
    const logouts: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      let started = performance.now();
      const login = await (await fetch(submitUrl(ccem.url, DEVICE, 'alice', '12345'))).text();
      if (!login.includes('Login successful')) throw new Error(`login ${run}: ${login}`);
      await waitUntil(() => registeredWith(phone, '1001', hq), 10_000, 'registered as 1001 with hq');
      logins.push(performance.now() - started);
      started = performance.now();
      const logout = await (await fetch(`${ccem.url}/ccem/logout?device=${DEVICE}`)).text();
      if (!logout.includes('Logout successful')) throw new Error(`logout ${run}: ${logout}`);
      await waitUntil(() => registeredWith(phone, '2000', branch), 10_000, 'registered as 2000 with branch');
      logouts.push(performance.now() - started);
    }
    return {
      title: `CCEM, headless phone, ${RUNS} runs (PIN submitted → registered as the user's DN with the home cluster; Logout → own DN with own cluster)`,
      rows: [
        { name: 'login median', value: percentile(logins, 50), unit: 'ms' },
        { name: 'login p99', value: percentile(logins, 99), unit: 'ms' },
        { name: 'logout median', value: percentile(logouts, 50), unit: 'ms' },
        { name: 'logout p99', value: percentile(logouts, 99), unit: 'ms' },
      ],
    };
  } finally {
    phone.stop();
    await lab.stop();
  }
}
