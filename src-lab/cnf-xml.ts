/**
 * Builds `SEP<MAC>.cnf.xml` and `XMLDefault.cnf.xml` the way CUCM's TFTP
 * service does for a SIP 7960, with the element names of cisco-reference §2.1
 * (usecallmanagernz/tftpboot `SEPMAC.cnf.xml`) and §2.4 (chan-sccp
 * `XMLDefault.cnf.xml`).
 *
 * Documented extension (src-lab/README.md): the emulated registrar speaks SIP
 * over WebSocket (RFC 7118), so each `callManager` also carries
 * `ports/sipWebSocketPort` and, optionally, `sipWebSocketPath`; the phone
 * connects to `ws://{processNodeName}:{sipWebSocketPort}{sipWebSocketPath}`.
 * Real phones ignore unknown elements.
 *
 * Pure: no I/O, the same input gives the same bytes.
 */
import type { ButtonSet } from './topology';

/** One member of the device pool's call-manager group. */
export interface CallManagerRef {
  readonly processNodeName: string;
  /** The nominal SIP port (`sipPort`, 5060); the emulator serves SIP only over WebSocket. */
  readonly sipPort: number;
  readonly webSocketPort: number;
  readonly webSocketPath: string;
}

export interface CnfClusterContext {
  /** Priority 0 first (cisco-reference §2.2). */
  readonly callManagers: readonly CallManagerRef[];
  /** The cluster's admin HTTP server, e.g. `http://127.0.0.1:8081`; base of the ccmcip URLs. */
  readonly adminUrl: string;
  readonly dateTemplate: string;
  readonly timeZone: string;
}

export interface CnfDevice extends ButtonSet {
  readonly name: string;
  readonly model: string;
  readonly description: string;
  readonly versionStamp: string;
  /** The user logged in by Extension Mobility, if any (phoneLabel shows it). */
  readonly loggedInUser: string | null;
}

/** The SIP 7960 load named in generated files (cisco-reference §1.2: `P0S3-8-12-00`). */
export const LOAD_INFORMATION_7960_SIP = 'P0S3-08-12-00';
/** XMLDefault `loadInformation<N>` model numbers (cisco-reference §2.4). */
const LOAD_MODEL_NUMBER: Readonly<Record<string, number>> = { 'Cisco 7960': 7, 'Cisco 7940': 8 };

/** Nominal SIP port written as `sipPort` and line `port`. */
export const NOMINAL_SIP_PORT = 5060;
/** SIP timer defaults (cisco-reference §1.6: timer_register_expires 3600). */
const TIMER_REGISTER_EXPIRES = 3600;

/** Escapes text for XML character data and attribute values. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch] ?? ch)
    // XML 1.0 forbids most C0 controls even escaped.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
}

function element(name: string, value: string | number | boolean): string {
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** Replaces `{admin}` in topology service URLs with the cluster's admin base URL. */
export function expandUrl(url: string, context: CnfClusterContext): string {
  return url.replace(/\{admin\}/g, context.adminUrl);
}

export function serviceUrls(adminUrl: string): { authenticationURL: string; directoryURL: string; servicesURL: string; informationURL: string; messagesURL: string } {
  return {
    authenticationURL: `${adminUrl}/ccmcip/authenticate.jsp`,
    directoryURL: `${adminUrl}/ccmcip/xmldirectory.jsp`,
    servicesURL: `${adminUrl}/ccmcip/getservicesmenu.jsp`,
    informationURL: `${adminUrl}/ccmcip/GetTelecasterHelpText.jsp`,
    messagesURL: '',
  };
}

/** The URL elements both `SEP<MAC>.cnf.xml` and `XMLDefault.cnf.xml` carry, in the order CUCM writes them. */
function serviceUrlElements(urls: ReturnType<typeof serviceUrls>): string[] {
  return [
    `  ${element('authenticationURL', urls.authenticationURL)}`,
    `  ${element('directoryURL', urls.directoryURL)}`,
    '  <idleURL></idleURL>',
    `  ${element('informationURL', urls.informationURL)}`,
    `  ${element('messagesURL', urls.messagesURL)}`,
    '  <proxyServerURL></proxyServerURL>',
    `  ${element('servicesURL', urls.servicesURL)}`,
  ];
}

