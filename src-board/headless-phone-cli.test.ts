import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeadlessPhoneProcess } from '../testing/headless-phone-process';
import { hasTftpdHpa, startTftpdHpa, type RunningTftpd } from '../testing/tftpd-hpa';

const MAC = '00AABB0000A1';
const missing = !hasTftpdHpa();
if (missing) console.log('SKIPPED headless phone CLI: /usr/sbin/in.tftpd is missing (apt-get install tftpd-hpa)');

describe.skipIf(missing)('the headless phone, driven over stdio as a QA script would', () => {
  let tftpd: RunningTftpd;

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'tftpd-'));
    copyFileSync(join(import.meta.dirname, '..', 'testing', 'fixtures', `SEP${MAC}.cnf.xml`), join(root, `SEP${MAC}.cnf.xml`));
    tftpd = await startTftpdHpa(root);
  });

  afterAll(async () => tftpd?.stop());

  it('prints tftp, config and state lines, answers snapshot and press, and quits', async () => {
    const phone = new HeadlessPhoneProcess(['--mac', MAC, '--tftp', `127.0.0.1:${tftpd.port}`]);
    try {
      const config = await phone.waitFor((line) => line.type === 'config');
      expect(config).toMatchObject({ source: { server: `127.0.0.1:${tftpd.port}`, file: `SEP${MAC}.cnf.xml` } });
      expect(phone.lines.filter((line) => line.type === 'tftp').map((line) => [line.file, line.outcome])).toEqual([
        [`CTLSEP${MAC}.tlv`, 'not-found'], [`SEP${MAC}.cnf.xml`, 'ok'],
      ]);
      await phone.waitFor((line) => line.type === 'state' && line.state === 'idle');
      const idle = await phone.snapshot();
      expect(idle).toMatchObject({ state: 'idle', softkeys: ['Redial', 'NewCall', 'CFwdAll', 'more'] });
      expect(idle.lines).toEqual(['Alice 1001', 'Bob', 'EM & more', 'Shared 1010', '', '']);
      expect(String(idle.header)).toContain('ALICE');

      phone.send('press settings');
      phone.send('press 4');
      const model = await phone.snapshot();
      expect(model.body).toContain('Model Number: CP-7960G');
      phone.send('press Key:Soft1');
      phone.send('press nonsense');
      await phone.waitFor((line) => line.type === 'error' && String(line.message).includes('unknown key'));
      const back = await phone.snapshot();
      expect(back.title).toBe('Settings');
      expect(await phone.quit()).toBe(0);
    } finally {
      phone.kill();
    }
  });

  it('exits when its input ends', async () => {
    const phone = new HeadlessPhoneProcess(['--mac', MAC, '--tftp', `127.0.0.1:${tftpd.port}`]);
    await phone.waitFor((line) => line.type === 'state');
    phone.endInput();
    expect(await phone.exited).toBe(0);
  });

  it('refuses a malformed MAC with one clear line', async () => {
    const bad = new HeadlessPhoneProcess(['--mac', 'xyz', '--tftp', '127.0.0.1:1']);
    expect(await bad.exited).toBe(2);
    expect(bad.stderr[0]).toMatch(/MAC must be 12 hex digits/);
  });
});
