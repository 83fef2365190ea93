import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type RunningLab } from '../src-lab/lab';
import { HeadlessPhoneProcess } from '../testing/headless-phone-process';
import { clusterOf } from '../testing/lab-clusters';
import { LCD_HEIGHT, LCD_WIDTH } from '../src-firmware/lcd/lcd-raster';

/** Reads an indexed PNG written by png-encoder (8-bit, filter 0) back into palette indexes. */
function decodeIndexedPng(png: Buffer): { width: number; height: number; pixels: Uint8Array } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.subarray(offset + 4, offset + 8).toString('ascii');
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
    } else if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) pixels.set(raw.subarray(y * (width + 1) + 1, (y + 1) * (width + 1)), y * width);
  return { width, height, pixels };
}

const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('the phone\'s own web server, driven as tools drive real Cisco phones', () => {
  let lab: RunningLab;
  let phone: HeadlessPhoneProcess;
  let url: string;

  beforeAll(async () => {
    lab = await startLab({ ephemeralPorts: true, dataDir: null });
    const tftp = clusterOf(lab, 'hq').tftp;
    phone = new HeadlessPhoneProcess(['--mac', '00AABB000001', '--tftp', `${tftp.host}:${tftp.port}`, '--http-port', '0']);
    const http = await phone.waitFor((line) => line.type === 'http');
    url = String(http.url);
    await phone.waitFor((line) => line.type === 'registered');
  });

  afterAll(async () => {
    await phone?.quit();
    await lab?.stop();
  });

  const execute = (xml: string, authorization = basic('ccmadmin', 'cisco')): Promise<Response> => fetch(`${url}/CGI/Execute`, {
    method: 'POST',
    headers: { Authorization: authorization, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ XML: xml }).toString(),
  });

  it('Key:Services opens the services menu and a Key:KeyPad digit picks an item', async () => {
    const answer = await execute('<CiscoIPPhoneExecute><ExecuteItem URL="Key:Services"/></CiscoIPPhoneExecute>');
    expect(answer.status).toBe(200);
    const body = await answer.text();
    expect(body).toContain('<CiscoIPPhoneResponse>');
    expect(body).toMatch(/<ResponseItem Status="0" Data="Success" URL="Key:Services"\/>/);
    const menu = await phone.waitForSnapshot((snapshot) => snapshot.title === 'Services');
    expect(String(menu.body)).toContain('Cross Cluster EM');
    const clock = /(\d+) Clock/.exec(String(menu.body))?.[1] ?? '';
    expect(clock).not.toBe('');
    await execute(`<CiscoIPPhoneExecute><ExecuteItem URL="Key:KeyPad${clock}"/></CiscoIPPhoneExecute>`);
    await phone.waitForSnapshot((snapshot) => snapshot.title === 'Clock');
    await execute('<CiscoIPPhoneExecute><ExecuteItem URL="Init:Services"/></CiscoIPPhoneExecute>');
  });

  it('Dial:1001 places a call the way the user would', async () => {
    const answer = await execute('<CiscoIPPhoneExecute><ExecuteItem URL="Dial:1001"/></CiscoIPPhoneExecute>');
    expect(await answer.text()).toContain('Status="0"');
    const call = await phone.waitFor((line) => line.type === 'call' && line.peer === '1001');
    expect(call).toMatchObject({ dn: '1000', direction: 'outgoing' });
  });

  it('wrong credentials get CiscoIPPhoneError 4 and change nothing', async () => {
    const before = phone.lines.length;
    const answer = await execute('<CiscoIPPhoneExecute><ExecuteItem URL="Key:Settings"/></CiscoIPPhoneExecute>', basic('alice', 'wrong'));
    expect(await answer.text()).toContain('<CiscoIPPhoneError Number="4"/>');
    const missing = await fetch(`${url}/CGI/Execute`, { method: 'POST', body: 'XML=x' });
    expect(await missing.text()).toContain('<CiscoIPPhoneError Number="4"/>');
    expect(phone.lines.slice(before).some((line) => line.type === 'state')).toBe(false);
  });

  it('a user of the cluster may push with their own password, and a malformed Execute is CiscoIPPhoneError 1', async () => {
    const answer = await execute('<CiscoIPPhoneExecute><ExecuteItem URL="Key:Soft3"/>', basic('alice', '12345'));
    expect(await answer.text()).toContain('<CiscoIPPhoneError Number="1"/>');
  });

  it('/CGI/Screenshot is the LCD: a PNG whose pixels change with the screen, or a CiscoIPPhoneImage', async () => {
    const first = decodeIndexedPng(Buffer.from(await (await fetch(`${url}/CGI/Screenshot`)).arrayBuffer()));
    expect([first.width, first.height]).toEqual([LCD_WIDTH, LCD_HEIGHT]);
    expect(new Set(first.pixels).size).toBeGreaterThan(1);
    phone.send('press settings');
    await phone.snapshot();
    const second = decodeIndexedPng(Buffer.from(await (await fetch(`${url}/CGI/Screenshot`)).arrayBuffer()));
    const changed = first.pixels.filter((value, index) => value !== second.pixels[index]).length;
    expect(changed).toBeGreaterThan(500);
    const xml = await (await fetch(`${url}/CGI/Screenshot`, { headers: { Accept: 'x-CiscoIPPhone/Image' } })).text();
    expect(xml).toMatch(/^<\?xml[^>]*>\s*<CiscoIPPhoneImage>/);
    expect(xml).toContain(`<Width>${LCD_WIDTH}</Width>`);
    const data = /<Data>([0-9A-F]+)<\/Data>/.exec(xml)?.[1] ?? '';
    expect(data.length).toBe((LCD_WIDTH * LCD_HEIGHT) / 2);
    const firstPixel = Number.parseInt(data.slice(0, 2), 16) & 3;
    expect(firstPixel).toBe(second.pixels[0]);
  });

  it('serves DeviceInformationX and NetworkConfigurationX', async () => {
    const info = await (await fetch(`${url}/DeviceInformationX`)).text();
    expect(info).toContain('<MACAddress>00AABB000001</MACAddress>');
    expect(info).toContain('<HostName>SEP00AABB000001</HostName>');
    expect(info).toContain('<modelNumber>CP-7960G</modelNumber>');
    expect(info).toContain('<phoneDN>1000</phoneDN>');
    const network = await (await fetch(`${url}/NetworkConfigurationX`)).text();
    expect(network).toMatch(/<TFTPServer1>127\.0\.0\.1:\d+<\/TFTPServer1>/);
    expect(network).toMatch(/<CallManager1>127\.0\.0\.1 Active<\/CallManager1>/);
  });
});
