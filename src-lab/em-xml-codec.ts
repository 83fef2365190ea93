/**
 * Extension Mobility API messages (cisco-reference §4.2, Cisco "Extension
 * Mobility API" request-types reference): decoding `<request>` (login,
 * logout) and `<query>` (deviceUserQuery, userDevicesQuery) documents, and
 * encoding `<response>`s.
 *
 * Decoding never throws anything but `EmFailure` (code 1 for a document that
 * does not parse or has no known request). Parsing uses the firmware's
 * defensive XML parser.
 */
import { parseXml, type XmlElement } from '../src-firmware/xml/xml-parser';
import { childNamed, childrenNamed, childText, elementChildren, elementText, localName, xmlElement } from './xml-local-names';
import { escapeXml } from './cnf-xml';

/** EM service response codes (cisco-reference §4.3). */
export const EM_CODE = {
  unknown: 0,
  parse: 1,
  blankUserId: 2,
  invalidAppUser: 3,
  policy: 4,
  deviceLogonDisabled: 5,
  database: 6,
  queryType: 8,
  deviceDoesNotExist: 11,
  deviceProfileNotFound: 12,
  anotherUserLoggedIn: 18,
  noUserLoggedIn: 19,
  userDoesNotExist: 23,
  multiLoginNotAllowed: 25,
} as const;

export type EmCode = (typeof EM_CODE)[keyof typeof EM_CODE];

export const EM_MESSAGE: Readonly<Record<EmCode, string>> = {
  0: 'Unknown error',
  1: 'Error on parsing the request',
  2: 'Blank userID',
  3: 'Invalid app user',
  4: 'Policy validation error',
  5: 'Device logon disabled',
  6: 'Database error',
  8: 'Query type undetermined',
  11: 'Device does not exist',
  12: 'Device profile not found',
  18: 'Another user logged in',
  19: 'No user logged in',
  23: 'User does not exist',
  25: 'Multi-login not allowed',
};

export class EmFailure extends Error {
  constructor(readonly code: EmCode, message: string = EM_MESSAGE[code]) {
    super(message);
    this.name = 'EmFailure';
  }
}

export interface EmAppInfo {
  readonly appId: string;
  readonly appCertificate: string;
}

/** Login duration: minutes, or until logged out. */
export type EmDuration = { readonly minutes: number } | 'indefinite';

export type EmRequest =
  | { readonly kind: 'login'; readonly appInfo: EmAppInfo; readonly deviceName: string; readonly userId: string; readonly deviceProfile?: string; readonly duration?: EmDuration }
  | { readonly kind: 'logout'; readonly appInfo: EmAppInfo; readonly deviceName: string }
  | { readonly kind: 'deviceUserQuery'; readonly appInfo: EmAppInfo; readonly deviceNames: readonly string[] }
  | { readonly kind: 'userDevicesQuery'; readonly appInfo: EmAppInfo; readonly userIds: readonly string[] };

/** One device's row in deviceUserResults. */
export type DeviceUserResult =
  | { readonly device: string; readonly state: 'user'; readonly userId: string }
  | { readonly device: string; readonly state: 'none' | 'doesNotExist' };

export type UserDevicesResult =
  | { readonly userId: string; readonly state: 'devices'; readonly devices: readonly string[] }
  | { readonly userId: string; readonly state: 'none' | 'doesNotExist' };

export type EmResponse =
  | { readonly kind: 'success' }
  | { readonly kind: 'failure'; readonly code: EmCode; readonly message: string }
  | { readonly kind: 'deviceUserResults'; readonly results: readonly DeviceUserResult[] }
  | { readonly kind: 'userDevicesResults'; readonly results: readonly UserDevicesResult[] };

function duration(login: XmlElement): EmDuration | undefined {
  const holder = childNamed(login, 'exclusiveDuration') ?? childNamed(login, 'duration');
  if (holder === undefined) return undefined;
  if (childNamed(holder, 'indefinite') !== undefined) return 'indefinite';
  const time = childText(holder, 'time');
  const minutes = Number(time);
  if (time === undefined || !Number.isInteger(minutes) || minutes <= 0) throw new EmFailure(EM_CODE.parse, 'exclusiveDuration needs <time> in minutes or <indefinite/>');
  return { minutes };
}

export function decodeEmRequest(xml: string): EmRequest {
  let root: XmlElement;
  try {
    root = parseXml(xml, { maxLength: 64 * 1024, maxDepth: 12, maxElements: 2000 });
  } catch (error) {
    throw new EmFailure(EM_CODE.parse, `Error on parsing the request: ${(error as Error).message}`);
  }
  const rootName = localName(root.name);
  if (rootName !== 'request' && rootName !== 'query') throw new EmFailure(EM_CODE.parse, `Unexpected root <${root.name}>`);
  const appInfo: EmAppInfo = {
    appId: childText(root, 'appInfo', 'appID') ?? '',
    appCertificate: childText(root, 'appInfo', 'appCertificate') ?? '',
  };
  const body = elementChildren(root).find((e) => localName(e.name) !== 'appInfo');
  if (body === undefined) throw new EmFailure(rootName === 'query' ? EM_CODE.queryType : EM_CODE.parse);
  switch (localName(body.name)) {
    case 'login': {
      const found = duration(body);
      const deviceProfile = childText(body, 'deviceProfile');
      return {
        kind: 'login', appInfo,
        deviceName: childText(body, 'deviceName') ?? '',
        userId: childText(body, 'userID') ?? '',
        ...(deviceProfile ? { deviceProfile } : {}),
        ...(found === undefined ? {} : { duration: found }),
      };
    }
    case 'logout':
      return { kind: 'logout', appInfo, deviceName: childText(body, 'deviceName') ?? '' };
    case 'deviceUserQuery':
      return { kind: 'deviceUserQuery', appInfo, deviceNames: childrenNamed(body, 'deviceName').map(elementText) };
    case 'userDevicesQuery':
      return { kind: 'userDevicesQuery', appInfo, userIds: childrenNamed(body, 'userID').map(elementText) };
    default:
      throw new EmFailure(rootName === 'query' ? EM_CODE.queryType : EM_CODE.parse, `Unknown request <${body.name}>`);
  }
}

export function encodeEmResponse(response: EmResponse): string {
  const declaration = '<?xml version="1.0" encoding="UTF-8"?>\n';
  switch (response.kind) {
    case 'success':
      return `${declaration}<response><success/></response>\n`;
    case 'failure':
      return `${declaration}<response><failure><error code="${response.code}">${escapeXml(response.message)}</error></failure></response>\n`;
    case 'deviceUserResults': {
      const rows = response.results.map((row) =>
        `<device name="${escapeXml(row.device)}">${row.state === 'user' ? xmlElement('userID', row.userId) : `<${row.state}/>`}</device>`);
      return `${declaration}<response><deviceUserResults>${rows.join('')}</deviceUserResults></response>\n`;
    }
    case 'userDevicesResults': {
      const rows = response.results.map((row) =>
        `<user id="${escapeXml(row.userId)}">${row.state === 'devices' ? row.devices.map((d) => xmlElement('deviceName', d)).join('') : `<${row.state}/>`}</user>`);
      return `${declaration}<response><userDevicesResults>${rows.join('')}</userDevicesResults></response>\n`;
    }
  }
}
