import { inflateSync } from 'node:zlib';
import { expect, PHONE_MAC, test } from './fixtures';
import { CallPhone } from './pages/call-page';
import { HandsetPage } from './pages/handset-page';

const ALICE_DESK = '00AABB000003';
const executeXml = (...urls: string[]): string =>
  `<CiscoIPPhoneExecute>${urls.map((url) => `<ExecuteItem URL="${url}"/>`).join('')}</CiscoIPPhoneExecute>`;
const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** Width, height and the inflated scanlines of a PNG (RFC 2083: IHDR first, IDAT chunks concatenated). */
function readPng(png: Buffer): { width: number; height: number; pixels: Buffer } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const idat: Buffer[] = [];
  for (let offset = 8; offset < png.length;) {
    const length = png.readUInt32BE(offset);
    const type = png.subarray(offset + 4, offset + 8).toString('latin1');
    if (type === 'IDAT') idat.push(png.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), pixels: inflateSync(Buffer.concat(idat)) };
}

test.describe('the phone\'s own web server, run by the browser shell\'s host', () => {
  test.skip(process.env.PHONE_SHELL === 'electron', 'the browser shell\'s host');

  test('/CGI/Execute drives the page\'s phone (Key:Services, Dial:1001); wrong credentials get Error 4; /CGI/Screenshot follows the LCD', async ({ page, context, request }) => {
    const handset = await HandsetPage.open(page, PHONE_MAC);
    const hq = await new CallPhone(handset, PHONE_MAC).waitRegistered();
    const webUrl = page.getByTestId('phone-web-url');
    await expect(webUrl).toHaveAttribute('data-url', /^http:\/\/127\.0\.0\.1:\d+$/);
    const url = (await webUrl.getAttribute('data-url')) ?? '';
    expect(await page.evaluate((mac) => window.__phones?.[mac]?.webUrl(), PHONE_MAC)).toBe(url);
    const shell = (await (await request.get('/api/shell')).json()) as { phones: { mac: string; url: string }[] };
    expect(shell.phones).toContainEqual({ mac: PHONE_MAC, url });

    const push = (xml: string, user = 'alice', password = '12345') =>
      request.post(`${url}/CGI/Execute`, { form: { XML: xml }, headers: { Authorization: basic(user, password) } });
    const screenshot = async () => readPng(Buffer.from(await (await request.get(`${url}/CGI/Screenshot`)).body()));

    const idle = await screenshot();
    expect([idle.width, idle.height]).toEqual([320, 222]);

    const refused = await push(executeXml('Key:Services'), 'alice', 'wrong');
    expect(refused.status()).toBe(401);
    expect(await refused.text()).toContain('<CiscoIPPhoneError Number="4"/>');
    await expect(handset.title).toHaveCount(0);

    const services = await push(executeXml('Key:Services'));
    expect(services.status()).toBe(200);
    expect(await services.text()).toMatch(/<ResponseItem Status="0" Data="Success" URL="Key:Services"\/>/);
    await expect(handset.title).toHaveText('Services');
    await expect(handset.row('Echo')).toHaveCount(1);
    const menu = await screenshot();
    expect([menu.width, menu.height]).toEqual([320, 222]);
    expect(menu.pixels.equals(idle.pixels)).toBe(false);

    const exit = await push(executeXml('Key:Services'), 'ccmadmin', 'cisco');
    expect(await exit.text()).toContain('Status="0"');
    await expect(handset.title).toHaveCount(0);

    /* Alice's desk phone (1001) in another page rings when the web server dials it. */
    const alicePage = await context.newPage();
    const alice = await new CallPhone(await HandsetPage.open(alicePage, ALICE_DESK), ALICE_DESK).waitRegistered();
    const dial = await push(executeXml('Dial:1001'));
    expect(await dial.text()).toContain('URL="Dial:1001"');
    await expect(hq.callRow(/Ring Out|Dialing/)).toHaveCount(1);
    await expect(handset.body).toContainText('1001');
    await alice.waitRinging();
    await handset.pressSoftkey('EndCall');
    await hq.waitIdle();
    await alice.waitIdle();
  });
});
