import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeBoard, settle, tftpServers } from '../testing/fake-board';
import { Phone } from './phone';
import { STORAGE_KEY } from './network-settings';

const MAC = '00AABB0000A1';
const DEVICE_FILE = readFileSync(new URL('../testing/fixtures/SEP00AABB0000A1.cnf.xml', import.meta.url), 'utf8');

let board: FakeBoard;
let phone: Phone;

async function press(...names: string[]): Promise<void> {
  for (const name of names) {
    if (!phone.pressControl(name)) throw new Error(`no key ${name}`);
    await settle();
  }
}

const body = (): string[] => phone.getSnapshot().body.rows.map((row) => (row.value !== undefined ? `${row.text}: ${row.value}` : row.text));
const selectedRow = (): string | undefined => phone.getSnapshot().body.rows.find((row) => row.selected)?.text;

beforeEach(async () => {
  board = new FakeBoard(tftpServers({ 'tftp-a:69': { [`SEP${MAC}.cnf.xml`]: DEVICE_FILE }, 'tftp-b:6970': {} }));
  phone = new Phone(board, { mac: MAC, tftpServers: [{ host: 'tftp-a', port: 69 }], alternateTftp: false, httpPort: 0 },
    { tftpPolicy: { attempts: 1, initialTimeoutMs: 10, maxTimeoutMs: 10 }, retryDelaysMs: [1000] });
  await phone.start();
});

describe('the keypad at idle', () => {
  it('dials: digits appear, << removes one, EndCall returns to idle', async () => {
    await press('2', '0', '0', '1');
    expect(phone.getSnapshot().screen).toBe('dial');
    expect(body()).toEqual(['2001']);
    expect(phone.getSnapshot().softkeys).toEqual(['Dial', '<<', 'EndCall', '']);
    await press('softkey-2');
    expect(body()).toEqual(['200']);
    await press('star', 'pound');
    expect(body()).toEqual(['200*#']);
    await press('softkey-3');
    expect(phone.getSnapshot().screen).toBe('idle');
  });

  it('a pause after the last digit dials the number (inter-digit timeout)', async () => {
    await press('1', '0', '0');
    await board.clock.advance(9000);
    await press('2');
    await board.clock.advance(9000);
    expect(phone.getSnapshot().screen).toBe('dial');
    await board.clock.advance(1100);
    expect(phone.getStatusMessages().at(-1)?.text).toBe('Dial 1002: no registered line');
    expect(phone.getSnapshot().screen).toBe('idle');
  });

  it('lifting the handset opens the dialler and hanging up closes it', async () => {
    await press('handset');
    expect(phone.getSnapshot().hook).toBe('off-hook');
    expect(phone.getSnapshot().prompt).toBe('Enter number');
    await press('handset');
    expect(phone.getSnapshot().hook).toBe('on-hook');
    expect(phone.getSnapshot().screen).toBe('idle');
  });

  it('volume, speaker, headset and mute change what the phone shows', async () => {
    const volume = phone.getSnapshot().audio.volume;
    await press('vol-up', 'vol-up');
    expect(phone.getSnapshot().audio.volume).toBe(volume + 2);
    expect(phone.getSnapshot().prompt).toMatch(/^Volume/);
    await press('vol-down');
    expect(phone.getSnapshot().audio.volume).toBe(volume + 1);
    await press('speaker');
    expect(phone.getSnapshot().audio.speaker).toBe(true);
    expect(phone.getSnapshot().screen).toBe('dial');
    await press('headset');
    expect(phone.getSnapshot().audio).toMatchObject({ speaker: false, headset: true });
    await press('headset');
    expect(phone.getSnapshot().screen).toBe('idle');
    await press('mute');
    expect(phone.getSnapshot().audio.mute).toBe(true);
  });

  it('a speed-dial button dials its number', async () => {
    await press('line-2');
    expect(board.events.length).toBeGreaterThan(0);
    expect(phone.getStatusMessages().at(-1)?.text).toBe('Dial 1002: no registered line');
  });
});

