import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeBoard, settle, tftpServers, xmlAnswer } from '../../testing/fake-board';
import { Phone } from '../phone';
import type { HttpRequest } from '../board';
import { parsePhoneObject, PhoneObjectError } from './phone-objects';

const MAC = '00AABB0000A1';
const DEVICE_FILE = readFileSync(new URL('../../testing/fixtures/SEP00AABB0000A1.cnf.xml', import.meta.url), 'utf8');
const BASE = 'http://127.0.0.1:8081';

let board: FakeBoard;
let phone: Phone;
let pages: Record<string, () => ReturnType<typeof xmlAnswer>>;

async function press(...names: string[]): Promise<void> {
  for (const name of names) {
    if (!phone.pressControl(name)) throw new Error(`no key ${name}`);
    await settle();
  }
}
const rows = (): string[] => phone.getSnapshot().body.rows.map((row) => (row.value !== undefined ? `${row.text}=${row.value}` : row.text));
const snapshot = () => phone.getSnapshot();

beforeEach(async () => {
  board = new FakeBoard(tftpServers({ 'tftp:69': { [`SEP${MAC}.cnf.xml`]: DEVICE_FILE } }));
  pages = {};
  board.http = (request: HttpRequest) => {
    const page = pages[request.url.replace(BASE, '')];
    return page ? page() : xmlAnswer('not here', {}, 404);
  };
  phone = new Phone(board, { mac: MAC, tftpServers: [{ host: 'tftp', port: 69 }], alternateTftp: false, httpPort: 0 },
    { tftpPolicy: { attempts: 1, initialTimeoutMs: 10, maxTimeoutMs: 10 } });
  await phone.start();
});

const MENU = `<CiscoIPPhoneMenu><Title>Services</Title><Prompt>Pick one</Prompt>
  <MenuItem><Name>Login</Name><URL>${BASE}/login?device=#DEVICENAME#</URL></MenuItem>
  <MenuItem><Name>Clock</Name><URL>${BASE}/clock</URL></MenuItem></CiscoIPPhoneMenu>`;
const INPUT = `<CiscoIPPhoneInput><Title>Log in</Title><Prompt>Enter user and PIN</Prompt><URL>${BASE}/submit?device=SEP1</URL>
  <InputItem><DisplayName>User ID</DisplayName><QueryStringParam>userid</QueryStringParam><DefaultValue/><InputFlags>A</InputFlags></InputItem>
  <InputItem><DisplayName>PIN</DisplayName><QueryStringParam>pin</QueryStringParam><DefaultValue></DefaultValue><InputFlags>NP</InputFlags></InputItem>
</CiscoIPPhoneInput>`;

