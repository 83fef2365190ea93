import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeviceDatabase } from './device-database';
import { defaultTopology, startLab } from './lab';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lab-db-'));
  dirs.push(dir);
  return dir;
}

describe('a cluster device database', () => {
  const hq = defaultTopology().clusters[0]!;

  it('survives a restart: renames, logins and new devices are read back from the file', async () => {
    const file = join(tempDir(), 'hq.sqlite');
    const first = await DeviceDatabase.open({ cluster: hq, file });
    const stamp = first.getDevice('SEP00AABB000001')!.versionStamp;
    expect(stamp).toMatch(/^\d{10}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    first.updateDevice('sep00aabb000001', { newName: 'SEPCCCABB000001' });
    first.addDevice({ name: 'SEP00AABB0000F2', model: 'Cisco 7960', temporary: true });
    first.login('SEP00AABB0000F2', 'alice');
    first.close();

    const second = await DeviceDatabase.open({ cluster: hq, file });
    expect(second.getDevice('SEP00AABB000001')).toBeNull();
    const renamed = second.getDevice('SEPCCCABB000001')!;
    expect(renamed.versionStamp).not.toBe(stamp);
    expect(renamed.lines[0]!.dn).toBe('1000');
    const temporary = second.getEffectiveDevice('SEP00AABB0000F2')!;
    expect(temporary).toMatchObject({ temporary: true, loggedInUser: 'alice' });
    expect(temporary.lines.map((l) => l.dn)).toEqual(['1001']);
    expect(second.deviceOfUser('alice')).toBe('SEP00AABB0000F2');
    second.close();
  });

  it('gives a device a new versionStamp on every change, and only that device', async () => {
    const db = await DeviceDatabase.open({ cluster: hq, file: null });
    const before = new Map(db.listDevices().map((d) => [d.name, d.versionStamp]));
    db.updateDevice('SEP00AABB000003', { description: 'moved' });
    const after = new Map(db.listDevices().map((d) => [d.name, d.versionStamp]));
    expect(after.get('SEP00AABB000003')).not.toBe(before.get('SEP00AABB000003'));
    expect(after.get('SEP00AABB000005')).toBe(before.get('SEP00AABB000005'));
    expect(() => db.updateDevice('SEP00AABB000003', { newName: 'SEP00AABB000005' })).toThrow(/already exists/);
    db.close();
  });

  it('a lab restarted on the same data directory keeps the changed database', async () => {
    const dataDir = tempDir();
    const lab = await startLab({ dataDir, ephemeralPorts: true });
    lab.cluster('branch')!.database.removeDevice('SEP00AABB000006');
    await lab.stop();
    const again = await startLab({ dataDir, ephemeralPorts: true });
    try {
      expect(again.state().clusters.find((c) => c.id === 'branch')!.devices.map((d) => d.name))
        .toEqual(['SEP00AABB000002', 'SEP00AABB000004']);
    } finally {
      await again.stop();
    }
  });
});