function callManagerGroup(context: CnfClusterContext, indent: string): string[] {
  const out = [`${indent}<callManagerGroup>`, `${indent}  <members>`];
  context.callManagers.forEach((cm, priority) => {
    out.push(
      `${indent}    <member priority="${priority}">`,
      `${indent}      <callManager>`,
      `${indent}        <ports>`,
      `${indent}          ${element('ethernetPhonePort', 2000)}`,
      `${indent}          ${element('sipPort', cm.sipPort)}`,
      `${indent}          ${element('securedSipPort', cm.sipPort + 1)}`,
      `${indent}          ${element('sipWebSocketPort', cm.webSocketPort)}`,
      `${indent}        </ports>`,
      `${indent}        ${element('processNodeName', cm.processNodeName)}`,
      `${indent}        ${element('sipWebSocketPath', cm.webSocketPath)}`,
      `${indent}      </callManager>`,
      `${indent}    </member>`,
    );
  });
  out.push(`${indent}  </members>`, `${indent}</callManagerGroup>`);
  return out;
}

/** `phoneLabel`: 7900 only, at most 13 characters, no spaces (cisco-reference §2.1). */
function phoneLabel(device: CnfDevice): string {
  const source = device.loggedInUser ?? device.lines[0]?.dn ?? device.name;
  return source.replace(/\s+/g, '').slice(0, 13);
}

function sipLines(device: CnfDevice, context: CnfClusterContext): string[] {
  type Entry = { button: number; body: string[]; lineIndex?: number };
  const entries: Entry[] = [];
  const sorted = [...device.lines].sort((a, b) => a.button - b.button);
  sorted.forEach((line, index) => {
    // Secondary lines omit credentials: the phone reuses the primary's (cisco-reference §2.2).
    const credentials = index === 0 || line.authPassword !== ''
      ? [element('authName', line.authName), element('authPassword', line.authPassword)]
      : [];
    entries.push({
      button: line.button,
      lineIndex: index + 1,
      body: [
        element('featureID', 9),
        element('featureLabel', line.label),
        element('proxy', 'USECALLMANAGER'),
        element('port', NOMINAL_SIP_PORT),
        element('name', line.dn),
        element('displayName', line.displayName),
        element('autoAnswer', ''),
        element('callWaiting', 3),
        ...credentials,
        element('sharedLine', false),
        element('messageWaitingLampPolicy', 3),
        element('messagesNumber', ''),
        element('ringSettingIdle', 4),
        element('ringSettingActive', 5),
        element('contact', line.dn),
        element('maxNumCalls', 2),
        element('busyTrigger', 2),
      ],
    });
  });
  for (const dial of device.speedDials) {
    entries.push({
      button: dial.button,
      body: [element('featureID', 2), element('featureLabel', dial.label), element('speedDialNumber', dial.number)],
    });
  }
  for (const service of device.services) {
    entries.push({
      button: service.button,
      body: [element('featureID', 20), element('featureLabel', service.label), element('serviceURI', expandUrl(service.url, context))],
    });
  }
  entries.sort((a, b) => a.button - b.button);
  const out = ['    <sipLines>'];
  for (const entry of entries) {
    const index = entry.lineIndex === undefined ? '' : ` lineIndex="${entry.lineIndex}"`;
    out.push(`      <line button="${entry.button}"${index}>`, ...entry.body.map((item) => `        ${item}`), '      </line>');
  }
  out.push('    </sipLines>');
  return out;
}