describe('the Services key opens the configured services menu', () => {
  it('sends a 7960\'s headers and shows the menu with Select, Update and Exit', async () => {
    pages['/ccmcip/getservicesmenu.jsp'] = () => xmlAnswer(MENU);
    await press('services');
    const request = board.httpRequests[0];
    expect(request?.headers).toMatchObject({
      'x-CiscoIPPhoneModelName': 'CP-7960G', 'x-CiscoIPPhoneDisplay': '133, 65, 2, G', 'Accept-Language': 'en',
    });
    expect(request?.headers['x-CiscoIPPhoneSDKVersion']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(request?.headers.Accept).toContain('x-CiscoIPPhone/Menu');
    expect(snapshot().body.title).toBe('Services');
    expect(rows()).toEqual(['1 Login', '2 Clock']);
    expect(snapshot().softkeys).toEqual(['Select', 'Update', 'Exit', '']);
    expect(snapshot().prompt).toBe('Pick one');
  });

  it('replaces #DEVICENAME#, fills an Input by multi-tap with a masked PIN, and submits the exact query', async () => {
    pages['/ccmcip/getservicesmenu.jsp'] = () => xmlAnswer(MENU);
    pages[`/login?device=SEP${MAC}`] = () => xmlAnswer(INPUT);
    pages['/submit?device=SEP1&userid=bo%20b&pin=1234'] = () => xmlAnswer('<CiscoIPPhoneText><Title>Done</Title><Text>Welcome</Text></CiscoIPPhoneText>');
    await press('services', '1');
    expect(snapshot().body.title).toBe('Log in');
    expect(snapshot().softkeys).toEqual(['Submit', '<<', 'Cancel', '']);
    await press('2', '2', '6', '6', '6');
    await board.clock.advance(1200);
    await press('0', '0');
    await board.clock.advance(1200);
    await press('2', '2');
    await board.clock.advance(1200);
    expect(rows()[0]).toBe('User ID=bo b');
    await press('nav-down', '1', '2', '3', '4');
    expect(rows()[1]).toBe('PIN=****');
    await press('softkey-1');
    expect(board.httpRequests.at(-1)?.url).toBe(`${BASE}/submit?device=SEP1&userid=bo%20b&pin=1234`);
    expect(snapshot().body.title).toBe('Done');
    expect(rows()).toEqual(['Welcome']);
  });

  it('Exit walks back the navigation stack to idle', async () => {
    pages['/ccmcip/getservicesmenu.jsp'] = () => xmlAnswer(MENU);
    pages['/clock'] = () => xmlAnswer('<CiscoIPPhoneText><Title>Clock</Title><Text>12:00</Text></CiscoIPPhoneText>');
    await press('services', '2');
    expect(snapshot().body.title).toBe('Clock');
    await press('softkey-3');
    expect(snapshot().body.title).toBe('Services');
    await press('softkey-3');
    expect(snapshot().screen).toBe('idle');
  });

  it.each([
    ['a 404', () => xmlAnswer('missing', {}, 404), 'HTTP Error [404]'],
    ['broken XML', () => xmlAnswer('<CiscoIPPhoneMenu><Title>x</CiscoIPPhoneMenu>'), 'XML Error [4]: Parse Error'],
    ['an unknown object', () => xmlAnswer('<CiscoIPPhoneFancy/>'), 'XML Error [5]: Unsupported XML Object'],
    ['a billion laughs', () => xmlAnswer('<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><CiscoIPPhoneText><Text>&b;</Text></CiscoIPPhoneText>'), 'XML Error [4]: Parse Error'],
    ['a refused connection', () => ({ outcome: 'connection-failed' as const, message: 'ECONNREFUSED' }), 'Host Not Found'],
    ['a huge body', () => ({ outcome: 'too-large' as const, message: 'too big' }), 'Data too large!'],
    ['a timeout', () => ({ outcome: 'timeout' as const, message: 'slow' }), 'HTTP Error [10]: Request Timed Out'],
  ])('shows %s on the prompt line and stays where it was', async (_what, answer, message) => {
    pages['/ccmcip/getservicesmenu.jsp'] = answer as () => ReturnType<typeof xmlAnswer>;
    await press('services');
    expect(snapshot().prompt).toBe(message);
    expect(snapshot().screen).toBe('idle');
    await press('nav-down');
    expect(snapshot().prompt).toBe('');
  });

  it('follows a Refresh header and offers Next', async () => {
    let count = 0;
    pages['/ccmcip/getservicesmenu.jsp'] = () => xmlAnswer(`<CiscoIPPhoneText><Title>Tick</Title><Text>${++count}</Text></CiscoIPPhoneText>`, { refresh: '5; url=/ccmcip/getservicesmenu.jsp' });
    await press('services');
    expect(rows()).toEqual(['1']);
    expect(snapshot().softkeys[0]).toBe('Next');
    await board.clock.advance(5100);
    expect(rows()).toEqual(['2']);
  });

  it('honours Expires: going back to an expired page loads it again, a fresh one is shown from memory', async () => {
    let menus = 0;
    pages['/ccmcip/getservicesmenu.jsp'] = () => xmlAnswer(MENU.replace('Pick one', `Pick one (${++menus})`), { expires: '-1' });
    pages['/clock'] = () => xmlAnswer('<CiscoIPPhoneText><Title>Clock</Title><Text>t</Text></CiscoIPPhoneText>');
    await press('services', '2');
    await press('softkey-3');
    expect(snapshot().body.title).toBe('Services');
    expect(snapshot().prompt).toBe('Pick one (2)');
    pages['/ccmcip/getservicesmenu.jsp'] = () => xmlAnswer(MENU.replace('Pick one', `Pick one (${++menus})`), { expires: 'Thu, 01 Jan 2099 00:00:00 GMT' });
    await press('softkey-2');
    expect(snapshot().prompt).toBe('Pick one (3)');
    await press('2', 'softkey-3');
    expect(snapshot().prompt).toBe('Pick one (3)');
    expect(menus).toBe(3);
  });

  it('a Refresh to SoftKey:Exit closes the screen by itself', async () => {
    pages['/ccmcip/getservicesmenu.jsp'] = () => xmlAnswer('<CiscoIPPhoneText><Title>Done</Title><Text>Login successful</Text></CiscoIPPhoneText>', { refresh: '3; url=SoftKey:Exit' });
    await press('services');
    expect(snapshot().body.title).toBe('Done');
    await board.clock.advance(3100);
    expect(snapshot().screen).toBe('idle');
  });

  it('keeps cookies per host like a phone', async () => {
    pages['/ccmcip/getservicesmenu.jsp'] = () => xmlAnswer(MENU, {}, 200, ['session=abc; Path=/']);
    pages['/clock'] = () => xmlAnswer('<CiscoIPPhoneText><Text>t</Text></CiscoIPPhoneText>');
    await press('services', '2');
    expect(board.httpRequests.at(-1)?.headers.Cookie).toBe('session=abc');
  });

  it('says so when no services URL is configured', async () => {
    const bare = new Phone(new FakeBoard(tftpServers({})), { mac: MAC, tftpServers: [], alternateTftp: false, httpPort: 0 });
    await bare.start();
    bare.press('Services');
    await settle();
    expect(bare.getSnapshot().prompt).toBe('No services configured');
    bare.stop();
  });

  it('custom SoftKeyItems replace the defaults and run their URIs', async () => {
    pages['/ccmcip/getservicesmenu.jsp'] = () => xmlAnswer(`<CiscoIPPhoneText><Title>T</Title><Text>x</Text>
      <SoftKeyItem><Name>Call</Name><URL>Dial:1002</URL><Position>2</Position></SoftKeyItem>
      <SoftKeyItem><Name>Bye</Name><URL>SoftKey:Exit</URL><Position>4</Position></SoftKeyItem></CiscoIPPhoneText>`);
    await press('services');
    expect(snapshot().softkeys).toEqual(['', 'Call', '', 'Bye']);
    await press('softkey-2');
    expect(phone.getStatusMessages().at(-1)?.text).toBe('Dial 1002: no registered line');
    await press('softkey-4');
    expect(snapshot().screen).toBe('idle');
  });

  it('a Directory lists entries with Dial, EditDial and Exit', async () => {
    pages['/ccmcip/getservicesmenu.jsp'] = () => xmlAnswer(`<CiscoIPPhoneDirectory><Title>People</Title>
      <DirectoryEntry><Name>Alice</Name><Telephone>1001</Telephone></DirectoryEntry>
      <DirectoryEntry><Name>Bob</Name><Telephone>1002</Telephone></DirectoryEntry></CiscoIPPhoneDirectory>`);
    await press('services');
    expect(rows()).toEqual(['1 Alice=1001', '2 Bob=1002']);
    expect(snapshot().softkeys).toEqual(['Dial', 'EditDial', 'Exit', '']);
    await press('nav-down', 'softkey-2');
    expect(snapshot().screen).toBe('dial');
    expect(rows()).toEqual(['1002']);
  });

  it('an IconMenu draws each item\'s icon and a GraphicMenu picks items by number', async () => {
    pages['/ccmcip/getservicesmenu.jsp'] = () => xmlAnswer(`<CiscoIPPhoneIconMenu><Title>Status</Title>
      <MenuItem><Name>Green</Name><IconIndex>1</IconIndex><URL>${BASE}/clock</URL></MenuItem>
      <MenuItem><Name>Plain</Name><URL>${BASE}/clock</URL></MenuItem>
      <IconItem><Index>1</Index><Width>4</Width><Height>1</Height><Depth>2</Depth><Data>E4</Data></IconItem></CiscoIPPhoneIconMenu>`);
    pages['/clock'] = () => xmlAnswer(`<CiscoIPPhoneGraphicMenu><Title>Map</Title><LocationX>0</LocationX><LocationY>0</LocationY>
      <Width>4</Width><Height>1</Height><Depth>2</Depth><Data>1B</Data>
      <MenuItem><Name>North</Name><URL>${BASE}/north</URL></MenuItem><MenuItem><Name>South</Name><URL>${BASE}/south</URL></MenuItem></CiscoIPPhoneGraphicMenu>`);
    pages['/south'] = () => xmlAnswer('<CiscoIPPhoneText><Title>South</Title><Text>s</Text></CiscoIPPhoneText>');
    await press('services');
    expect(snapshot().body.rows[0]?.icon).toEqual({ x: 0, y: 0, width: 4, height: 1, pixels: [0, 1, 2, 3] });
    expect(snapshot().body.rows[1]?.icon).toBeUndefined();
    await press('1');
    expect(snapshot().body.title).toBe('Map');
    expect(snapshot().body.image?.pixels).toEqual([3, 2, 1, 0]);
    await press('2');
    expect(snapshot().body.title).toBe('South');
  });

  it('an Image draws its pixels in the services area', async () => {
    pages['/ccmcip/getservicesmenu.jsp'] = () => xmlAnswer(`<CiscoIPPhoneImage><Title>Pic</Title><LocationX>2</LocationX><LocationY>3</LocationY>
      <Width>4</Width><Height>2</Height><Depth>2</Depth><Data>E4 1B</Data></CiscoIPPhoneImage>`);
    await press('services');
    expect(snapshot().body.image).toEqual({ x: 2, y: 3, width: 4, height: 2, pixels: [0, 1, 2, 3, 3, 2, 1, 0] });
  });
});

describe('the Directories key', () => {
  it('lists the call lists and the corporate directory from directoryURL', async () => {
    pages['/ccmcip/xmldirectory.jsp'] = () => xmlAnswer(`<CiscoIPPhoneMenu><MenuItem><Name>Corporate Directory</Name><URL>${BASE}/corp</URL></MenuItem></CiscoIPPhoneMenu>`);
    await press('directories');
    expect(rows()).toEqual(['1 Missed Calls', '2 Received Calls', '3 Placed Calls', '4 Corporate Directory']);
    await press('1');
    expect(snapshot().body.title).toBe('Missed Calls');
  });
});

describe('CiscoIPPhoneExecute', () => {
  it('presses keys, dials and opens services, answering one result per item', async () => {
    pages['/ccmcip/getservicesmenu.jsp'] = () => xmlAnswer(MENU);
    pages['/clock'] = () => xmlAnswer('<CiscoIPPhoneText><Title>Clock</Title><Text>12:00</Text></CiscoIPPhoneText>');
    const results = await phone.execute(`<CiscoIPPhoneExecute><ExecuteItem URL="Init:Services"/><ExecuteItem URL="Key:KeyPad2"/><ExecuteItem URL="Play:ring.raw"/></CiscoIPPhoneExecute>`);
    await settle();
    expect(results.map((result) => result.status)).toEqual([0, 0, 6]);
    expect(snapshot().body.title).toBe('Clock');
  });

  it('refuses more than three items and anything that is not an Execute', async () => {
    const four = '<CiscoIPPhoneExecute>' + '<ExecuteItem URL="Key:KeyPad1"/>'.repeat(4) + '</CiscoIPPhoneExecute>';
    await expect(phone.execute(four)).rejects.toBeInstanceOf(PhoneObjectError);
    await expect(phone.execute('<CiscoIPPhoneText/>')).rejects.toBeInstanceOf(PhoneObjectError);
  });
});

describe('object limits as a 7960 enforces them', () => {
  it('keeps 100 menu items, 5 inputs and 32 directory entries', () => {
    const menu = parsePhoneObject(`<CiscoIPPhoneMenu>${'<MenuItem><Name>x</Name><URL>u</URL></MenuItem>'.repeat(150)}</CiscoIPPhoneMenu>`);
    expect(menu.type === 'Menu' && menu.items.length).toBe(100);
    const input = parsePhoneObject(`<CiscoIPPhoneInput>${'<InputItem><QueryStringParam>a</QueryStringParam></InputItem>'.repeat(9)}</CiscoIPPhoneInput>`);
    expect(input.type === 'Input' && input.items.length).toBe(5);
    const directory = parsePhoneObject(`<CiscoIPPhoneDirectory>${'<DirectoryEntry><Name>n</Name><Telephone>1</Telephone></DirectoryEntry>'.repeat(40)}</CiscoIPPhoneDirectory>`);
    expect(directory.type === 'Directory' && directory.entries.length).toBe(32);
  });
});
