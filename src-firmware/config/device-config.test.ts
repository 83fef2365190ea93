import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseDeviceConfig, primaryLine } from './device-config';

const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../testing/fixtures/${name}`, import.meta.url)));

describe('SEP<MAC>.cnf.xml as a SIP call manager writes it', () => {
  const config = parseDeviceConfig(fixture('SEP00AABB0000A1.cnf.xml'));

  it('reads lines, speed dials and service buttons by button number', () => {
    expect(config.kind).toBe('device');
    expect(config.protocol).toBe('SIP');
    expect(config.buttons.map((button) => [button.button, button.kind, button.label])).toEqual([
      [1, 'line', 'Alice 1001'], [2, 'speed-dial', 'Bob'], [3, 'service', 'EM & more'], [4, 'line', 'Shared 1010'],
    ]);
    const line = primaryLine(config);
    expect(line).toMatchObject({ dn: '1001', displayName: 'Alice Martin', authName: '1001', authPassword: 's3cret&pw', messagesNumber: '8000' });
  });

  it('lets a secondary line without credentials reuse the primary line\'s', () => {
    expect(config.buttons[3]).toMatchObject({ kind: 'line', dn: '1010', authName: '1001', authPassword: 's3cret&pw' });
  });

  it('orders call managers by priority and finds their WebSocket endpoints', () => {
    expect(config.callManagers).toEqual([
      { priority: 0, host: '127.0.0.1', sipPort: 5060, webSocketUrl: 'ws://127.0.0.1:5090/' },
      { priority: 1, host: '127.0.0.2', sipPort: 5060, webSocketUrl: 'ws://127.0.0.2:5091/' },
    ]);
  });

  it('reads the date template, label, URLs and version stamp', () => {
    expect(config.dateTemplate).toBe('D/M/YA');
    expect(config.phoneLabel).toBe('ALICE');
    expect(config.registerExpires).toBe(600);
    expect(config.urls.services).toBe('http://127.0.0.1:8081/ccmcip/getservicesmenu.jsp');
    expect(config.versionStamp).toMatch(/^1733220000-/);
    expect(config.loadInformation).toBe('P0S3-08-12-00');
  });
});

describe('the parser is tolerant of what real files contain', () => {
  it('accepts a BOM, CRLF, ISO-8859-1, unknown elements and any element order', () => {
    const head = '<?xml version="1.0" encoding="ISO-8859-1"?>\r\n<device>\r\n<somethingNew x="1"><deep/></somethingNew>\r\n';
    const body = '<sipProfile><sipLines><line button="1"><name>2001</name><featureLabel>Ren';
    const tail = ' 2001</featureLabel><featureID>9</featureID></line></sipLines></sipProfile>\r\n<devicePool><callManagerGroup><members><member priority="0"><callManager><processNodeName>cm</processNodeName></callManager></member></members></callManagerGroup></devicePool></device>\r\n';
    const file = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(head + body, 'latin1'), 0xe9, ...Buffer.from(tail, 'latin1')]);
    // A BOM says UTF-8 whatever the declaration says; 0xE9 alone is then invalid UTF-8 and becomes U+FFFD.
    expect(parseDeviceConfig(file).buttons[0]).toMatchObject({ dn: '2001', label: 'Ren\uFFFD 2001' });
    const latin1 = new Uint8Array([...Buffer.from(head + body, 'latin1'), 0xe9, ...Buffer.from(tail, 'latin1')]);
    const parsed = parseDeviceConfig(latin1);
    expect(parsed.buttons[0]).toMatchObject({ dn: '2001', label: 'René 2001' });
    expect(parsed.callManagers).toEqual([{ priority: 0, host: 'cm', sipPort: 5060 }]);
  });

  it('reads the older SCCP-style file, which has no lines', () => {
    const sccp = `<device><devicePool><dateTimeSetting><dateTemplate>M-D-Y</dateTemplate></dateTimeSetting>
      <callManagerGroup><members><member priority="0"><callManager><ports><ethernetPhonePort>2000</ethernetPhonePort></ports>
      <processNodeName>10.0.0.1</processNodeName></callManager></member></members></callManagerGroup></devicePool>
      <loadInformation>P00308010100</loadInformation><transportLayerProtocol>4</transportLayerProtocol></device>`;
    const config = parseDeviceConfig(bytes(sccp));
    expect(config.protocol).toBe('SCCP');
    expect(config.buttons).toEqual([]);
    expect(config.callManagers[0]?.host).toBe('10.0.0.1');
    expect(config.loadInformation).toBe('P00308010100');
  });

  it('reads XMLDefault.cnf.xml with its per-model load', () => {
    const xmlDefault = `<Default><callManagerGroup><members><member priority="0"><callManager><processNodeName>cm1</processNodeName></callManager></member></members></callManagerGroup>
      <loadInformation8 model="Cisco 7940">P0030801SR02</loadInformation8><loadInformation7 model="Cisco 7960">P0030801SR01</loadInformation7>
      <servicesURL>http://cm1/services</servicesURL></Default>`;
    const config = parseDeviceConfig(bytes(xmlDefault));
    expect(config.kind).toBe('default');
    expect(config.loadInformation).toBe('P0030801SR01');
    expect(config.callManagers.map((manager) => manager.host)).toEqual(['cm1']);
    expect(config.urls.services).toBe('http://cm1/services');
  });

  it.each([
    ['truncated XML', '<device><devicePool>'],
    ['a DTD', '<!DOCTYPE device SYSTEM "http://evil/x.dtd"><device/>'],
    ['the wrong root', '<CiscoIPPhoneMenu/>'],
    ['binary junk', '\u0000\u0001PK\u0003\u0004'],
  ])('turns %s into a configuration error', (_what, text) => {
    expect(() => parseDeviceConfig(bytes(text))).toThrow(ConfigError);
  });

  it('refuses an oversized file', () => {
    expect(() => parseDeviceConfig(new Uint8Array(300 * 1024))).toThrow(/larger than/);
  });
});