/** `SEP<MAC>.cnf.xml` for one device (its effective buttons: the profile's while a user is logged in). */
export function buildDeviceCnfXml(device: CnfDevice, context: CnfClusterContext): string {
  const urls = serviceUrls(context.adminUrl);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<device xsi:type="axl:XIPPhone" ctiid="1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:axl="http://www.cisco.com/AXL/API/1.0">',
    `  ${element('fullConfig', true)}`,
    `  ${element('deviceProtocol', 'SIP')}`,
    '  <sshUserId></sshUserId>',
    '  <sshPassword></sshPassword>',
    '  <devicePool>',
    '    <dateTimeSetting>',
    `      ${element('dateTemplate', context.dateTemplate)}`,
    `      ${element('timeZone', context.timeZone)}`,
    '    </dateTimeSetting>',
    ...callManagerGroup(context, '    '),
    '  </devicePool>',
    '  <sipProfile>',
    '    <sipProxies>',
    `      ${element('registerWithProxy', true)}`,
    '    </sipProxies>',
    '    <sipCallFeatures>',
    `      ${element('cnfJoinEnabled', true)}`,
    `      ${element('rfc2543Hold', false)}`,
    `      ${element('callHoldRingback', 2)}`,
    `      ${element('localCfwdEnable', true)}`,
    '    </sipCallFeatures>',
    '    <sipStack>',
    `      ${element('sipInviteRetx', 6)}`,
    `      ${element('sipRetx', 10)}`,
    `      ${element('timerInviteExpires', 180)}`,
    `      ${element('timerRegisterExpires', TIMER_REGISTER_EXPIRES)}`,
    `      ${element('timerRegisterDelta', 5)}`,
    `      ${element('timerKeepAliveExpires', 120)}`,
    `      ${element('timerT1', 500)}`,
    `      ${element('timerT2', 4000)}`,
    '    </sipStack>',
    `    ${element('autoAnswerTimer', 1)}`,
    `    ${element('stutterMsgWaiting', 2)}`,
    `    ${element('phoneLabel', phoneLabel(device))}`,
    `    ${element('dialTemplate', 'dialplan.xml')}`,
    ...sipLines(device, context),
    '  </sipProfile>',
    '  <commonProfile>',
    '    <phonePassword></phonePassword>',
    `    ${element('backgroundImageAccess', true)}`,
    `    ${element('callLogBlfEnabled', 1)}`,
    '  </commonProfile>',
    `  ${element('loadInformation', LOAD_INFORMATION_7960_SIP)}`,
    '  <vendorConfig>',
    `    ${element('disableSpeaker', false)}`,
    `    ${element('disableSpeakerAndHeadset', false)}`,
    `    ${element('pcPort', 0)}`,
    `    ${element('settingsAccess', 1)}`,
    `    ${element('garp', 1)}`,
    `    ${element('voiceVlanAccess', 0)}`,
    `    ${element('autoSelectLineEnable', 1)}`,
    `    ${element('webAccess', 0)}`,
    '  </vendorConfig>',
    `  ${element('versionStamp', device.versionStamp)}`,
    '  <userLocale>',
    `    ${element('name', 'English_United_States')}`,
    `    ${element('uid', 1)}`,
    `    ${element('langCode', 'en_US')}`,
    `    ${element('version', '8.12.0.0')}`,
    `    ${element('winCharSet', 'utf-8')}`,
    '  </userLocale>',
    `  ${element('networkLocale', 'United_States')}`,
    '  <networkLocaleInfo>',
    `    ${element('name', 'United_States')}`,
    `    ${element('uid', 64)}`,
    `    ${element('version', '8.12.0.0')}`,
    '  </networkLocaleInfo>',
    `  ${element('deviceSecurityMode', 1)}`,
    `  ${element('idleTimeout', 0)}`,
    ...serviceUrlElements(urls),
    `  ${element('transportLayerProtocol', 1)}`,
    `  ${element('capfAuthMode', 0)}`,
    '  <certHash></certHash>',
    `  ${element('encrConfig', false)}`,
    '</device>',
    '',
  ];
  return lines.join('\n');
}

/** `XMLDefault.cnf.xml` (`<Default>` root, cisco-reference §2.4) for phones the cluster does not know. */
export function buildXmlDefault(context: CnfClusterContext): string {
  const urls = serviceUrls(context.adminUrl);
  const loads = Object.entries(LOAD_MODEL_NUMBER).map(
    ([model, number]) => `  <loadInformation${number} model="${escapeXml(model)}">${escapeXml(LOAD_INFORMATION_7960_SIP)}</loadInformation${number}>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Default>',
    ...callManagerGroup(context, '  '),
    ...loads,
    ...serviceUrlElements(urls),
    '</Default>',
    '',
  ].join('\n');
}
