import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';

describe('npm run lab -- --json', () => {
  it('prints the endpoints as its first line and serves /api/state until killed', async () => {
    // Its own process group, so SIGTERM reaches npx, tsx and the lab together.
    const child = spawn('npx', ['tsx', 'src-lab/lab-cli.ts', '--json', '--ephemeral', '--memory'], { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
    try {
      const first = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`lab exited with ${code}`)));
      });
      const endpoints = JSON.parse(first) as { api: string; clusters: { id: string; tftp: string; sip: string; admin: string }[] };
      expect(endpoints.api).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(endpoints.clusters.map((c) => c.id)).toEqual(['hq', 'branch']);
      expect(endpoints.clusters[0]!.tftp).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(endpoints.clusters[0]!.sip).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
      const state = await (await fetch(`${endpoints.api}/api/state`)).json() as {
        clusters: { id: string; devices: { name: string; lines: { dn: string }[]; registered: boolean }[]; users: { id: string; home: string }[] }[];
        events: unknown[];
      };
      expect(state.clusters[1]!.devices[0]).toMatchObject({ name: 'SEP00AABB000002', lines: [{ dn: '2000', label: 'Branch Hot Desk' }], registered: false });
      expect(state.clusters[0]!.users).toContainEqual(expect.objectContaining({ id: 'alice', dn: '1001', home: 'hq' }));
      expect(Array.isArray(state.events)).toBe(true);
      const cluster = await (await fetch(`${endpoints.clusters[0]!.admin}/api/cluster`)).json() as { id: string };
      expect(cluster.id).toBe('hq');
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
  });

  it('exits 2 with one clear line for a bad topology', async () => {
    const child = spawn('npx', ['tsx', 'src-lab/lab-cli.ts', '--topology', 'package.json', '--memory'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^lab: invalid topology: package\.json: clusters: /);
  });
});
