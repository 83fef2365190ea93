import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childElements, parseXml, textAt, type XmlElement } from '../src-firmware/xml/xml-parser';
import { startLab, type RunningCluster, type RunningLab } from './lab';

let lab: RunningLab;
const hq = (): RunningCluster => lab.cluster('hq')!;
const branch = (): RunningCluster => lab.cluster('branch')!;

beforeAll(async () => {
  lab = await startLab({ ephemeralPorts: true, dataDir: null });
});
afterAll(async () => {
  await lab.stop();
});

async function phoneGet(url: string): Promise<{ status: number; type: string | null; headers: Headers; text: string; xml: XmlElement }> {
  const response = await fetch(url, { headers: { 'x-CiscoIPPhoneModelName': 'CP-7960G' } });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), headers: response.headers, text, xml: parseXml(text) };
}

function menuItems(menu: XmlElement): { name: string; url: string }[] {
  return childElements(menu, 'MenuItem').map((item) => ({ name: textAt(item, 'Name') ?? '', url: textAt(item, 'URL') ?? '' }));
}

describe('a phone presses Services', () => {
  it('gets the cluster menu: its own services, Cross Cluster EM with #DEVICENAME# left for the phone, and the samples', async () => {
    const answer = await phoneGet(`${hq().adminUrl}/ccmcip/getservicesmenu.jsp?name=SEP00AABB000001`);
    expect(answer.type).toBe('text/xml; charset=utf-8');
    expect(answer.xml.name).toBe('CiscoIPPhoneMenu');
    expect(textAt(answer.xml, 'Title')).toBe('Services');
    const items = menuItems(answer.xml);
    expect(items.map((i) => i.name)).toEqual(['HQ Canteen Menu', 'Cross Cluster EM', 'Clock', 'Lab Picture', 'Echo']);
    expect(items[0]!.url).toBe(`${hq().adminUrl}/services/echo?service=canteen`);
    expect(items[1]!.url).toBe(`${lab.ccem!.url}/ccem/login?device=#DEVICENAME#`);
    expect(answer.text).toContain('?device=#DEVICENAME#</URL>');
  });

  it('follows the CCEM URL once it is set after start, in every cluster', async () => {
    const embedded = lab.ccemUrl;
    lab.setCcemUrl('http://127.0.0.1:9/ccem/login?lang=en');
    try {
      expect(lab.ccemUrl).toBe('http://127.0.0.1:9/ccem/login?lang=en');
      const items = menuItems((await phoneGet(`${branch().adminUrl}/ccmcip/getservicesmenu.jsp`)).xml);
      expect(items.map((i) => i.name)).toEqual(['Cross Cluster EM', 'Clock', 'Lab Picture', 'Echo']);
      expect(items[0]!.url).toBe('http://127.0.0.1:9/ccem/login?lang=en&device=#DEVICENAME#');
    } finally {
      lab.setCcemUrl(embedded);
    }
  });

  it('Clock shows the time as CiscoIPPhoneText with Refresh: 30', async () => {
    const answer = await phoneGet(`${hq().adminUrl}/services/clock`);
    expect(answer.xml.name).toBe('CiscoIPPhoneText');
    expect(answer.headers.get('refresh')).toBe('30');
    expect(textAt(answer.xml, 'Text')).toMatch(/^\d\d:\d\d:\d\d UTC\n\w+day,? \d{1,2} \w+ \d{4}$/);
  });

  it('Lab Picture is a 133 x 65, 2-bit image packed four pixels a byte, first pixel in the low bits', async () => {
    const answer = await phoneGet(`${hq().adminUrl}/services/image`);
    expect(answer.xml.name).toBe('CiscoIPPhoneImage');
    expect([textAt(answer.xml, 'Width'), textAt(answer.xml, 'Height'), textAt(answer.xml, 'Depth')]).toEqual(['133', '65', '2']);
    const data = textAt(answer.xml, 'Data')!;
    expect(data).toMatch(/^[0-9A-F]+$/);
    expect(data.length).toBe(Math.ceil((133 * 65) / 4) * 2);
    const pixel = (index: number): number => (Number.parseInt(data.slice((index >> 2) * 2, (index >> 2) * 2 + 2), 16) >> ((index & 3) * 2)) & 3;
    expect(pixel(0)).toBe(3);
    expect(pixel(132)).toBe(3);
    expect(pixel(133 + 1)).toBe(0);
    expect(pixel(64 * 133 + 66)).toBe(3);
    expect(pixel(133 + 131)).toBe(2);
  });

  it('Echo is an Input whose Submit gets the exact query string back', async () => {
    const input = await phoneGet(`${hq().adminUrl}/services/echo`);
    expect(input.xml.name).toBe('CiscoIPPhoneInput');
    const target = textAt(input.xml, 'URL')!;
    expect(childElements(input.xml, 'InputItem').map((i) => textAt(i, 'InputFlags'))).toEqual(['A', 'T', 'NP']);
    const query = 'text=Hello%20%26%20%3Cworld%3E&number=1001%23&secret=42';
    const echoed = await phoneGet(`${target}?${query}`);
    expect(echoed.xml.name).toBe('CiscoIPPhoneText');
    expect(textAt(echoed.xml, 'Text')).toBe(query);
  });
});