describe('the Settings menu', () => {
  it('lists the 7960 items and moves with the rocker', async () => {
    await press('settings');
    expect(phone.getSnapshot().body.title).toBe('Settings');
    expect(body()).toEqual(['1 Contrast', '2 Ring Type', '3 Network Configuration', '4 Model Information', '5 Status']);
    expect(phone.getSnapshot().softkeys).toEqual(['Select', 'Exit', '', '']);
    await press('nav-down', 'nav-down');
    expect(selectedRow()).toBe('3 Network Configuration');
    await press('nav-up', 'nav-up', 'nav-up');
    expect(selectedRow()).toBe('5 Status');
  });

  it('Network Configuration shows MAC, host name, TFTP servers and call managers', async () => {
    await press('settings', '3');
    expect(phone.getSnapshot().body.title).toBe('Network Configuration');
    expect(body()).toEqual([
      '1 MAC Address: 00AABB0000A1', '2 Host Name: SEP00AABB0000A1', '3 TFTP Server 1: tftp-a', '4 TFTP Server 2: ',
      '5 Alternate TFTP: No', '6 HTTP Port: 0', '7 CallManager 1: 127.0.0.1 Standby', '8 CallManager 2: 127.0.0.2 Standby',
      '9 CallManager 3: ', '10 CallManager 4: ', '11 CallManager 5: ',
    ]);
  });

  it('Model Information and Status Messages tell what the firmware is and did', async () => {
    await press('settings', '4');
    expect(body()).toContain('1 Model Number: CP-7960G');
    expect(body()).toContain('3 Load File: P0S3-08-12-00');
    await press('softkey-1', '5', '1');
    expect(phone.getSnapshot().body.title).toBe('Status Messages');
    expect(body().some((row) => /^09:05:00 Requesting SEP00AABB0000A1\.cnf\.xml$/.test(row))).toBe(true);
    expect(phone.getSnapshot().body.rows.at(-1)?.selected).toBe(true);
  });

  it('Exit walks back one level and the Settings key closes it all', async () => {
    await press('settings', '5', '1');
    await press('softkey-1');
    expect(phone.getSnapshot().body.title).toBe('Status');
    phone.back();
    expect(phone.getSnapshot().body.title).toBe('Settings');
    await press('settings');
    expect(phone.getSnapshot().screen).toBe('idle');
  });

  it('edits TFTP Server 2 with the keypad, saves it to flash and resets when Settings closes', async () => {
    await press('settings', '3', 'nav-down', 'nav-down', 'nav-down', 'softkey-1');
    expect(phone.getSnapshot().body.title).toBe('TFTP Server 2');
    await press(...'127*0*0*1#6970'.split('').map((char) => (char === '*' ? 'star' : char === '#' ? 'pound' : char)));
    expect(body()[0]).toBe('127.0.0.1:6970_');
    await press('softkey-1');
    expect(body()).toContain('4 TFTP Server 2: 127.0.0.1:6970');
    expect(body()).toContain('5 Alternate TFTP: Yes');
    expect(JSON.parse(board.storage.values.get(STORAGE_KEY) ?? '{}')).toMatchObject({
      tftpServers: [{ host: 'tftp-a', port: 69 }, { host: '127.0.0.1', port: 6970 }],
    });
    const requestsBefore = board.requests.length;
    await press('settings');
    await settle();
    expect(board.requests.slice(requestsBefore).map((request) => request.file)).toContain(`SEP${MAC}.cnf.xml`);
  });

  it('refuses an invalid value and keeps the editor open with the reason', async () => {
    await press('settings', '3', 'nav-down', 'nav-down', 'softkey-1', 'softkey-2', 'softkey-2', 'softkey-2', 'softkey-2', 'softkey-2', 'softkey-2');
    await press('pound', 'pound');
    await press('softkey-1');
    expect(phone.getSnapshot().body.title).toBe('TFTP Server 1');
    expect(phone.getSnapshot().prompt).toMatch(/TFTP server must be host\[:port\]/);
  });

  it('enters hex letters for the MAC by multi-tap', async () => {
    await press('settings', '3', 'softkey-1');
    for (let i = 0; i < 12; i++) await press('softkey-2');
    await press('0', '0', '2', '2', '3', '3', '3');
    await board.clock.advance(1500);
    expect(body()[0]).toBe('00BF_');
  });

  it('Contrast moves with Up and Down and Cancel restores it', async () => {
    await press('settings', '1');
    const start = phone.getSnapshot().contrast;
    await press('softkey-1', 'softkey-1');
    expect(phone.getSnapshot().contrast).toBe(start + 2);
    await press('softkey-4');
    expect(phone.getSnapshot().contrast).toBe(start);
  });
});

describe('network settings persist in flash', () => {
  it('a new phone on the same flash starts with the saved settings', async () => {
    await press('settings', '3', 'nav-down', 'nav-down', 'nav-down', 'softkey-1', '1', 'star', '2', 'softkey-1', 'settings');
    phone.stop();
    const again = new Phone(board, { mac: MAC, tftpServers: [{ host: 'tftp-a', port: 69 }], alternateTftp: false, httpPort: 0 },
      { tftpPolicy: { attempts: 1, initialTimeoutMs: 10, maxTimeoutMs: 10 } });
    await again.start();
    expect(again.getNetworkSettings().tftpServers).toEqual([{ host: 'tftp-a', port: 69 }, { host: '1.2', port: 69 }]);
  });
});
