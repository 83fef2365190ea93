import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FakeBoard, tftpServers } from '../testing/fake-board';
import { Phone } from './phone';
import type { NetworkSettings } from './network-settings';

const MAC = '00AABB0000A1';
const DEVICE_FILE = readFileSync(new URL('../testing/fixtures/SEP00AABB0000A1.cnf.xml', import.meta.url), 'utf8');
const DEFAULT_FILE = '<Default><callManagerGroup><members><member priority="0"><callManager><processNodeName>cm-default</processNodeName></callManager></member></members></callManagerGroup></Default>';
const FAST = { tftpPolicy: { attempts: 2, initialTimeoutMs: 100, maxTimeoutMs: 400 }, retryDelaysMs: [5000, 10000] };

function launch(servers: string[]): NetworkSettings {
  return {
    mac: MAC,
    tftpServers: servers.map((entry) => ({ host: entry.split(':')[0] ?? '', port: Number(entry.split(':')[1]) })),
    alternateTftp: false,
    httpPort: 0,
  };
}

describe('a phone booting from its TFTP servers', () => {
  it('asks for CTLSEP, then its own file, and comes up idle with the file\'s lines', async () => {
    const board = new FakeBoard(tftpServers({ 'a:69': { [`SEP${MAC}.cnf.xml`]: DEVICE_FILE } }));
    const phone = new Phone(board, launch(['a:69']), FAST);
    await phone.start();
    expect(board.requests.map((request) => request.file)).toEqual([`CTLSEP${MAC}.tlv`, `SEP${MAC}.cnf.xml`]);
    const snapshot = phone.getSnapshot();
    expect(snapshot.state).toBe('idle');
    expect(snapshot.header.label).toBe('ALICE');
    expect(snapshot.header.clock).toBe('9:05a 03/12/26');
    expect(snapshot.lines.map((line) => line.label)).toEqual(['Alice 1001', 'Bob', 'EM & more', 'Shared 1010', '', '']);
    expect(snapshot.softkeys).toEqual(['Redial', 'NewCall', 'CFwdAll', 'more']);
    expect(board.events.filter((event) => event.type === 'state').map((event) => event.state)).toEqual(['idle']);
    expect(board.events.find((event) => event.type === 'config')).toMatchObject({ source: { server: 'a:69', file: `SEP${MAC}.cnf.xml` } });
  });

  it('retries a silent server with a growing timeout, then falls back to the next one', async () => {
    const board = new FakeBoard(tftpServers({ 'b:69': { [`SEP${MAC}.cnf.xml`]: DEVICE_FILE } }));
    const phone = new Phone(board, launch(['a:69', 'b:69']), FAST);
    await phone.start();
    const toA = board.requests.filter((request) => request.server === 'a:69');
    expect(toA.map((request) => request.timeoutMs)).toEqual([100, 200]);
    expect(toA.every((request) => request.file.startsWith('CTLSEP'))).toBe(true);
    expect(phone.getSnapshot().state).toBe('idle');
    expect(board.events.find((event) => event.type === 'config')).toMatchObject({ source: { server: 'b:69' } });
  });

  it('takes XMLDefault.cnf.xml only when no server has a device file', async () => {
    const board = new FakeBoard(tftpServers({ 'a:69': {}, 'b:69': { 'XMLDefault.cnf.xml': DEFAULT_FILE } }));
    const phone = new Phone(board, launch(['a:69', 'b:69']), FAST);
    await phone.start();
    const files = board.requests.map((request) => `${request.server} ${request.file}`);
    expect(files).toEqual([
      `a:69 CTLSEP${MAC}.tlv`, `a:69 SEP${MAC}.cnf.xml`, `b:69 SEP${MAC}.cnf.xml`, 'a:69 XMLDefault.cnf.xml', 'b:69 XMLDefault.cnf.xml',
    ]);
    expect(phone.getConfig()?.kind).toBe('default');
    expect(phone.getSnapshot().state).toBe('idle');
  });

  it('shows the error screen when nothing answers and keeps retrying on a visible schedule', async () => {
    const board = new FakeBoard(tftpServers({}));
    const phone = new Phone(board, launch(['a:69']), FAST);
    await phone.start();
    let snapshot = phone.getSnapshot();
    expect(snapshot.state).toBe('error');
    expect(snapshot.prompt).toBe('TFTP Timeout');
    expect(snapshot.body.rows.map((row) => row.text)).toEqual(['TFTP Timeout', 'Retrying in 5 s']);
    await board.clock.advance(2000);
    expect(phone.getSnapshot().body.rows[1]?.text).toBe('Retrying in 3 s');
    const before = board.requests.length;
    await board.clock.advance(3000);
    expect(board.requests.length).toBeGreaterThan(before);
    snapshot = phone.getSnapshot();
    expect(snapshot.body.rows[1]?.text).toBe('Retrying in 10 s');
  });

  it('says "File not found" when every server answers but none has a file', async () => {
    const board = new FakeBoard(tftpServers({ 'a:69': {} }));
    const phone = new Phone(board, launch(['a:69']), FAST);
    await phone.start();
    expect(phone.getSnapshot().prompt).toBe(`File not found SEP${MAC}.cnf.xml`);
  });

  it('reports a malformed file as a configuration error, not a crash', async () => {
    const board = new FakeBoard(tftpServers({ 'a:69': { [`SEP${MAC}.cnf.xml`]: '<device><sipProfile>' } }));
    const phone = new Phone(board, launch(['a:69']), FAST);
    await phone.start();
    expect(phone.getSnapshot().state).toBe('error');
    expect(phone.getSnapshot().prompt).toMatch(/^Configuration error: SEP00AABB0000A1\.cnf\.xml: Element <sipProfile> is not closed/);
  });

  it('boots from the configuration in flash while its servers are down, and picks up the new one when they return', async () => {
    let serverUp = true;
    const files = tftpServers({ 'a:69': { [`SEP${MAC}.cnf.xml`]: DEVICE_FILE } });
    const board = new FakeBoard((server, file, options) => (serverUp ? files(server, file, options) : { outcome: 'timeout', message: 'Timed out' }));
    const first = new Phone(board, launch(['a:69']), FAST);
    await first.start();
    first.stop();

    serverUp = false;
    const second = new Phone(board, launch(['a:69']), FAST);
    await second.start();
    expect(second.getSnapshot().state).toBe('idle');
    expect(second.getSnapshot().prompt).toBe('TFTP Timeout');
    expect(second.getSnapshot().lines[0]?.label).toBe('Alice 1001');
    expect(second.getStatusMessages().map((message) => message.text)).toContain('Using the configuration kept in flash');

    serverUp = true;
    await board.clock.advance(5000);
    expect(second.getSnapshot().prompt).toBe('');
    expect(board.events.filter((event) => event.type === 'config').at(-1)).toMatchObject({ source: { server: 'a:69' } });
  });

  it('keeps every step in Status Messages with a timestamp', async () => {
    const board = new FakeBoard(tftpServers({ 'a:69': { [`SEP${MAC}.cnf.xml`]: DEVICE_FILE } }));
    const phone = new Phone(board, launch(['a:69']), FAST);
    await phone.start();
    const texts = phone.getStatusMessages().map((message) => message.text);
    expect(texts).toEqual(expect.arrayContaining([
      'Configuring IP',
      `Network configuration: MAC ${MAC}, TFTP a:69`,
      `Requesting CTLSEP${MAC}.tlv`,
      `File not found CTLSEP${MAC}.tlv on a:69`,
      `Requesting SEP${MAC}.cnf.xml`,
    ]));
  });

  it('fetches its configuration again on restart', async () => {
    const board = new FakeBoard(tftpServers({ 'a:69': { [`SEP${MAC}.cnf.xml`]: DEVICE_FILE } }));
    const phone = new Phone(board, launch(['a:69']), FAST);
    await phone.start();
    const before = board.requests.length;
    await phone.restart('restart');
    expect(board.requests.length).toBe(before + 2);
    expect(board.events.some((event) => event.type === 'restart' && event.kind === 'restart')).toBe(true);
    expect(phone.getSnapshot().state).toBe('idle');
  });
});