describe('a phone presses Directories', () => {
  it('searches the corporate directory of every cluster and dials from the result', async () => {
    const menu = await phoneGet(`${branch().adminUrl}/ccmcip/xmldirectory.jsp`);
    expect(menuItems(menu.xml)).toEqual([{ name: 'Corporate Directory', url: `${branch().adminUrl}/ccmcip/xmldirectoryinput.jsp` }]);
    const input = await phoneGet(menuItems(menu.xml)[0]!.url);
    expect(input.xml.name).toBe('CiscoIPPhoneInput');
    expect(childElements(input.xml, 'InputItem').map((i) => [textAt(i, 'DisplayName'), textAt(i, 'QueryStringParam'), textAt(i, 'InputFlags')]))
      .toEqual([['First name', 'f', 'A'], ['Last name', 'l', 'A'], ['Number', 'n', 'T']]);

    const list = await phoneGet(`${textAt(input.xml, 'URL')}?f=al&l=&n=`);
    expect(list.xml.name).toBe('CiscoIPPhoneDirectory');
    expect(childElements(list.xml, 'DirectoryEntry').map((e) => [textAt(e, 'Name'), textAt(e, 'Telephone')])).toEqual([['Alice Meyer', '1001']]);
    expect(textAt(list.xml, 'Prompt')).toBe('Records 1 to 1 of 1');

    const byNumber = await phoneGet(`${textAt(input.xml, 'URL')}?f=&l=&n=20`);
    expect(childElements(byNumber.xml, 'DirectoryEntry').map((e) => textAt(e, 'Name'))).toEqual(['Devi Raman', 'Chen Wei']);

    const everyone = await phoneGet(`${textAt(input.xml, 'URL')}?f=&l=&n=`);
    expect(childElements(everyone.xml, 'DirectoryEntry').map((e) => textAt(e, 'Telephone'))).toEqual(['1001', '2002', '1002', '2001']);
    expect(childElements(everyone.xml, 'SoftKeyItem')).toEqual([]);

    const nobody = await phoneGet(`${textAt(input.xml, 'URL')}?l=zzz`);
    expect(childElements(nobody.xml, 'DirectoryEntry')).toEqual([]);
    expect(textAt(nobody.xml, 'Prompt')).toBe('No records found');
  });

  it('pages more than 32 matches with a Next softkey', async () => {
    const many = await startLab({
      ephemeralPorts: true,
      dataDir: null,
      topology: {
        ...lab.topology,
        clusters: lab.topology.clusters.map((c) => c.id !== 'hq' ? c : {
          ...c,
          users: [...c.users, ...Array.from({ length: 40 }, (_, i) => ({
            ...c.users[0]!, userId: `temp${i}`, name: `Temp User${String(i).padStart(2, '0')}`, dn: String(1100 + i),
          }))],
        }),
      },
    });
    try {
      const base = `${many.cluster('hq')!.adminUrl}/ccmcip/xmldirectorylist.jsp`;
      const first = await phoneGet(`${base}?f=temp`);
      expect(childElements(first.xml, 'DirectoryEntry')).toHaveLength(32);
      expect(textAt(first.xml, 'Prompt')).toBe('Records 1 to 32 of 40');
      const next = childElements(first.xml, 'SoftKeyItem').find((k) => textAt(k, 'Name') === 'Next')!;
      expect(childElements(first.xml, 'SoftKeyItem').map((k) => textAt(k, 'URL'))).toContain('SoftKey:Dial');
      const second = await phoneGet(textAt(next, 'URL')!);
      expect(childElements(second.xml, 'DirectoryEntry').map((e) => textAt(e, 'Name'))[0]).toBe('Temp User32');
      expect(textAt(second.xml, 'Prompt')).toBe('Records 33 to 40 of 40');
    } finally {
      await many.stop();
    }
  });
});

describe('a push to /CGI/Execute is authorised through authenticate.jsp', () => {
  const ask = async (cluster: RunningCluster, query: string): Promise<{ text: string; type: string | null }> => {
    const response = await fetch(`${cluster.adminUrl}/ccmcip/authenticate.jsp?${query}`);
    return { text: await response.text(), type: response.headers.get('content-type') };
  };

  it('answers exactly AUTHORIZED for a user of the cluster with the password, or the application user', async () => {
    expect(await ask(hq(), 'UserID=alice&Password=12345&devicename=SEP00AABB000001'))
      .toEqual({ text: 'AUTHORIZED', type: 'text/plain; charset=utf-8' });
    expect((await ask(hq(), 'UserID=ccmadmin&Password=cisco&devicename=SEP00AABB000001')).text).toBe('AUTHORIZED');
    expect((await ask(branch(), 'UserID=chen&Password=54321')).text).toBe('AUTHORIZED');
  });

  it('answers ERROR for a wrong password, a user of another cluster, or nothing', async () => {
    expect((await ask(hq(), 'UserID=alice&Password=54321&devicename=SEP00AABB000001')).text).toBe('ERROR');
    expect((await ask(hq(), 'UserID=chen&Password=54321')).text).toBe('ERROR');
    expect((await ask(hq(), 'UserID=&Password=')).text).toBe('ERROR');
    expect((await ask(hq(), '')).text).toBe('ERROR');
  });
});
